"""Read allow-lists per partner (issue 22): every GET endpoint of the partner API names its feed, a partner reads
only the feeds the bureau granted it (403 `feed_not_allowed` otherwise, logged), a new partner reads nothing, the
grants are edited on the partner's page after a confirmation and audited."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from yingji.core.models import AuditEntry
from yingji.exchange import keys, services
from yingji.exchange.api import PartnerView
from yingji.exchange.choices import ReadFeed
from yingji.exchange.models import ExchangeCall, Partner

pytestmark = pytest.mark.django_db


def _partner_get_endpoints():
    """(path, view class) of every URL of the whole project served by a partner view with a GET: walked, not listed,
    so a feed added later is checked too."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                view = getattr(entry.callback, "view_class", None)
                if view is not None and issubclass(view, PartnerView) and hasattr(view, "get"):
                    found.append(("/" + prefix + str(entry.pattern), view))

    walk(get_resolver().url_patterns, "")
    return found


ENDPOINTS = _partner_get_endpoints()


def test_the_walk_finds_every_read_endpoint():
    paths = {path for path, _view in ENDPOINTS}
    assert {"/api/exchange/catalogue/", "/api/exchange/feeds/warnings/", "/api/exchange/feeds/incidents/"} <= paths
    assert all("<" not in path for path in paths), "a read endpoint with a path parameter: extend this test"


@pytest.mark.parametrize(("path", "view"), ENDPOINTS, ids=[p for p, _v in ENDPOINTS])
def test_every_read_endpoint_needs_its_feed_in_the_partners_allow_list(api, regions, path, view):
    assert view.feed in ReadFeed.values, f"{view.__name__} must name its feed (choices.ReadFeed)"
    partner, _secret = services.create_partner(actor=None, code="t-nogrant", name="未授权伙伴",
                                               region=regions["district"], scopes=["catalogue:read"])
    key = keys.issue(actor=None, partner=partner)[1]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Partner {key}")
    reply = client.get(path)
    assert reply.status_code == 403, reply.content
    assert reply.json()["error"]["code"] == "feed_not_allowed" and reply.json()["error"]["message"]
    assert ExchangeCall.objects.filter(partner=partner, code="feed_not_allowed", path=path).exists()
    others = [f for f in ReadFeed.values if f != view.feed]
    services.update_partner(actor=None, partner=partner, read_feeds=others)  # every other feed: still refused
    assert client.get(path).status_code == 403
    services.update_partner(actor=None, partner=partner, read_feeds=[view.feed])
    reply = client.get(path)
    assert reply.status_code == 200, reply.content
    assert isinstance(reply.json(), list)


def test_a_new_partner_reads_nothing(regions):
    partner, _secret = services.create_partner(actor=None, code="t-new", name="新伙伴", region=regions["district"],
                                               scopes=["catalogue:read", "incidents:write"])
    assert Partner.objects.get(pk=partner.pk).read_feeds == []


def test_a_view_that_names_no_feed_reads_nothing(rf, regions):
    """The base class refuses a GET whose view forgot its feed (deny by default)."""
    from rest_framework.response import Response

    class Forgetful(PartnerView):
        def get(self, request):
            return Response([])

    partner, _secret = services.create_partner(actor=None, code="t-all", name="全部授权", region=regions["district"],
                                               read_feeds=list(ReadFeed.values))
    key = keys.issue(actor=None, partner=partner)[1]
    reply = Forgetful.as_view()(rf.get("/x/", HTTP_AUTHORIZATION=f"Partner {key}"))
    assert reply.status_code == 403 and reply.data["error"]["code"] == "feed_not_allowed"


DEMO_KEYS = {"psb-110": "yjp_demo110_Chuanshan-demo-only-110", "met-bureau": "yjp_demomet_Chuanshan-demo-only-met",
             "guihua-zongzhi": "yjp_demogh_Chuanshan-demo-only-guihua"}


def _demo_get(api, code, path):
    return api().get(path, HTTP_AUTHORIZATION=f"Partner {DEMO_KEYS[code]}")


def test_demo_partners_read_what_their_lists_say(api):
    assert _demo_get(api, "psb-110", "/api/exchange/feeds/incidents/").status_code == 200
    assert _demo_get(api, "met-bureau", "/api/exchange/feeds/warnings/").status_code == 200
    reply = _demo_get(api, "met-bureau", "/api/exchange/feeds/incidents/")
    assert reply.status_code == 403 and reply.json()["error"]["code"] == "feed_not_allowed"


def test_a_township_partner_reads_only_the_incidents_of_its_township(api, regions):
    from yingji.incidents.models import Incident

    rows = _demo_get(api, "guihua-zongzhi", "/api/exchange/feeds/incidents/").json()
    district = _demo_get(api, "psb-110", "/api/exchange/feeds/incidents/").json()
    assert district, "the demo has recent incidents"
    inside = set(Incident.objects.filter(region__path__startswith=regions["guihua"].path).values_list("code",
                                                                                                    flat=True))
    assert {r["code"] for r in rows} <= inside
    assert {r["code"] for r in district} - inside, "the district partner reads other townships' incidents too"


def _login(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_bureau_edits_the_grants_on_the_partner_page_after_a_confirmation(users, api):
    partner = Partner.objects.get(code="met-bureau")
    client = _login(users["sysadmin"])
    page = client.get(f"/exchange/partners/{partner.uuid}/").content.decode()
    assert 'id="reads-form"' in page and "确定修改？" in page  # the form asks first (data-confirm)
    assert "生效中的预警信息" in page
    before = AuditEntry.objects.filter(model="exchange.Partner", object_id=str(partner.pk), action="update").count()
    reply = client.post(f"/exchange/partners/{partner.uuid}/reads/", {"read_feeds": ["catalogue", "incidents"]})
    assert reply.status_code == 302
    partner.refresh_from_db()
    assert partner.read_feeds == ["catalogue", "incidents"]
    entries = AuditEntry.objects.filter(model="exchange.Partner", object_id=str(partner.pk), action="update")
    assert entries.count() == before + 1 and "incidents" in entries.latest("id").after
    assert _demo_get(api, "met-bureau", "/api/exchange/feeds/incidents/").status_code == 200
    assert _demo_get(api, "met-bureau", "/api/exchange/feeds/warnings/").status_code == 403
    assert "数据范围内的突发事件" in client.get(f"/exchange/partners/{partner.uuid}/").content.decode()


def test_garbage_grants_are_refused_and_nothing_changes(users):
    partner = Partner.objects.get(code="met-bureau")
    before = list(partner.read_feeds)
    reply = _login(users["sysadmin"]).post(f"/exchange/partners/{partner.uuid}/reads/",
                                            {"read_feeds": ["catalogue", "everything"]})
    assert reply.status_code == 400 and 'id="reads-form"' in reply.content.decode()
    partner.refresh_from_db()
    assert partner.read_feeds == before
    with pytest.raises(Exception) as refused:
        services.update_partner(actor=None, partner=partner, read_feeds=["nope"])
    assert getattr(refused.value, "code", "") == "invalid_feed"


def test_only_managers_edit_the_grants(users):
    partner = Partner.objects.get(code="guihua-zongzhi")
    before = list(partner.read_feeds)
    reply = _login(users["township-guihua"]).post(f"/exchange/partners/{partner.uuid}/reads/", {"read_feeds": []})
    assert reply.status_code == 404
    partner.refresh_from_db()
    assert partner.read_feeds == before
