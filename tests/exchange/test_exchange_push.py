"""The partner API (issue 22): authentication by key, scopes, region, signatures, rate limit; pushes validated,
idempotent by the partner's id and all or nothing; every call in the exchange log."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.exchange import keys, services, signing
from yingji.exchange.models import ExchangeCall, PartnerKey
from yingji.incidents.models import Incident
from yingji.monitoring.models import Reading
from yingji.prevention.models import Hazard

pytestmark = pytest.mark.django_db
URL = "/api/exchange/incidents/"


def incident_body(ref="110-0001", **extra):
    return {"id": ref, "linkage": "110", "type_code": "2.2.1", "statement": "国道318线两车相撞，1人受伤",
            "occurred_at": (timezone.now() - timedelta(minutes=10)).isoformat(), "lon": 105.6, "lat": 30.43,
            "injured": 1, **extra}


def error_of(reply):
    body = reply.json()
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]["code"]


def test_incident_push_goes_through_intake_and_repeats_answer_the_same(client, partner):
    first = client.post(URL, incident_body(), format="json")
    assert first.status_code == 201, first.content
    incident = Incident.objects.get(uuid=first.json()["uuid"])
    assert incident.source == "api" and incident.reporter_org == "测试伙伴"
    assert incident.intakes.get().statement.startswith("【110 公安联动】")
    assert incident.timeline.filter(kind="intake").exists()  # the intake service's own entries
    again = client.post(URL, incident_body(), format="json")
    assert again.status_code == 200 and again.json() == first.json()
    assert Incident.objects.filter(reporter_org="测试伙伴").count() == 1
    assert list(ExchangeCall.objects.filter(partner=partner).values_list("status", flat=True)) == [200, 201]


@pytest.mark.parametrize("headers, code", [
    ({}, "partner_key_missing"),
    ({"HTTP_AUTHORIZATION": "Partner yjp_nobody_xxxxxxxx"}, "unknown_partner"),
    ({"HTTP_AUTHORIZATION": "Token abc"}, "partner_key_missing"),
])
def test_unknown_or_missing_key_is_401_and_logged(api, headers, code):
    before = Incident.objects.count()
    reply = api().post(URL, incident_body(), format="json", **headers)
    assert reply.status_code == 401 and error_of(reply) == code
    assert Incident.objects.count() == before
    assert ExchangeCall.objects.filter(partner=None, code=code, status=401).exists()


def test_expired_and_revoked_keys_are_refused(api, partner):
    record, key = keys.issue(actor=None, partner=partner, expires_at=timezone.now() + timedelta(minutes=1))
    PartnerKey.objects.filter(pk=record.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    reply = api().post(URL, incident_body(), format="json", HTTP_AUTHORIZATION=f"Partner {key}")
    assert reply.status_code == 401 and error_of(reply) == "key_expired"
    assert ExchangeCall.objects.get(code="key_expired").partner == partner
    record2, key2 = keys.issue(actor=None, partner=partner)
    keys.revoke(actor=None, key=record2)
    reply = api().post(URL, incident_body(), format="json", HTTP_AUTHORIZATION=f"Partner {key2}")
    assert reply.status_code == 401 and error_of(reply) == "key_revoked"


def test_scope_violation_is_403(api, partner):
    _record, key = keys.issue(actor=None, partner=partner, scopes=["hazards:write"])
    reply = api().post(URL, incident_body(), format="json", HTTP_AUTHORIZATION=f"Partner {key}")
    assert reply.status_code == 403 and error_of(reply) == "scope_not_allowed"
    services.update_partner(actor=None, partner=partner, scopes=["readings:write"])  # the allow-list wins too
    reply = api().post("/api/exchange/hazards/", {"id": "h1", "name": "x", "region": "x"}, format="json",
                       HTTP_AUTHORIZATION=f"Partner {key}")
    assert reply.status_code == 403 and error_of(reply) == "scope_not_allowed"


def test_schema_invalid_body_is_400_naming_the_field_and_saves_nothing(client):
    before = Incident.objects.count()
    for body, field in [({**incident_body(), "occurred_at": "昨天"}, "occurred_at"),
                        ({k: v for k, v in incident_body().items() if k != "id"}, "id"),
                        ({**incident_body(), "injured": -1}, "injured"),
                        ({**incident_body(), "type_code": "9.9.9"}, "type_code")]:
        reply = client.post(URL, body, format="json")
        assert reply.status_code == 400, body
        assert field in reply.json()["error"]["fields"], reply.json()
    reply = client.post(URL, [1, 2], format="json")
    assert reply.status_code == 400 and error_of(reply) == "malformed_request"
    assert Incident.objects.count() == before


def test_a_township_partner_writes_only_in_its_township(api, regions):
    partner, _ = services.create_partner(actor=None, code="t-town", name="龙凤镇综治", region=regions["longfeng"],
                                         scopes=["incidents:write", "hazards:write"])
    _record, key = keys.issue(actor=None, partner=partner)
    before = Incident.objects.count()
    reply = api().post(URL, incident_body(region=regions["guihua"].code), format="json",
                       HTTP_AUTHORIZATION=f"Partner {key}")
    assert reply.status_code == 403 and error_of(reply) == "outside_partner_region"
    assert Incident.objects.count() == before


def test_hazard_push_enters_the_hazard_loop_once(client, regions):
    body = {"id": "SW-2026-7", "name": "河堤管涌迹象", "region": regions["guihua"].code, "grade": "general"}
    first = client.post("/api/exchange/hazards/", body, format="json")
    assert first.status_code == 201, first.content
    hazard = Hazard.objects.get(uuid=first.json()["uuid"])
    assert hazard.source == "department" and hazard.state == "reported" and hazard.region == regions["guihua"]
    assert client.post("/api/exchange/hazards/", body, format="json").status_code == 200
    assert Hazard.objects.filter(extra__exchange__id="SW-2026-7").count() == 1


def test_readings_batch_is_all_or_nothing(client, gauge):
    now = timezone.now()
    good = [{"device": "X-RG-1", "time": (now - timedelta(minutes=m)).isoformat(), "values": {"rain": 1.5}}
            for m in (10, 5)]
    reply = client.post("/api/exchange/readings/", {"id": "b1", "readings": good}, format="json")
    assert reply.status_code == 201 and reply.json()["stored"] == 2
    bad = [{"device": "X-RG-1", "time": now.isoformat(), "values": {"rain": 2}},
           {"device": "X-RG-1", "time": now.isoformat(), "values": {"rain": 999}}]
    reply = client.post("/api/exchange/readings/", {"id": "b2", "readings": bad}, format="json")
    assert reply.status_code == 400 and error_of(reply) == "readings_refused"
    assert Reading.objects.filter(sensor__station=gauge).count() == 2
    assert client.post("/api/exchange/readings/", {"id": "b1", "readings": good}, format="json").status_code == 200


def test_rotation_keeps_both_keys_valid_during_the_overlap(api, partner, key):
    new_record, new_key = keys.rotate(actor=None, partner=partner, overlap_hours=1)
    for k in (key, new_key):
        assert api().get("/api/exchange/catalogue/", HTTP_AUTHORIZATION=f"Partner {k}").status_code == 200
    old = PartnerKey.objects.exclude(pk=new_record.pk).get(partner=partner)
    PartnerKey.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))  # overlap over
    reply = api().get("/api/exchange/catalogue/", HTTP_AUTHORIZATION=f"Partner {key}")
    assert reply.status_code == 401 and error_of(reply) == "key_expired"
    assert api().get("/api/exchange/catalogue/", HTTP_AUTHORIZATION=f"Partner {new_key}").status_code == 200
    stored = json.dumps(list(PartnerKey.objects.filter(partner=partner).values()), default=str)
    assert key not in stored and new_key not in stored  # only digests and prefixes are kept


def test_signed_pushes_refuse_bad_signatures_stale_times_and_replays(api, partner, key):
    services.update_partner(actor=None, partner=partner, require_signature=True)
    body = json.dumps(incident_body("sig-1")).encode()

    def post(headers):
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        return api().post(URL, body, content_type="application/json", HTTP_AUTHORIZATION=f"Partner {key}", **extra)

    assert error_of(post({})) == "signature_missing"
    assert error_of(post(signing.headers("wrong-secret", body))) == "bad_signature"
    stale = post(signing.headers("test-secret", body, now=timezone.now().timestamp() - 3600))
    assert stale.status_code == 401 and error_of(stale) == "stale_timestamp"
    good = signing.headers("test-secret", body)
    assert post(good).status_code == 201
    replay = post(good)
    assert replay.status_code == 409 and error_of(replay) == "replayed_request"


def test_rate_limit_per_partner(client, partner):
    services.update_partner(actor=None, partner=partner, rate_per_minute=2)
    codes = [client.get("/api/exchange/catalogue/").status_code for _ in range(3)]
    assert codes[:2] == [200, 200] and codes[2] == 429
    assert ExchangeCall.objects.filter(partner=partner, code="rate_limited").count() == 1


def test_work_of_many_pushes_is_done_together_once_a_second(monkeypatch):
    """The sensors (or log lines) of pushes arriving close together are handled in one pass by the process's
    thread, none forgotten, and the thread ends when nothing is left (the database part is monitoring's
    evaluate_sensors and one bulk INSERT)."""
    import threading

    from yingji.exchange.gathering import Gathered

    passes, done = [], threading.Event()

    def handle(items):
        passes.append(sorted(items))
        done.set()

    monkeypatch.setenv("YINGJI_EXCHANGE_GATHER_SECONDS", "0.3")
    work = Gathered(handle, "test")
    for sensor in (1, 2, 3, 2):
        work.add([sensor])
    assert done.wait(10)
    thread = work.thread
    if thread is not None:
        thread.join(10)
    assert passes == [[1, 2, 2, 3]] and work.thread is None and work.pending == []
    monkeypatch.setenv("YINGJI_EXCHANGE_GATHER_SECONDS", "0")
    work.add([7])
    assert passes[-1] == [7]
