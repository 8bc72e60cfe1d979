"""The audit trail: every write is recorded with who/what/before/after/request id, and any row changed
or removed by raw SQL is found by `yingji audit verify` (keys, anchors, sealing, retention:
test_audit_chain.py)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from yingji.core.audit import seal_pending
from yingji.core.audit_verify import verify_chain
from yingji.core.context import acting
from yingji.core.models import AuditChainHead, AuditEntry, Organization
from yingji.core.models.audit import AppendOnlyError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_anchor_directory(settings, tmp_path):
    """Anchors written by other tests (for entries their rollback removed) are not this test's concern."""
    settings.AUDIT_ANCHOR_DIR = tmp_path / "anchors"


def _new_org(region, code="ORG-AUDIT"):
    return Organization.objects.create(code=code, name="审计测试机构", kind="department", region=region)


def test_api_write_is_recorded_with_actor_request_id_and_values(users, api):
    response = api(users["commander"]).post(
        "/api/core/organizations/",
        {
            "code": "ORG-A1",
            "name": "应急测试局",
            "kind": "department",
            "region": "510903000000",
        },
        format="json",
        HTTP_X_REQUEST_ID="req-audit-1",
    )
    assert response.status_code == 201
    assert response["X-Request-ID"] == "req-audit-1"
    entry = AuditEntry.objects.get(request_id="req-audit-1", action="create")
    assert entry.actor_name == "commander" and entry.source == "api" and entry.model == "core.Organization"
    assert json.loads(entry.after)["name"] == "应急测试局"


def test_shell_service_writes_are_recorded_as_cli(regions):
    with acting(source="cli"):
        org = _new_org(regions["district"])
    entry = AuditEntry.objects.filter(model="core.Organization", object_id=str(org.pk)).get()
    assert entry.source == "cli" and entry.actor_name == "system"


def test_admin_write_is_recorded(users, client, regions):
    org = _new_org(regions["district"])
    client.force_login(users["sysadmin"])
    response = client.post(
        f"/admin/core/organization/{org.pk}/change/",
        {
            "code": org.code,
            "name": "后台改名",
            "status": "active",
            "kind": "department",
            "region": regions["district"].pk,
            "extra": "{}",
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.filter(model="core.Organization", object_id=str(org.pk), action="update").get()
    assert entry.source == "admin" and entry.actor_name == "sysadmin"
    assert json.loads(entry.before)["name"] == "审计测试机构" and json.loads(entry.after)["name"] == "后台改名"


def test_entries_cannot_be_edited_or_deleted_through_the_orm(regions):
    _new_org(regions["district"])
    entry = AuditEntry.objects.first()
    entry.actor_name = "someone-else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_no_page_or_endpoint_can_change_the_log(users, client, api):
    client.force_login(users["auditor"])
    entry = AuditEntry.objects.first()
    assert client.get("/core/audit/").status_code == 200
    assert client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"actor_name": "x"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk, actor_name=entry.actor_name).exists()


def test_only_the_audit_admin_reads_the_log(users, client):
    for name in ("commander", "sysadmin", "secadmin", "duty"):
        client.force_login(users[name])
        assert client.get("/core/audit/").status_code == 403, name
    client.force_login(users["auditor"])
    page = client.get("/core/audit/", {"q": "duty"}).content.decode()
    assert "审计日志" in page


def test_verify_passes_on_an_intact_chain(regions):
    _new_org(regions["district"])
    seal_pending()
    verdict = verify_chain()
    assert verdict.ok and verdict.first_bad_seq is None
    assert verdict.checked == AuditEntry.objects.count() - AuditChainHead.objects.get().base_seq
    call_command("audit", "verify")


def _tamper(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_names_the_first_altered_entry(regions):
    _new_org(regions["district"], "ORG-T1")
    _new_org(regions["district"], "ORG-T2")
    seal_pending()
    victim = AuditEntry.objects.order_by("-seq")[1]
    _tamper("UPDATE core_auditentry SET after = %s WHERE id = %s", ['{"name":"篡改"}', victim.pk])
    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == victim.seq and "篡改" in verdict.reason
    with pytest.raises(CommandError, match=f"第 {victim.seq} 条"):
        call_command("audit", "verify")


def test_verify_finds_a_removed_entry(regions):
    _new_org(regions["district"], "ORG-T3")
    _new_org(regions["district"], "ORG-T4")
    seal_pending()
    victim = AuditEntry.objects.order_by("-seq")[1]
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])
    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == victim.seq and "缺失" in verdict.reason


def test_verify_finds_a_removed_last_entry(regions):
    _new_org(regions["district"], "ORG-T5")
    seal_pending()
    last = AuditEntry.objects.order_by("-seq").first()
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == last.seq and "链尾" in verdict.reason


def test_login_and_failed_login_are_recorded(users, client):
    client.post("/accounts/login/", {"username": "duty", "password": "wrong"})
    assert AuditEntry.objects.filter(action="login_failed", object_repr="duty").exists()
    client.post("/accounts/login/", {"username": "duty", "password": "Chuanshan@2025"})
    assert AuditEntry.objects.filter(action="login", actor_name="duty").exists()


def test_saving_the_same_instant_in_another_time_zone_is_not_a_change(db):
    """A time read back from the database is UTC; the same time from a form is +08:00: no audit entry."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from yingji.duty.models import Leave

    leave = Leave.objects.first()  # the demo has one
    before = AuditEntry.objects.count()
    leave.start = leave.start.astimezone(ZoneInfo("Asia/Shanghai"))
    leave.save()
    assert AuditEntry.objects.count() == before
    leave.start -= timedelta(hours=1)
    leave.save()
    assert AuditEntry.objects.count() == before + 1
