"""The API of warnings, and public subscribers: phone checks, masking, xlsx bulk registration with row errors."""

import io

import pytest
from openpyxl import Workbook

from yingji.alerts.models import Subscriber, Warning
from yingji.alerts.registrations import SUBSCRIBERS
from yingji.core.xlsx import headers

pytestmark = pytest.mark.django_db


def test_the_api_runs_the_whole_flow_and_refuses_self_approval(api, users, warning_data):
    created = api(users["duty"]).post("/api/alerts/warnings/", warning_data(), format="json")
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    base = f"/api/alerts/warnings/{uuid}/"
    assert api(users["duty"]).post(f"{base}transitions/", {"event": "submit"}, format="json").status_code == 200
    refused = api(users["duty"]).post(f"{base}transitions/", {"event": "review"}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "approver_is_author"
    api(users["duty-chief"]).post(f"{base}transitions/", {"event": "review"}, format="json")
    signed = api(users["commander"]).post(f"{base}transitions/", {"event": "sign"}, format="json")
    assert signed.json()["status"] == "published" and signed.json()["identifier"]
    detail = api(users["observer"]).get(base).json()
    assert detail["reach"]["people"] > 0 and detail["actions"] == []
    assert api(users["observer"]).post(f"{base}cancel/", {"reason": "x"}, format="json").status_code == 403
    cancel = api(users["commander"]).post(f"{base}cancel/", {"reason": "结束"}, format="json")
    assert cancel.status_code == 201 and cancel.json()["msg_type"] == "Cancel"
    again = api(users["commander"]).post(f"{base}cancel/", {"reason": "再次"}, format="json")
    assert again.json()["error"]["code"] == "warning_cancelled"
    assert api(users["commander"]).get(f"{base}coverage/").json()["total"] == 0  # fan-out is the worker's job


def test_bad_warning_input_over_the_api_is_a_clear_400(api, users, warning_data):
    before = Warning.objects.count()
    response = api(users["duty"]).post("/api/alerts/warnings/", warning_data(level="purple"), format="json")
    assert response.status_code == 400 and response.json()["error"]["fields"]["level"]
    assert api(users["duty"]).post("/api/alerts/incoming/", {"xml": "<alert>"}, format="json").json()["error"][
        "code"] == "malformed_cap"
    assert Warning.objects.count() == before


def test_a_malformed_phone_is_refused(api, users, regions):
    village = regions["guihua"].children.first()
    response = api(users["duty"]).post("/api/alerts/subscribers/", {
        "name": "张三", "phone": "1380000", "region": village.code, "preferred_channel": "sms"}, format="json")
    assert response.status_code == 400 and "手机号码格式不正确" in response.json()["error"]["message"]


def test_subscriber_phones_are_masked_in_lists(api, users):
    rows = api(users["commander"]).get("/api/alerts/subscribers/").json()["results"]
    assert rows and all("****" in r["phone"] for r in rows)


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "subscribers.xlsx"
    return buffer


def test_bulk_registration_reports_row_errors_and_saves_nothing(client, users, regions):
    client.force_login(users["duty"])
    village = regions["longfeng"].children.first().code
    titles = headers(SUBSCRIBERS)
    good = {"编码": "SUB-NEW-1", "名称": "李四", "手机号码": "13912340001", "所属区域": village, "首选渠道": "短信"}
    bad = {**good, "编码": "SUB-NEW-2", "手机号码": "12345"}
    rows = [titles] + [[row.get(t, "") for t in titles] for row in (good, bad)]
    before = Subscriber.objects.count()
    response = client.post("/r/alerts/subscribers/import/", {"file": _xlsx(rows)})
    page = response.content.decode()
    assert "手机号码格式不正确" in page and "3" in page
    assert Subscriber.objects.count() == before
    response = client.post("/r/alerts/subscribers/import/", {"file": _xlsx(rows[:2])})
    assert response.status_code == 302 and Subscriber.objects.filter(code="SUB-NEW-1").exists()
