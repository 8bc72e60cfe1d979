"""Inspection tasks, findings that become hazards in one step, the qualification rules on the directory, and the
annual plan's approval and monthly progress."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from yingji.enforcement.inspections import items_for
from yingji.enforcement.models import AnnualPlan, Finding, InspectionTask, Inspector, Target
from yingji.enforcement.registrations import INSPECTORS, TASKS
from yingji.prevention.models import Hazard

pytestmark = pytest.mark.django_db


def _open_task():
    return InspectionTask.objects.filter(state="assigned", draw__state="valid").exclude(status="cancelled") \
        .order_by("code").first()


def _inspect(api, user, task, **body):
    return api(user).post(f"/api/enforcement/tasks/{task.uuid}/inspection/", body, format="json")


def test_a_failed_item_becomes_a_hazard_of_the_enterprise_in_one_step(api, users):
    task = _open_task()
    items = list(items_for(task))
    findings = [{"item": items[0].code, "result": "fail", "note": "安全出口上锁"},
                *({"item": i.code, "result": "pass"} for i in items[1:-1]), {"item": items[-1].code, "result": "na"}]
    response = _inspect(api, users["commander"], task, findings=findings)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "done" and len(body["hazards"]) == 1
    hazard = Hazard.objects.get(code=body["hazards"][0])
    assert (hazard.source, hazard.enterprise_id, hazard.state) == ("enforcement", task.target.enterprise_id, "reported")
    assert "安全出口上锁" in hazard.name and task.code in hazard.description
    assert Finding.objects.filter(task=task).count() == len(items)
    again = _inspect(api, users["commander"], task, findings=findings)
    assert again.status_code == 400 and again.json()["error"]["code"] == "invalid_transition"


@pytest.mark.parametrize("findings, code", [
    ([], "findings_required"),
    ([{"item": "JCSX-NONE", "result": "pass"}], "unknown_item"),
    ("FIRST-ITEM-TWICE", "unknown_item"),
    ([{"item": "FIRST", "result": "maybe"}], "invalid_result"),
])
def test_bad_findings_are_a_400_on_findings_and_save_nothing(api, users, findings, code):
    task = _open_task()
    first = items_for(task).first().code
    if findings == "FIRST-ITEM-TWICE":
        findings = [{"item": first, "result": "pass"}, {"item": first, "result": "fail"}]
    findings = [{**f, "item": first if f["item"] == "FIRST" else f["item"]} for f in findings]
    hazards = Hazard.objects.count()
    response = _inspect(api, users["commander"], task, findings=findings)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == code and "findings" in str(response.json()["error"]["fields"])
    task.refresh_from_db()
    assert task.state == "assigned" and not task.findings.exists() and Hazard.objects.count() == hazards


def test_a_future_inspection_date_is_refused(api, users):
    task = _open_task()
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    rows = [{"item": i.code, "result": "pass"} for i in items_for(task)]
    response = _inspect(api, users["commander"], task, findings=rows, inspected_on=tomorrow)
    assert response.json()["error"]["fields"].keys() == {"inspected_on"}


def test_the_inspection_page_records_results(users, client):
    task = _open_task()
    client.force_login(users["commander"])
    assert "录入检查结果" in client.get(f"/enforcement/tasks/{task.uuid}/inspect/").content.decode()
    form = {f"result-{i.code}": "pass" for i in items_for(task)}
    assert client.post(f"/enforcement/tasks/{task.uuid}/inspect/", form).status_code == 302
    task.refresh_from_db()
    assert task.state == "done"


def test_an_unqualified_inspector_cannot_be_assigned(api, users, regions):
    expired = Inspector.objects.get(code="ZFRY-017")
    data = {**TASKS.example(regions["district"]), "lead_inspector": expired.code}
    response = api(users["commander"]).post("/api/enforcement/tasks/", data, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "inspector_unqualified" and "lead_inspector" in error["fields"]
    same = {**TASKS.example(regions["district"]), "code": "JCRW-SAME"}
    same["second_inspector"] = same["lead_inspector"]
    assert api(users["commander"]).post("/api/enforcement/tasks/", same, format="json").json()["error"]["fields"] \
        .keys() == {"second_inspector"}


def test_qualification_follows_certificate_and_configured_training_hours():
    today = timezone.localdate()
    expiring = Inspector.objects.get(code="ZFRY-003")
    assert expiring.is_qualified(today) and expiring.certificate_expiry <= today + dt.timedelta(days=30)
    assert Inspector.objects.get(code="ZFRY-017").unqualified_reason(today) == "执法证已过期"
    assert Inspector.objects.get(code="ZFRY-023").unqualified_reason(today) == "本年度培训学时不足"
    with override_settings(YINGJI_ENFORCEMENT={"min_training_hours": 80}):
        assert not expiring.is_qualified(today)


def test_inspector_fields_and_conflicts_are_checked(api, users, regions):
    base = INSPECTORS.example(regions["district"])
    for changes, field in (({"fields": "mines"}, "fields"), ({"conflicts": "QY-NOPE"}, "conflicts"),
                           ({"certificate_no": "510903200001"}, "certificate_no")):
        response = api(users["commander"]).post("/api/enforcement/inspectors/", {**base, **changes}, format="json")
        assert response.status_code == 400 and field in response.json()["error"]["fields"], (field, response.content)


def test_a_target_is_listed_once(api, users):
    taken = Target.objects.first()
    data = {"code": "JCDX-TWICE", "name": "重复", "region": taken.region.code, "enterprise": taken.enterprise.code,
            "supervision_class": "key"}
    response = api(users["commander"]).post("/api/enforcement/targets/", data, format="json")
    assert response.json()["error"]["code"] == "duplicate_target"


def test_the_plan_is_built_from_the_directory_and_approved_step_by_step(api, users, regions):
    plan = AnnualPlan.objects.create(name="测试计划", year=2031, region=regions["guihua"])
    targets = Target.objects.filter(region=regions["guihua"])
    expected = sum({"key": 2, "general": 1, "other": 0}[t.supervision_class] for t in targets)
    assert sum(plan.lines.values_list("planned", flat=True)) == expected > 0
    url = f"/api/enforcement/plans/{plan.uuid}/transitions/"
    commander = api(users["commander"])
    assert api(users["township-guihua"]).post(url, {"event": "submit"}, format="json").status_code == 403
    assert commander.post(url, {"event": "approve"}, format="json").json()["error"]["code"] == "invalid_transition"
    assert commander.post(url, {"event": "submit"}, format="json").json()["state"] == "reviewing"
    assert commander.post(url, {"event": "return"}, format="json").json()["error"]["fields"].keys() == {"reason"}
    for event, state in (("return", "draft"), ("submit", "reviewing"), ("approve", "approved"),
                         ("publish", "published")):
        assert commander.post(url, {"event": event, "reason": "补充"}, format="json").json()["state"] == state


def test_the_demo_plan_is_published_and_shows_monthly_progress(api, users, client):
    plan = AnnualPlan.objects.get(code=f"JCJH-{timezone.localdate().year}", is_demo=True)
    assert plan.state == "published"
    months = api(users["commander"]).get(f"/api/enforcement/plans/{plan.uuid}/progress/").json()["months"]
    assert len(months) == 12 and months[-1]["planned_to_date"] == sum(plan.lines.values_list("planned", flat=True))
    done = InspectionTask.objects.filter(state="done", inspected_on__year=plan.year).count()
    assert months[-1]["done_to_date"] == done > 0
    client.force_login(users["commander"])
    page = client.get(f"/enforcement/plans/{plan.uuid}/").content.decode()
    assert "逐月进度" in page and "危险化学品" in page and "重点监管" in page


def test_the_inspector_sees_their_own_tasks_in_the_inbox(users, client):
    mine = Inspector.objects.get(user=users["inspector"])
    other = Inspector.objects.exclude(pk=mine.pk).filter(code__in=["ZFRY-002", "ZFRY-004"]).first()
    target = Target.objects.first()
    task = InspectionTask.objects.create(name="投诉核查：测试", target=target, source="complaint", lead_inspector=other,
                                         second_inspector=mine, region=target.region)
    not_mine = InspectionTask.objects.create(name="别人的任务：测试", target=target, source="complaint",
                                             lead_inspector=other, second_inspector=Inspector.objects.get(
                                                 code="ZFRY-005"), region=target.region)
    client.force_login(users["inspector"])
    page = client.get("/todo/").content.decode()
    assert task.name in page and not_mine.name not in page


def test_the_map_layer_colours_targets_by_this_years_result(api, users):
    task = _open_task()
    first = items_for(task).first()
    rows = [{"item": i.code, "result": "fail" if i == first else "pass"} for i in items_for(task)]
    assert _inspect(api, users["commander"], task, findings=rows).status_code == 200
    features = api(users["commander"]).get("/api/onemap/layers/enforcement-targets/").json()["features"]
    colours = {f["properties"]["code"]: f["properties"]["color"] for f in features}
    assert colours[task.target.code] == "#9d0191"
    assert set(colours.values()) >= {"#6c757d", "#9d0191"} and len(colours) == Target.objects.count()
    township = api(users["township-guihua"]).get("/api/onemap/layers/enforcement-targets/").json()["features"]
    assert township and len(township) < len(features)
