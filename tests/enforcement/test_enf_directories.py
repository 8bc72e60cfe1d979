"""一单两库 checks not covered elsewhere: the inspection item list is seeded for the four sectors (each item with its
legal basis and method), and an inspector whose certificate expired after the task was assigned cannot sign the
inspection (400 inspector_unqualified, nothing recorded)."""

import datetime as dt

import pytest
from django.utils import timezone
from enf_helpers import open_task

from yingji.enforcement.inspections import items_for
from yingji.enforcement.models import Finding, InspectionItem, Inspector

pytestmark = pytest.mark.django_db


def test_the_item_list_is_seeded_for_the_four_sectors_with_basis_and_method():
    items = InspectionItem.objects.filter(status="active")
    for sector in ("chemicals", "industry_trade", "fuel_station", "crowded"):
        seeded = items.filter(sector=sector)
        assert seeded.count() >= 3, sector
        assert all(i.legal_basis and i.method for i in seeded), sector


def test_an_inspector_whose_certificate_expired_cannot_sign_the_inspection(api, users):
    task = open_task()
    Inspector.objects.filter(pk=task.second_inspector_id).update(
        certificate_expiry=timezone.localdate() - dt.timedelta(days=1))
    findings = [{"item": i.code, "result": "pass"} for i in items_for(task)]
    response = api(users["commander"]).post(f"/api/enforcement/tasks/{task.uuid}/inspection/",
                                            {"findings": findings}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "inspector_unqualified"
    assert "执法证已过期" in response.json()["error"]["message"]
    task.refresh_from_db()
    assert task.state == "assigned" and not Finding.objects.filter(task=task).exists()
