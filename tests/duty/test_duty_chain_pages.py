"""Escalation chains configured on the pages: ordered steps, labelled event kinds, Chinese field errors,
nothing half-saved, and a confirmation before disabling or deleting."""

import pytest

from yingji.channels.models import Channel
from yingji.duty.models import EscalationChain

pytestmark = pytest.mark.django_db


def _steps(*rows, total=4):
    data = {"steps-TOTAL_FORMS": str(total), "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000"}
    for index, (target, wait, channel, person) in enumerate(rows):
        data.update({f"steps-{index}-target": target, f"steps-{index}-wait_minutes": str(wait),
                     f"steps-{index}-channel": str(channel.pk) if channel else "",
                     f"steps-{index}-person": str(person.pk) if person else ""})
    return data


def _chain(**fields):
    return {"code": "ESC-PAGE", "name": "预警接收未确认升级", "event_kind": "warning.receipt_requested", "repeat": "1",
            "stop_kinds": "", "enabled": "on", **fields}


def test_a_chain_is_created_on_the_page_with_its_ordered_steps(client, users, staff):
    inapp, sms = Channel.objects.get(code="DUTY-INAPP"), Channel.objects.get(code="DUTY-SMS")
    client.force_login(users["commander"])
    page = client.get("/duty/escalations/chains/new/").content.decode()
    assert "预警接收未确认" in page and "新接报事件未确认" in page and "值班长" in page
    response = client.post("/duty/escalations/chains/new/", {**_chain(), **_steps(
        ("officer", 15, inapp, None), ("chief", 10, sms, None), ("", 0, None, None),
        ("person", 20, sms, staff["L1"]))}, follow=True)
    assert "升级链已保存" in response.content.decode()
    chain = EscalationChain.objects.get(code="ESC-PAGE")
    assert chain.enabled and chain.repeat == 1
    assert [(s.order, s.target, s.wait_minutes, s.channel.code, s.person) for s in chain.steps.all()] == [
        (1, "officer", 15, "DUTY-INAPP", None), (2, "chief", 10, "DUTY-SMS", None),
        (3, "person", 20, "DUTY-SMS", staff["L1"])]
    listing = client.get("/duty/escalations/").content.decode()
    assert "预警接收未确认升级" in listing and "触发：预警接收未确认" in listing


def test_a_chain_with_no_step_is_refused_with_a_chinese_error_and_nothing_is_saved(client, users):
    client.force_login(users["commander"])
    before = EscalationChain.objects.count()
    response = client.post("/duty/escalations/chains/new/", {**_chain(), **_steps()})
    assert response.status_code == 400 and "升级链至少需要一个步骤" in response.content.decode()
    bad = client.post("/duty/escalations/chains/new/", {**_chain(name="", repeat="11"), **_steps(
        ("chief", -5, None, None))}).content.decode()
    assert "这个字段是必填项" in bad or "此字段为必填项" in bad or "必填" in bad
    assert "第 1 行" in bad and "ESC-PAGE" in bad, "the input is kept"
    person_missing = client.post("/duty/escalations/chains/new/", {**_chain(), **_steps(
        ("person", 0, Channel.objects.get(code="DUTY-INAPP"), None))}).content.decode()
    assert "第 1 步须指定人员" in person_missing
    duplicate = client.post("/duty/escalations/chains/new/", {**_chain(code="ESC-INCIDENT"), **_steps(
        ("chief", 0, Channel.objects.get(code="DUTY-INAPP"), None))}).content.decode()
    assert "编码已存在" in duplicate
    assert EscalationChain.objects.count() == before


