"""Scoring a drill from the exercise incident's own records, in drill time (a drill run at ×2 is judged on its
drill minutes); the evaluator's checklist refuses missing and out-of-range scores by field; the evaluation report
builds as DOCX; the demo's two held drills are scored (one good, one with late tasks); a drill held counts for
its plan in indicator 3.5."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.core.errors import DomainError
from yingji.drills import services
from yingji.drills.models import Drill
from yingji.standards import drills as rules

pytestmark = pytest.mark.django_db

T = timezone.now().replace(microsecond=0) - timedelta(hours=5)
OBSERVED = {"preparation": 5, "command": 8, "resources": 8, "communication": 5, "public_info": 4, "evacuation": 4,
            "termination": 4, "organisation": 4}


@pytest.fixture
def played(users, regions):
    """A flood drill at ×2: verified at 5 real minutes (10 drill minutes), the plan activated at 20 (40 drill
    minutes), the first task done in time, the second late, the rest left open."""
    from yingji.incidents.workflows import fire_incident
    from yingji.plans.activation import activate
    from yingji.plans.models import Plan
    from yingji.plans.workflows import TASK_FLOW

    boss = users["commander"]
    drill = Drill(code="YL-SCORE", name="评分测试演练", region=regions["district"], scheduled_at=T,
                  plan=Plan.objects.get(code="YA-FX"), scenario="涪江超警戒水位",
                  incident_type="1.1.1", address="老池镇场镇")
    drill.save()
    drill = services.start(drill, actor=boss, now=T)
    drill = services.set_speed(drill, actor=boss, speed=2, now=T)
    fire_incident(drill.incident, "verify", actor=boss, data={"now": T + timedelta(minutes=5)})
    response = activate(actor=boss, incident=drill.incident, version=Plan.objects.get(code="YA-FX").current_version(),
                        level="response_4", now=T + timedelta(minutes=20))
    tasks = list(response.tasks.order_by("deadline", "id"))
    for task, real_minutes in ((tasks[0], 1), (tasks[1], None)):
        allowed = (task.deadline - task.assigned_at).total_seconds() / 60
        done = task.assigned_at + timedelta(minutes=real_minutes if real_minutes else allowed)  # ×2: late at allowed
        for event, at in (("accept", task.assigned_at), ("start", task.assigned_at), ("complete", done)):
            TASK_FLOW.fire(task, event, actor=boss, data={"now": at})
            task.refresh_from_db()
    return services.end(drill, actor=boss, now=T + timedelta(minutes=150)), len(tasks)


def test_timeliness_is_measured_from_the_records_in_drill_time(played, users):
    from yingji.drills.scoring import measure, measured_points

    drill, n_tasks = played
    figures = measure(drill)
    assert figures["acknowledge_min"] == 10.0 and figures["activate_min"] == 40.0
    assert (figures["tasks_total"], figures["tasks_on_time"], figures["tasks_late"], figures["tasks_open"]) == (
        n_tasks, 1, 1, n_tasks - 2)
    assert figures["clocks_met"] == 0 and figures["clocks_total"] >= 1  # nothing was reported: all waived at the end
    points = measured_points(figures)
    assert points["reporting"] == 10.0  # 10′ ≤ 15′
    assert points["activation"] == round(10 * (90 - 40) / 60, 1)  # 8.3: between 30′ and 90′
    assert points["tasks"] == round(20 * 1 / n_tasks, 1) and points["clocks"] == 0.0

    evaluation = services.evaluate(drill, actor=users["commander"], scores=OBSERVED, findings="任务超时\n报送缺失",
                                   improvements="明确任务时限提醒\n初报模板前置")
    expected = round(sum(OBSERVED.values()) + sum(points.values()), 1)
    assert float(evaluation.total) == expected and evaluation.grade == rules.grade_of(expected)
    drill.refresh_from_db()
    assert drill.stage == "evaluated" and drill.plan.last_drill_on == timezone.localtime(T).date()
    review = drill.incident.review  # the improvements are tracked as rectification items of the exercise's review
    assert [i.content for i in review.items.all()] == ["明确任务时限提醒", "初报模板前置"]
    assert "演练评估" in review.findings and "任务超时" in review.findings
    services.evaluate(drill, actor=users["commander"], scores=OBSERVED, improvements="明确任务时限提醒")
    assert review.items.count() == 2  # evaluated again: nothing doubled


def test_the_checklist_refuses_missing_and_out_of_range_scores_by_field(played, users, client):
    drill, _n = played
    with pytest.raises(DomainError) as refused:
        services.evaluate(drill, actor=users["commander"], scores={**OBSERVED, "command": ""})
    assert refused.value.code == "score_required" and "score_command" in refused.value.fields
    with pytest.raises(DomainError) as refused:
        services.evaluate(drill, actor=users["commander"], scores={**OBSERVED, "preparation": "6"})
    assert refused.value.code == "invalid_score" and "score_preparation" in refused.value.fields
    client.force_login(users["commander"])
    response = client.post(f"/drills/{drill.uuid}/evaluation/", {f"score_{k}": "abc" for k in OBSERVED})
    assert response.status_code == 400 and "得分须为数字" in response.content.decode()
    assert not hasattr(Drill.objects.get(pk=drill.pk), "evaluation") or Drill.objects.get(pk=drill.pk).stage == "ended"


def test_the_evaluation_report_builds_as_docx_with_the_aqt_9009_headings(users, client):
    drill = Drill.objects.get(code="YL-2026-02")
    client.force_login(users["commander"])
    response = client.get(f"/drills/{drill.uuid}/report.docx")
    assert response.status_code == 200
    xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    for text in ("的评估报告", "一、演练基本情况", "三、演练情况分析", "四、评估结论",
                 "五、存在的问题", "超时完成", "演练时间轴", "【注入】", drill.evaluation.grade):
        assert text in xml, text


def test_the_demo_has_a_good_drill_a_late_one_and_a_planned_double_blind_one(users, client):
    good, late, planned = (Drill.objects.get(code=c) for c in ("YL-2026-01", "YL-2026-02", "YL-2027-01"))
    assert good.evaluation.grade == "优秀" and good.evaluation.measured["tasks_late"] == 0
    assert late.evaluation.measured["tasks_late"] >= 2 and late.evaluation.total < good.evaluation.total
    assert late.evaluation.measured["acknowledge_min"] == 24.0 and late.evaluation.grade == "合格"
    assert planned.stage == "planned" and planned.double_blind and planned.injects.count() == 3
    assert good.incident.is_exercise and good.incident.status == "closed"
    assert good.incident.timeline.filter(kind="drill_inject").count() == 5

    client.force_login(users["commander"])
    page = client.get(f"/drills/{late.uuid}/replay/").content.decode()
    assert "T+00:24:00" in page and "【演练注入】T+40分" in page  # verified at 24′; the inject at 40′
    early = client.get(f"/drills/{late.uuid}/replay/?until=20").content.decode()
    assert "【演练注入】T+10分" in early and "【演练注入】T+40分" not in early
    review = client.get(f"/incidents/{late.incident.uuid}/review/")  # the improvements, tracked as rectification
    assert review.status_code == 200 and "更新避险转移台账" in review.content.decode()


def test_a_drill_held_counts_for_its_plan_in_indicator_3_5(users):
    """Indicator 3.5 is the plans app's; a drill held moves its plan's last drill date, which 3.5's 演练率 reads."""
    from yingji.core.extensions import INDICATORS

    [indicator] = [i for i in INDICATORS if i.code == "3.5"]
    held = Drill.objects.filter(code="YL-2026-01").select_related("plan").get()
    assert held.plan.last_drill_on >= timezone.localtime(held.started_at).date()  # this drill or a later one
    assert held.plan.next_drill_due > timezone.localdate()  # drilled in time
    assert indicator.compute(users["commander"])["drilled"] >= 1
