"""Loads the drills demonstration data (a DEMO_LOADERS entry, order 97): two drills of the flood plan held this
autumn and scored (the district's tabletop exercise, good; 老池镇's evacuation drill, with late and unfinished
tasks), and a 双盲 chemical-leak drill planned for next month with its script. The held drills are run through the
same services a controller uses, on a past clock (`now=`), so their incidents, timelines, tasks and scores are the
platform's own records. A second load keeps what the first wrote."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from yingji.core.models import Organization, Region, User
from yingji.demo.loader import upsert
from yingji.demo.townships import township

from . import services
from .choices import DrillType, InjectKind, ParticipantRole, Stage
from .models import Drill, DrillParticipant, Inject

FLOOD_SCRIPT = [
    (0, InjectKind.REPORT, "老池镇报告场镇积水", "老池镇值班室报告：场镇主街积水深约40厘米，低洼处有群众被困。",
     "核实灾情，通知相关乡镇和部门"),
    (10, InjectKind.ALARM, "涪江水位超警戒", "水文站报告：涪江船山段水位超警戒水位0.6米，仍在上涨。",
     "会商研判，启动防汛Ⅳ级应急响应"),
    (25, InjectKind.ROAD, "S205线路段中断", "交通部门报告：S205线老池段因积水中断，救援车辆需绕行。", "调整救援路线"),
    (40, InjectKind.ESCALATE, "低洼小区12人被困", "群众报告：滨江小区地下车库进水，12人被困二楼。",
     "调派水域救援队伍转移被困群众"),
    (60, InjectKind.REQUEST, "安置点物资告急", "老池镇中心学校安置点报告：折叠床、饮用水不足。", "调拨应急物资"),
]
CHEMICAL_SCRIPT = [
    (0, InjectKind.REPORT, "化工园区储罐泄漏", "园区企业报告：一甲醇储罐阀门泄漏，现场有刺激性气味。",
     "核实、报告、通知消防"),
    (15, InjectKind.ALARM, "有毒气体报警", "园区监测点可燃气体浓度超报警值。", "划定警戒区，疏散下风向人员"),
    (30, InjectKind.ESCALATE, "下风向学校报告异味", "附近小学报告师生闻到异味。", "组织学校转移"),
]


def _at(days_ago: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load(progress=print) -> None:
    if Drill.objects.filter(is_demo=True).exists():
        return
    commander = User.objects.get(username="commander")
    district = Region.objects.get(level=1)
    laochi = Region.objects.get(code=township("老池镇").code)
    progress("drills: two held and scored, one planned")
    _held_good(commander, district)
    _held_late(commander, laochi)
    _planned(district)


def _drill(code, name, *, region, plan, drill_type, scheduled, scenario, double_blind=False, objectives="",
           address="老池镇场镇", level=""):
    from yingji.plans.models import Plan

    return upsert(Drill, code, validate=True, name=name, region=region, plan=Plan.objects.filter(code=plan).first(),
                  drill_type=drill_type, scheduled_at=scheduled, scenario=scenario, incident_type="1.1.1"
                  if plan == "YA-FX" else "2.1.2", double_blind=double_blind, objectives=objectives,
                  duration_minutes=90, address=address, level=level)


def _script(drill, script, actor, now):
    for minute, kind, title, content, expected in script:
        services.add_inject(drill, actor=actor, minute=minute, kind=kind, title=title, content=content,
                            expected=expected, is_demo=True, now=now)


def _participants(drill, codes):
    for role, code, headcount in codes:
        organization = Organization.objects.filter(code=code).first()
        if organization is not None:
            DrillParticipant.objects.create(drill=drill, role=role, organization=organization, headcount=headcount)


def _run(drill, actor, t0, *, verify_min, activate_min, task_minutes, clocks_met, end_min):
    """Play the drill on a past clock: the players verify, activate the flood plan at level Ⅳ and do the tasks
    at the given drill minutes (None leaves a task open)."""
    from yingji.incidents.workflows import fire_incident
    from yingji.plans.activation import activate
    from yingji.plans.models import Plan
    from yingji.plans.workflows import TASK_FLOW

    drill = services.start(drill, actor=actor, now=t0, is_demo=True)
    incident = drill.incident
    fire_incident(incident, "verify", actor=actor, data={"now": t0 + timedelta(minutes=verify_min)})
    at = t0 + timedelta(minutes=activate_min)
    services.catch_up(drill, at)
    version = Plan.objects.get(code="YA-FX").current_version()
    response = activate(actor=actor, incident=incident, version=version, level="response_4", now=at, is_demo=True,
                        reason="演练：涪江水位超警戒，启动防汛Ⅳ级应急响应")
    for task, minutes in zip(response.tasks.order_by("deadline", "id"), task_minutes, strict=False):
        if minutes is None:
            continue
        done = task.assigned_at + timedelta(minutes=minutes)
        for event, when in (("accept", task.assigned_at + timedelta(minutes=2)),
                            ("start", task.assigned_at + timedelta(minutes=3)), ("complete", done)):
            TASK_FLOW.fire(task, event, actor=actor, data={"now": when})
            task.refresh_from_db()
    for clock_row, minutes in zip(incident.clocks.filter(required=True).order_by("due_at", "id"), clocks_met,
                                  strict=False):
        if minutes is not None:
            clock_row.met_at, clock_row.met_note = clock_row.starts_at + timedelta(minutes=minutes), "演练：模拟报送"
            clock_row.save()
    return services.end(drill, actor=actor, now=t0 + timedelta(minutes=end_min))


def _held_good(commander, district):
    t0 = _at(40, 9)
    drill = _drill("YL-2026-01", "船山区2026年防汛抢险桌面推演", region=district, plan="YA-FX",
                   drill_type=DrillType.TABLETOP, scheduled=t0, level="response_4",
                   scenario="连续强降雨，涪江船山段超警戒水位，老池镇场镇积水，低洼处群众被困。",
                   objectives="检验防汛预案Ⅳ级响应的启动、信息报送和部门协同。")
    _participants(drill, [(ParticipantRole.PLAYER, "ORG-WATER", 6), (ParticipantRole.PLAYER, "ORG-EMB", 8),
                          (ParticipantRole.CONTROLLER, "ORG-EMB", 2), (ParticipantRole.EVALUATOR, "ORG-GOV", 3)])
    _script(drill, FLOOD_SCRIPT, commander, t0)
    drill = _run(drill, commander, t0, verify_min=6, activate_min=16, task_minutes=[20, 25, 30, 35, 40, 45],
                 clocks_met=[20, 50, 100], end_min=90)
    services.evaluate(drill, actor=commander, now=t0 + timedelta(days=2), is_demo=True,
                      evaluator_name="区应急管理局演练评估组",
                      scores={"preparation": 5, "command": 9, "resources": 9, "communication": 5, "public_info": 4,
                              "evacuation": 5, "termination": 4, "organisation": 5},
                      notes={"public_info": "模拟新闻通稿起草稍慢"},
                      findings="模拟信息发布通稿起草用时偏长",
                      improvements="完善信息发布模板，明确起草和审核分工")
    # A second evaluator (an expert of the training pool) scores on her own sheet; the result is their mean.
    services.evaluate(drill, actor=None, now=t0 + timedelta(days=2, hours=1), is_demo=True,
                      evaluator_name="周红梅（培训专家）",
                      scores={"preparation": 5, "command": 8, "resources": 10, "communication": 5, "public_info": 4,
                              "evacuation": 5, "termination": 4, "organisation": 5},
                      notes={"command": "会商决策及时，部门分工明确"},
                      findings="模拟信息发布通稿起草用时偏长\n物资调度台账未同步到指挥大屏",
                      improvements="完善信息发布模板，明确起草和审核分工")


def _held_late(commander, laochi):
    t0 = _at(15, 14, 30)
    drill = _drill("YL-2026-02", "老池镇汛期群众转移单项演练", region=laochi, plan="YA-FX",
                   drill_type=DrillType.SINGLE, scheduled=t0, level="response_4",
                   scenario="夜间暴雨，老池镇滨江片区低洼处进水，需转移群众至中心学校安置点。",
                   objectives="检验乡镇接报核实、转移安置和任务完成时效。")
    _participants(drill, [(ParticipantRole.PLAYER, "ORG-EMB", 4)])
    _script(drill, FLOOD_SCRIPT[:4], commander, t0)
    drill = _run(drill, commander, t0, verify_min=24, activate_min=48,
                 task_minutes=[20, 75, 100], clocks_met=[25], end_min=160)
    services.evaluate(drill, actor=commander, now=t0 + timedelta(days=1), is_demo=True,
                      evaluator_name="老池镇演练评估组",
                      scores={"preparation": 5, "command": 7, "resources": 7, "communication": 4, "public_info": 4,
                              "evacuation": 3, "termination": 4, "organisation": 4},
                      notes={"evacuation": "转移名单与实际住户不符，二次核对耗时"},
                      findings="接报后24分钟才核实，超过15分钟目标\n响应启动滞后，多项任务超时或未完成\n转移名单未及时更新",
                      improvements="值班人员接报后立即电话核实\n更新避险转移台账，每季度核对一次\n"
                                   "组织村（社区）干部开展转移安置专项培训")


def _planned(district):
    when = _at(-25, 9)
    drill = _drill("YL-2027-01", "危险化学品泄漏双盲实战演练", region=district, plan="YA-WH", address="",
                   drill_type=DrillType.FIELD, scheduled=when, double_blind=True,
                   scenario="化工园区企业储罐泄漏（参演人员事先不知晓具体情景）。",
                   objectives="检验危化品事故接报、警戒疏散和联合处置能力。")
    _participants(drill, [(ParticipantRole.PLAYER, "ORG-EMB", 10), (ParticipantRole.OBSERVER, "ORG-GOV", 5)])
    for minute, kind, title, content, expected in CHEMICAL_SCRIPT:
        Inject.objects.create(drill=drill, minute=minute, kind=kind, title=title, content=content,
                              expected=expected, is_demo=True)
    assert drill.stage == Stage.PLANNED