def test_editing_a_chain_keeps_running_escalations_and_disabling_asks_first(client, users):
    chain = EscalationChain.objects.get(code="ESC-HANDOVER")
    inapp = Channel.objects.get(code="DUTY-INAPP")
    client.force_login(users["commander"])
    form = client.get(f"/duty/escalations/chains/{chain.uuid}/edit/").content.decode()
    assert "交接班超时" in form and 'name="enabled"' not in form
    client.post(f"/duty/escalations/chains/{chain.uuid}/edit/", {**_chain(code="ESC-HANDOVER", name="交接班超时升级",
                event_kind="duty.handover_overdue", repeat="0"), **_steps(("chief", 5, inapp, None))})
    chain.refresh_from_db()
    assert [(s.target, s.wait_minutes) for s in chain.steps.all()] == [("chief", 5)] and chain.enabled

    confirm = client.get(f"/duty/escalations/chains/{chain.uuid}/remove/").content.decode()
    assert "确定要停用或删除升级链" in confirm
    chain.refresh_from_db()
    assert chain.enabled, "opening the confirmation changes nothing"
    client.post(f"/duty/escalations/chains/{chain.uuid}/remove/", {"event": "disable"})
    chain.refresh_from_db()
    assert not chain.enabled
    client.post(f"/duty/escalations/chains/{chain.uuid}/enable/")
    chain.refresh_from_db()
    assert chain.enabled


def test_a_chain_that_ran_cannot_be_deleted_but_an_unused_one_can(client, users, report_incident, quiet_outbox):
    from django.utils import timezone

    from yingji.duty.scheduler import tick

    report_incident()
    tick(now=timezone.now(), deliver=False)
    used = EscalationChain.objects.get(code="ESC-INCIDENT")
    client.force_login(users["commander"])
    assert "只能停用，不能删除" in client.get(f"/duty/escalations/chains/{used.uuid}/remove/").content.decode()
    refused = client.post(f"/duty/escalations/chains/{used.uuid}/remove/", {"event": "delete"}, follow=True)
    assert "不能删除" in refused.content.decode() and EscalationChain.objects.filter(pk=used.pk).exists()
    client.post("/duty/escalations/chains/new/", {**_chain(), **_steps(
        ("chief", 0, Channel.objects.get(code="DUTY-INAPP"), None))})
    unused = EscalationChain.objects.get(code="ESC-PAGE")
    deleted = client.post(f"/duty/escalations/chains/{unused.uuid}/remove/", {"event": "delete"}, follow=True)
    assert "升级链已删除" in deleted.content.decode()
    assert not EscalationChain.objects.filter(pk=unused.pk).exists()


def test_only_chain_keepers_see_and_use_the_form(client, users):
    client.force_login(users["observer"])
    assert client.get("/duty/escalations/chains/new/").status_code == 403
    assert "新建升级链" not in client.get("/duty/escalations/").content.decode()


def test_a_chain_is_edited_disabled_and_deleted_through_the_api(api, users):
    client = api(users["commander"])
    body = {"code": "ESC-API2", "name": "接口链", "event_kind": "warning.receipt_requested",
            "steps": [{"target": "chief", "wait_minutes": 15, "channel": "DUTY-INAPP"}]}
    created = client.post("/api/duty/escalation-chains/", body, format="json").json()
    url = f"/api/duty/escalation-chains/{created['uuid']}/"
    empty = client.put(url, {**body, "steps": []}, format="json")
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "no_steps"
    assert EscalationChain.objects.get(code="ESC-API2").steps.count() == 1, "nothing half-saved"
    edited = client.put(url, {**body, "enabled": False, "repeat": 2, "steps": [
        {"target": "chief", "wait_minutes": 5, "channel": "DUTY-INAPP"},
        {"target": "leader", "wait_minutes": 10, "channel": "DUTY-SMS"}]}, format="json")
    assert edited.status_code == 200 and edited.json()["steps"] == 2 and edited.json()["enabled"] is False
    assert api(users["observer"]).delete(url).status_code == 403
    assert client.delete(url).status_code == 204
    assert not EscalationChain.objects.filter(code="ESC-API2").exists()
    missing = client.delete(url)
    assert missing.status_code == 400 and "不存在" in missing.json()["error"]["message"]
