"""The exchange pages (issue 22): partners and keys (shown once, stored hashed, revoked after a confirmation),
rotation, the exchange log with counts and errors per day, the 数据资源目录, audit and jurisdiction."""

import re

import pytest
from django.test import Client

from yingji.core.models import AuditEntry
from yingji.exchange import keys
from yingji.exchange.models import Partner, PartnerKey

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_demo_partners_are_listed_and_their_keys_work(users, api):
    page = login(users["sysadmin"]).get("/exchange/").content.decode()
    for name in ("公安110指挥中心", "区气象局", "船山水文站", "桂花镇综治中心"):
        assert name in page
    reply = api().get("/api/exchange/catalogue/", HTTP_AUTHORIZATION="Partner yjp_demo110_Chuanshan-demo-only-110")
    assert reply.status_code == 200 and {d["code"] for d in reply.json()} == {"incidents-in", "events-out"}


def test_a_new_partner_and_key_are_shown_once_stored_hashed_and_audited(users, regions, api):
    client = login(users["sysadmin"])
    reply = client.post("/exchange/partners/new/", {
        "code": "ws-120", "name": "120急救指挥中心", "kind": "department", "region": regions["district"].pk,
        "scopes": ["incidents:write"], "rate_per_minute": 100})
    assert reply.status_code == 200 and "离开本页后将无法再次查看" in reply.content.decode()
    partner = Partner.objects.get(code="ws-120")
    assert AuditEntry.objects.filter(model="exchange.Partner", object_id=str(partner.pk), action="create").exists()
    reply = client.post(f"/exchange/partners/{partner.uuid}/keys/", {"label": "生产"})
    key = re.search(r'id="secret"[^>]*>(yjp_[^<]+)<', reply.content.decode()).group(1)
    assert reply["Cache-Control"] == "no-store"
    record = PartnerKey.objects.get(partner=partner)
    assert record.digest == keys.digest(key) and key not in str(PartnerKey.objects.filter(pk=record.pk).values()[0])
    detail = client.get(f"/exchange/partners/{partner.uuid}/").content.decode()
    assert key not in detail and f"{record.prefix}…" in detail
    assert 'data-confirm="吊销后使用密钥' in detail  # revoking asks first
    assert api().get("/api/exchange/catalogue/", HTTP_AUTHORIZATION=f"Partner {key}").status_code == 403
    client.post(f"/exchange/partners/{partner.uuid}/keys/{record.uuid}/revoke/")
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert AuditEntry.objects.filter(model="exchange.PartnerKey", object_id=str(record.pk), action="update").exists()
    reply = api().post("/api/exchange/incidents/", {}, format="json", HTTP_AUTHORIZATION=f"Partner {key}")
    assert reply.json()["error"]["code"] == "key_revoked"


def test_rotation_page_shows_the_new_key_and_keeps_the_old_one_for_the_overlap(users, partner, key, api):
    reply = login(users["sysadmin"]).post(f"/exchange/partners/{partner.uuid}/keys/rotate/", {"overlap_hours": 2})
    new_key = re.search(r'id="secret"[^>]*>(yjp_[^<]+)<', reply.content.decode()).group(1)
    for k in (key, new_key):
        assert api().get("/api/exchange/catalogue/", HTTP_AUTHORIZATION=f"Partner {k}").status_code == 200
    assert PartnerKey.objects.filter(partner=partner, expires_at__isnull=False).count() == 1


def test_exchange_log_counts_calls_and_errors_per_day(users, client, partner):
    client.get("/api/exchange/catalogue/")
    client.post("/api/exchange/incidents/", {"id": "x"}, format="json")
    page = login(users["commander"]).get("/exchange/log/").content.decode()
    row = re.search(r"<td>测试伙伴</td><td>(\d+)</td><td[^>]*>(\d+)</td>", page)
    assert row.groups() == ("2", "1")
    assert "<code>invalid</code>" in page or "<code>required</code>" in page


def test_catalogue_page(users):
    page = login(users["commander"]).get("/exchange/catalogue/").content.decode()
    assert "雨量、水位监测数据" in page and "船山水文站" in page and "Webhook" in page


def test_township_user_sees_only_partners_of_its_township(users):
    page = login(users["township-guihua"]).get("/exchange/").content.decode()
    assert "桂花镇综治中心" in page and "公安110指挥中心" not in page


def test_only_the_system_admin_manages_partners(users, partner):
    commander = login(users["commander"])
    assert commander.get("/exchange/partners/new/").status_code == 403
    assert commander.post(f"/exchange/partners/{partner.uuid}/keys/rotate/", {"overlap_hours": 1}).status_code == 404
    assert not PartnerKey.objects.filter(partner=partner).exists()


def test_garbage_in_every_management_form_is_a_message_not_a_500(users, partner):
    client = login(users["sysadmin"])
    base = f"/exchange/partners/{partner.uuid}"
    garbage = [{}, {"overlap_hours": "abc", "expires_at": "x", "scopes": ["nope"], "url": "ftp://x", "events": ["x"],
                    "kind": "zzz", "mapping": "{", "every_seconds": "-1", "name": "x" * 500}]
    for path in (f"{base}/keys/", f"{base}/keys/rotate/", f"{base}/subscriptions/", f"{base}/feeds/",
                 "/exchange/partners/new/"):
        for data in garbage:
            assert client.post(path, data).status_code in (200, 400), (path, data)  # refused: the form again
    assert partner.keys.count() == 1  # the empty key form is a valid request: a key with the partner's scopes
    assert not partner.subscriptions.exists() and not partner.feeds.exists()
    past = client.post(f"{base}/keys/", {"expires_at": "2020-01-01T00:00"})
    assert past.status_code == 400 and partner.keys.count() == 1
    assert "yj-form-errors" in past.content.decode()  # said beside the key form, not only in a banner
