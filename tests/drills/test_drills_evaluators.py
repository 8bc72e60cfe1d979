"""Several evaluators per drill: each scores on their own sheet, the evaluation is the mean of their points, and who
scored what is shown on the console, through the API and in the evaluation report. Participants and the simulation
script are added through the API too."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.drills import services
from yingji.drills.models import Drill

pytestmark = pytest.mark.django_db

T = timezone.now().replace(microsecond=0) - timedelta(hours=3)
SHEET_A = {"preparation": 5, "command": 10, "resources": 6, "communication": 5, "public_info": 4, "evacuation": 4,
           "termination": 4, "organisation": 4}
SHEET_B = {**SHEET_A, "command": 6, "resources": 9}


@pytest.fixture
def ended(users, regions):
    """A township tabletop drill of 桂花镇, started and ended (nothing done: the measured elements earn little)."""
    drill = Drill(code="YL-EVAL", name="多人评估测试演练", region=regions["guihua"], scheduled_at=T,
                  scenario="山洪冲毁便道", incident_type="1.1.1", address="")
    drill.save()
    drill = services.start(drill, actor=users["township-guihua"], now=T)
    return services.end(drill, actor=users["township-guihua"], now=T + timedelta(minutes=60))


def test_each_evaluator_scores_and_the_evaluation_is_their_mean(ended, users, client):
    township, boss = users["township-guihua"], users["commander"]
    first = services.evaluate(ended, actor=township, scores=SHEET_A, improvements="补充便道抢通预案")
    services.evaluate(ended, actor=boss, scores=SHEET_B, notes={"command": "会商滞后"},
                      improvements="补充便道抢通预案\n开展夜间演练")
    evaluation = Drill.objects.get(pk=ended.pk).evaluation
    assert evaluation.scores["command"] == 8.0 and evaluation.scores["resources"] == 7.5
    assert float(evaluation.total) == pytest.approx(float(first.total) - 0.5)  # A gave 16 there, B 15: 15.5
    assert "桂花镇管理员" in evaluation.evaluator_name and "指挥长" in evaluation.evaluator_name
    assert evaluation.notes["command"].startswith("指挥长") and "会商滞后" in evaluation.notes["command"]
    assert evaluation.improvements.splitlines() == ["补充便道抢通预案", "开展夜间演练"]

    services.evaluate(ended, actor=boss, scores={**SHEET_B, "command": 10})  # scoring again replaces one's own
    assert Drill.objects.get(pk=ended.pk).sheets.count() == 2
    assert Drill.objects.get(pk=ended.pk).evaluation.scores["command"] == 10.0

    client.force_login(boss)
    page = client.get(f"/r/drills/drills/{ended.uuid}/").content.decode()
    assert 'id="drill-sheets"' in page and "桂花镇管理员（演示）" in page and "指挥长（演示）" in page
    report = client.get(f"/drills/{ended.uuid}/report.docx")
    with zipfile.ZipFile(io.BytesIO(report.content)) as docx:
        text = docx.read("word/document.xml").decode()
    assert "桂花镇管理员（演示）" in text and "指挥长（演示）" in text and "综合得分" in text


def test_the_sheets_and_the_combined_score_through_the_api(ended, users, api):
    base = f"/api/drills/drills/{ended.uuid}"
    assert api(users["township-guihua"]).post(f"{base}/evaluation/", {"scores": SHEET_A}, format="json") \
        .status_code == 200
    result = api(users["commander"]).post(f"{base}/evaluation/", {"scores": SHEET_B}, format="json").json()
    assert result["evaluators"] == ["桂花镇管理员（演示）", "指挥长（演示）"] and result["scores"]["command"] == 8.0
    sheets = api(users["duty"]).get(f"{base}/evaluation/sheets/").json()
    assert [s["evaluator"] for s in sheets["sheets"]] == ["桂花镇管理员（演示）", "指挥长（演示）"]
    assert [s["scores"]["command"] for s in sheets["sheets"]] == [10, 6] and sheets["combined"]["total"] == \
        result["total"]
    bad = api(users["commander"]).post(f"{base}/evaluation/", {"scores": {**SHEET_B, "command": 11}}, format="json")
    assert bad.status_code == 400 and list(bad.json()["error"]["fields"]) == ["score_command"]


def test_participants_and_the_simulation_script_through_the_api(users, api, regions):
    drill = Drill.objects.create(code="YL-SIM", name="推演接口测试", region=regions["district"],
                                 scheduled_at=timezone.now() + timedelta(days=3), scenario="暴雨",
                                 incident_type="1.1.1", address="")
    boss, base = api(users["commander"]), f"/api/drills/drills/{drill.uuid}"
    added = boss.post(f"{base}/participants/", {"role": "evaluator", "organization": "ORG-GOV", "headcount": 3},
                      format="json")
    assert added.status_code == 201 and added.json()["role"] == "evaluator"
    bad = boss.post(f"{base}/participants/", {"role": "player", "organization": "NOPE"}, format="json")
    assert bad.status_code == 400 and "organization" in bad.json()["error"]["fields"]
    none = boss.post(f"{base}/participants/", {"role": "player"}, format="json")
    assert none.status_code == 400 and none.json()["error"]["code"] == "required"
    listed = api(users["duty"]).get(f"{base}/participants/").json()
    assert [(p["role"], p["organization"], p["headcount"]) for p in listed] == [("evaluator", "ORG-GOV", 3)]

    made = boss.post(f"{base}/script-from-incident/", {"code": "SJ20200813-0001"}, format="json")
    assert made.status_code == 201 and made.json()["results"][0]["minute"] == 0
    assert drill.injects.count() == len(made.json()["results"]) > 1
    unknown = boss.post(f"{base}/script-from-incident/", {"code": "SJ19990101-0001"}, format="json")
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "unknown_incident"
    assert api(users["duty"]).post(f"{base}/script-from-incident/", {"code": "SJ20200813-0001"},
                                   format="json").status_code == 403
    assert api(users["township-guihua"]).get(f"{base}/participants/").status_code == 404


def test_the_demo_good_drill_was_scored_by_two_evaluators(users):
    good = Drill.objects.get(code="YL-2026-01")
    assert good.sheets.count() == 2 and good.evaluation.grade == "优秀"
    assert good.evaluation.scores["command"] == 8.5


def test_resources_dispatched_are_measured_against_the_plans_needs_and_the_level(users, regions):
    from yingji.drills.scoring import measure
    from yingji.plans.activation import activate
    from yingji.plans.capability import teams_matching
    from yingji.plans.content import requirements
    from yingji.plans.dispatch import dispatch_team
    from yingji.plans.models import Plan, TeamOrder

    boss, plan = users["commander"], Plan.objects.get(code="YA-FX")
    drill = Drill(code="YL-RES", name="资源调度测试演练", region=regions["district"], scheduled_at=T, plan=plan,
                  level="response_3", scenario="涪江超警戒", incident_type="1.1.1", address="老池镇场镇")
    drill.save()
    drill = services.start(drill, actor=boss, now=T)
    response = activate(actor=boss, incident=drill.incident, version=plan.current_version(), level="response_4",
                        now=T + timedelta(minutes=10))
    teams, _materials = requirements(plan.current_version().content, "response_4")
    (team_type, speciality), need = sorted(teams.items())[0]
    before = measure(drill)
    row = before["resources"][0]
    assert (row["need"], row["sent"]) == (need, 0) and before["resources_met"] < before["resources_total"]
    assert (before["level_planned"], before["level_activated"]) == ("response_3", "response_4")
    busy = TeamOrder.objects.filter(active=True).values_list("team_id", flat=True)
    team = teams_matching(team_type, speciality).exclude(pk__in=busy).first()
    dispatch_team(actor=boss, incident=drill.incident, team=team, response=response, now=T + timedelta(minutes=12))
    assert measure(drill)["resources"][0]["sent"] == 1
