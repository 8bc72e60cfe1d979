"""Domain bounds for dates at every entry point (issue 12, §4): nothing before 1900 or after 2100, and no
"occurred"/"received" time in the future. Each entry point gets a year-0001 and a far-future value."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import models
from django.utils import timezone

from yingji.core.registry import REGISTRIES
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 7, 10, 23, 30, tzinfo=CST)
GUIHUA = township("桂花镇").seat
ANCIENT, FAR = "0001-01-01T08:00:00+08:00", "9999-12-31T08:00:00+08:00"
BAD_TIMES = pytest.mark.parametrize("value", [ANCIENT, FAR], ids=["year-1", "year-9999"])
BAD_DAYS = pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"], ids=["year-1", "year-9999"])


def _refused(response, field, codes=("date_out_of_range",)):
    assert response.status_code == 400, response.content.decode()
    error = response.json()["error"]
    assert error["code"] in codes and field in error["fields"], error


def _incident(users):
    from yingji.incidents.services import create_incident

    data = {"type_code": "1.4.2", "occurred_at": NOW - timedelta(minutes=20), "received_at": NOW - timedelta(minutes=5),
            "lon": GUIHUA[0] + 0.003, "lat": GUIHUA[1] - 0.002, "statement": "后山滑坡"}
    return create_incident(actor=users["duty"], data=data, now=NOW)


@BAD_TIMES
@pytest.mark.parametrize("field", ["occurred_at", "received_at"])
def test_incident_intake_api(api, users, field, value):
    data = {"type_code": "1.4.2", "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "lon": GUIHUA[0], "lat": GUIHUA[1], "statement": "后山滑坡", field: value}
    reply = api(users["duty"]).post("/api/incidents/incidents/", data, format="json")
    _refused(reply, field, ("date_out_of_range", "future_time"))


def test_an_incident_that_has_not_happened_yet_is_refused(api, users):
    tomorrow = (timezone.now() + timedelta(days=1)).isoformat()
    data = {"type_code": "1.4.2", "occurred_at": tomorrow, "lon": GUIHUA[0], "lat": GUIHUA[1], "statement": "x"}
    _refused(api(users["duty"]).post("/api/incidents/incidents/", data, format="json"), "occurred_at", ("future_time",))


@BAD_TIMES
def test_incident_intake_page(client, users, value):
    client.force_login(users["duty"])
    page = client.post("/incidents/new/", {"type_code": "1.4.2", "occurred_at": value[:16], "lon": GUIHUA[0],
                                           "lat": GUIHUA[1], "statement": "后山滑坡"})
    assert page.status_code == 400 and ("1900" in page.content.decode() or "不能晚于当前时间" in page.content.decode())


@BAD_TIMES
def test_incident_edit_api(api, users, value):
    incident = _incident(users)
    url = f"/api/incidents/incidents/{incident.uuid}/"
    reply = api(users["duty"]).patch(url, {"occurred_at": value}, format="json")
    _refused(reply, "occurred_at", ("date_out_of_range", "future_time"))


@BAD_TIMES
def test_situation_report_as_of(api, users, value):
    incident = _incident(users)
    reply = api(users["duty"]).post(f"/api/incidents/incidents/{incident.uuid}/reports/",
                                    {"kind": "initial", "as_of": value}, format="json")
    _refused(reply, "as_of")


@BAD_TIMES
def test_warning_times(api, users, value):
    now = timezone.now()
    data = {"type_code": "met.rainstorm", "level": "red", "headline": "船山区暴雨红色预警", "description": "暴雨",
            "effective": now.isoformat(), "expires": (now + timedelta(hours=12)).isoformat(), "source": "区气象局",
            "area_kind": "regions", "area_regions": [township("桂花镇").code]}
    for field in ("effective", "onset", "expires"):
        _refused(api(users["duty"]).post("/api/alerts/warnings/", {**data, field: value}, format="json"), field)


@BAD_TIMES
def test_duty_log_time(api, users, value):
    data = {"kind": "call_in", "summary": "来电", "at": value}
    reply = api(users["duty"]).post("/api/duty/log/", data, format="json")
    _refused(reply, "at")


@BAD_DAYS
def test_stock_expiry_date(api, users, value):
    reply = api(users["duty"]).post("/api/resources/stock-movements/", {
        "kind": "receive", "depot": "DEP-D01", "material": "3010101", "quantity": "5", "batch_no": "B-DATE",
        "expiry_date": value}, format="json")
    _refused(reply, "expiry_date")


DATED = [(r, f.name) for r in REGISTRIES.values() for f in r.model._meta.concrete_fields
         if isinstance(f, models.DateField) and f.name in r.form_fields]


@pytest.mark.parametrize("registry, field", DATED, ids=[f"{r.key}.{f}" for r, f in DATED])
@BAD_DAYS
def test_every_registry_date_field(api, users, registry, field, value):
    writer = users["commander"] if users["commander"].has_perm(registry.perm("add")) else users["sysadmin"]
    data = {k: v for k, v in registry.example(writer.region).items() if v not in ("", None)}
    reply = api(writer).post(f"/api/{registry.app_label}/{registry.plural}/", {**data, field: value}, format="json")
    _refused(reply, field)
    assert not registry.model.objects.filter(code=data["code"]).exists()


def test_the_registry_list_of_dated_fields_is_not_empty():
    assert {"plans-plans.issued_on", "resources-equipment.last_maintained"} <= {f"{r.key}.{f}" for r, f in DATED}
