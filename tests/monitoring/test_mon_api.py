"""The HTTP bulk endpoint with per-device keys, the key itself, the chart series, and the pages."""

import pytest
from django.utils import timezone

from yingji.monitoring.keys import issue_key
from yingji.monitoring.models import DeadLetter, Reading, Station

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]
OURS = {"sensor__station__device_id__startswith": "T-"}  # the demo has readings of its own
URL = "/api/monitoring/readings/"


def _post(api, key, body):
    client = api(None)
    return client.post(URL, body, format="json", **({"HTTP_AUTHORIZATION": f"Device {key}"} if key else {}))


def test_readings_with_the_device_key_are_stored_and_refusals_listed(api, gauge):
    key = issue_key(gauge)
    now = timezone.now().replace(microsecond=0).isoformat()
    response = _post(api, key, [{"time": now, "values": {"rain": 1.0}}, {"time": now, "values": {"rain": 999}}])
    assert response.status_code == 200
    body = response.json()
    assert (body["received"], body["stored"]) == (2, 1)
    assert body["refused"] == [{"device": "T-RG-1", "quantity": "rain", "reason": "out_of_range",
                                "field": "values.rain", "detail": "999 超出量程 0～200"}]
    assert Reading.objects.filter(**OURS).count() == 1 and DeadLetter.objects.get().source == "http"


def test_a_key_speaks_only_for_its_own_device(api, gauge, tank):
    key = issue_key(gauge)
    now = timezone.now().isoformat()
    body = _post(api, key, {"device": "T-TK-1", "time": now, "values": {"tank_level": 50}}).json()
    assert body["stored"] == 0 and body["refused"][0]["reason"] == "device_mismatch"


@pytest.mark.parametrize("key", ["", "yjd_wrong"])
def test_without_a_valid_key_the_request_is_a_401_naming_the_header(api, gauge, key):
    response = _post(api, key, {"time": timezone.now().isoformat(), "values": {"rain": 1}})
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "invalid_device_key" and "Authorization" in error["fields"]
    assert not Reading.objects.filter(**OURS).exists()


def test_a_body_that_is_no_batch_is_a_400_naming_readings(api, gauge):
    key = issue_key(gauge)
    response = _post(api, key, "just text")
    assert response.status_code == 400 and "readings" in response.json()["error"]["fields"]
    malformed = api(None).post(URL, "{not json", content_type="application/json",
                               HTTP_AUTHORIZATION=f"Device {key}")
    assert malformed.status_code == 400 and malformed.json()["error"]["code"] == "malformed_request"


def test_a_new_key_replaces_the_old_and_only_its_digest_is_kept(api, users, gauge):
    first = issue_key(gauge)
    response = api(users["commander"]).post(f"/api/monitoring/stations/{gauge.uuid}/key/")
    assert response.status_code == 200 and response.json()["device"] == "T-RG-1"
    second = response.json()["key"]
    assert second not in Station.objects.get(pk=gauge.pk).key_hash
    assert _post(api, first, {"time": timezone.now().isoformat(), "values": {"rain": 1}}).status_code == 401
    assert _post(api, second, {"time": timezone.now().isoformat(), "values": {"rain": 1}}).status_code == 200
    assert api(users["duty"]).post(f"/api/monitoring/stations/{gauge.uuid}/key/").status_code == 403


def test_the_series_has_the_aggregates_and_the_rule_limits(api, users, gauge, rain_rule):
    key = issue_key(gauge)
    _post(api, key, {"time": timezone.now().isoformat(), "values": {"rain": 3.5}})
    body = api(users["commander"]).get(f"/api/monitoring/stations/{gauge.uuid}/series/?days=1").json()
    sensor = body["sensors"][0]
    assert sensor["y"] == [3.5] and sensor["summed"] is True
    assert [limit["value"] for limit in sensor["limits"]] == [15, 25, 35, 50]
    bad = api(users["commander"]).get(f"/api/monitoring/stations/{gauge.uuid}/series/?days=2")
    assert bad.status_code == 400 and "days" in bad.json()["error"]["fields"]


def test_the_station_page_and_dashboard_show_live_figures(client, users, api, gauge):
    _post(api, issue_key(gauge), {"time": timezone.now().isoformat(), "values": {"rain": 2.25}})
    client.force_login(users["commander"])
    page = client.get(f"/monitoring/stations/{gauge.uuid}/").content.decode()
    assert "测试站T-RG-1" in page and "2.25" in page and "station-chart" in page
    dashboard = client.get("/monitoring/").content.decode()
    assert "监测预警看板" in dashboard and "在线率" in dashboard
    assert client.get("/monitoring/plotly.min.js").status_code == 200
