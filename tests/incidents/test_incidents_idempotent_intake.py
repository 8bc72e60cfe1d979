"""A repeat of the same submission (double tap, browser retry, offline re-send) gets the same answer as the
first and creates nothing new: the duty-desk intake, the public report page, the report form and the API."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from yingji.incidents.models import Incident, SituationReport

from .conftest import GUIHUA, api_json, landslide_data

pytestmark = pytest.mark.django_db
KEY_INPUT = re.compile(r'<input type="hidden" name="submission_key" value="([0-9a-f-]{36})">')


def _local(delta):
    return timezone.localtime(timezone.now() - delta).strftime("%Y-%m-%dT%H:%M")


def _intake(**changes):
    return {"type_code": "1.4.2", "occurred_at": _local(timedelta(minutes=30)), "received_at": _local(timedelta()),
            "statement": "后山滑坡（重复提交测试）", "caller_name": "李大爷", "lon": GUIHUA[0], "lat": GUIHUA[1],
            **changes}


def _public(**changes):
    return {"kind": "2.1.4", "statement": "楼下商铺冒烟（重复提交测试）", "address": "南津路100号",
            "phone": "13800001234", **changes}


def _key_on(page) -> str:
    keys = KEY_INPUT.findall(page.content.decode())
    assert len(keys) == 1, "the form carries one submission key"
    return keys[0]


def test_intake_page_repeat_shows_the_same_incident_and_creates_nothing(client, users):
    client.force_login(users["duty"])
    key = _key_on(client.get("/incidents/new/"))
    assert _key_on(client.get("/incidents/new/")) != key  # every page load gets a fresh key
    before = Incident.objects.count()
    first = client.post("/incidents/new/", _intake(submission_key=key))
    again = client.post("/incidents/new/", _intake(submission_key=key))
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Incident.objects.count() == before + 1
    assert "已登记事件" in client.get(again["Location"]).content.decode()


def test_intake_page_without_a_key_works_as_before(client, users):
    client.force_login(users["duty"])
    before = Incident.objects.count()
    assert client.post("/incidents/new/", _intake()).status_code == 302
    assert client.post("/incidents/new/", _intake()).status_code == 302
    assert Incident.objects.count() == before + 2


def test_a_bad_key_on_a_page_is_shown_and_nothing_is_saved(client, users):
    client.force_login(users["duty"])
    before = Incident.objects.count()
    response = client.post("/incidents/new/", _intake(submission_key="abc"))
    assert response.status_code == 400 and "提交编号无效" in response.content.decode()
    cache.clear()
    response = client.post("/incidents/report/", _public(submission_key="abc"))
    assert response.status_code == 400 and "提交编号无效" in response.content.decode()
    assert Incident.objects.count() == before


def test_intake_page_repeat_of_a_key_already_used_by_someone_else_is_refused(client, users):
    key = str(uuid.uuid4())
    client.force_login(users["duty"])
    client.post("/incidents/new/", _intake(submission_key=key))
    client.force_login(users["commander"])
    before = Incident.objects.count()
    response = client.post("/incidents/new/", _intake(submission_key=key))
    assert response.status_code == 400 and "该提交编号已用于另一项提交" in response.content.decode()
    assert Incident.objects.count() == before


def test_public_page_repeat_is_thanked_again_and_not_counted_by_the_rate_limit(client):
    cache.clear()
    key = _key_on(client.get("/incidents/report/"))
    before = Incident.objects.count()
    for _ in range(8):  # more repeats than the hourly limit (5)
        response = client.post("/incidents/report/", _public(submission_key=key))
        assert response.status_code == 200 and "已收到您的报告" in response.content.decode()
    assert Incident.objects.count() == before + 1
    others = [client.post("/incidents/report/", _public(submission_key=str(uuid.uuid4()))).status_code
              for _ in range(5)]
    assert others == [200, 200, 200, 200, 429]  # the repeats counted once
    assert Incident.objects.count() == before + 5
    cache.clear()


def test_report_form_repeat_shows_the_same_draft_and_creates_nothing(client, users, landslide, regions):
    client.force_login(users["duty"])
    url = f"/incidents/{landslide.uuid}/reports/new/?kind=initial"
    key = _key_on(client.get(url))
    data = {"kind": "initial", "region": regions["guihua"].code, "figure_affected": "12", "submission_key": key}
    first = client.post(url, data)
    again = client.post(url, data)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert SituationReport.objects.filter(incident=landslide).count() == 1
    assert "已保存报告草稿" in client.get(again["Location"]).content.decode()


def test_report_edit_form_has_no_submission_key(client, users, landslide, regions):
    from yingji.incidents.reporting import create_report

    report = create_report(landslide, actor=users["duty"], kind="initial", region=regions["guihua"])
    client.force_login(users["duty"])
    page = client.get(f"/incidents/reports/{report.uuid}/edit/").content.decode()
    assert "submission_key" not in page and "data-offline-safe" not in page


def test_api_repeat_with_the_same_idempotency_key_returns_the_same_incident(api, users):
    now = timezone.now()
    body = api_json(landslide_data(occurred_at=now - timedelta(minutes=20), received_at=now - timedelta(minutes=5)))
    client, key = api(users["duty"]), str(uuid.uuid4())
    before = Incident.objects.count()
    first = client.post("/api/incidents/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post("/api/incidents/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert (first.status_code, again.status_code) == (201, 200), again.content
    assert {**again.json(), "clocks": None} == {**first.json(), "clocks": None}
    assert Incident.objects.count() == before + 1
    other = api(users["commander"]).post("/api/incidents/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert other.status_code == 409 and other.json()["error"]["code"] == "submission_key_reused"
    assert client.post("/api/incidents/incidents/", body, format="json").status_code == 201  # no key: as before
    assert Incident.objects.count() == before + 2


def test_api_report_repeat_with_the_same_idempotency_key_returns_the_same_report(api, users, landslide):
    url, key = f"/api/incidents/incidents/{landslide.uuid}/reports/", str(uuid.uuid4())
    client = api(users["township-guihua"])
    first = client.post(url, {"kind": "initial"}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(url, {"kind": "initial"}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json() and landslide.reports.count() == 1
    bad = client.post(url, {"kind": "initial"}, format="json", HTTP_IDEMPOTENCY_KEY="12")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_submission_key"
    assert "submission_key" in bad.json()["error"]["fields"] and landslide.reports.count() == 1
