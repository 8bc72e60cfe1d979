"""Demonstration incidents (shared/DISTRICT.md): the August 2020 rainstorms as a closed incident with its
full report chain and review, and three recent small incidents. Called by the demo loader after core."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from yingji.core.models import OutboxEvent, Region, User
from yingji.demo.townships import township

from . import grading, reporting, review, services
from .models import Incident
from .workflows import fire_incident, fire_report

CST = ZoneInfo("Asia/Shanghai")
RAINSTORM_CODE = "SJ20200813-0001"
# The 12 townships hit along the 涪江 (the plan names the river reaches), and their share of the figures.
HIT = ("唐家乡", "桂花镇", "仁里镇", "老池镇", "龙凤镇", "河沙镇", "永兴镇", "新桥镇", "保升镇", "北固镇",
       "灵泉街道", "南强街道")
WEIGHTS = (14, 13, 11, 11, 10, 9, 8, 7, 6, 5, 3, 3)
FINAL = {"affected": 15144, "dead": 0, "missing": 0, "relocated": 1702, "crop_affected_ha": 1164.2,
         "crop_failed_ha": 96.4, "direct_loss_wan": 8687.0}
# (local time sent, figures, explanation) for 初报 and the daily 续报; the 15 Aug one is sent late on purpose.
CHAIN = (
    ("2020-08-13 04:20", {"affected": 2860, "relocated": 310, "crop_affected_ha": 180.5, "direct_loss_wan": 620}, ""),
    ("2020-08-14 08:30", {"affected": 7420, "relocated": 860, "crop_affected_ha": 515.0, "direct_loss_wan": 2860},
     "13日夜间涪江上游来水持续增大，受灾乡镇由5个增至9个，统计范围扩大。"),
    ("2020-08-15 09:20", {"affected": 7630, "relocated": 860, "crop_affected_ha": 538.6, "direct_loss_wan": 2975},
     "补充统计农作物受灾面积。"),
    ("2020-08-16 08:40", {"affected": 9810, "relocated": 1120, "crop_affected_ha": 702.3, "direct_loss_wan": 4380},
     "16日凌晨再次出现强降雨，新增受灾人口。"),
    ("2020-08-17 08:10", {"affected": 14230, "relocated": 1650, "crop_affected_ha": 1098.7, "direct_loss_wan": 8010},
     "16日强降雨致12个乡镇（街道）受灾，房屋、道路和农田损失较大。"),
    ("2020-08-18 08:30", {"affected": 15020, "relocated": 1690, "crop_affected_ha": 1158.0, "direct_loss_wan": 8620},
     "各乡镇补充核实。"),
)


def _at(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=CST)


def load(progress=print) -> None:
    if Incident.objects.filter(code=RAINSTORM_CODE).exists():
        return
    progress("载入突发事件演示数据：2020年8月暴雨洪涝灾害及近期事件……")
    users = {u.username: u for u in User.objects.filter(is_demo=True)}
    last_event = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    _rainstorm(users)
    _recent(users)
    # Loaded history is not news: consumers (escalation, the live board) must not act on 2020 deadlines.
    OutboxEvent.objects.filter(id__gt=last_event, kind__regex=r"^(incident|report)\.").delete()


def _signed_and_sent(report, users, sent_at, author):
    signer = users["commander"]
    fire_report(report, "submit", actor=author, data={"now": sent_at - timedelta(minutes=20)})
    fire_report(report, "sign", actor=signer, data={"now": sent_at - timedelta(minutes=10)})
    return fire_report(report, "send", actor=author, data={"now": sent_at})


def _rainstorm(users):
    duty = users["duty"]
    incident = services.create_incident(actor=duty, is_demo=True, now=_at("2020-08-13 03:25"), data={
        "code": RAINSTORM_CODE, "type_code": "1.1.1", "name": "船山区“8·13”“8·16”暴雨洪涝灾害",
        "occurred_at": _at("2020-08-13 02:30"), "received_at": _at("2020-08-13 03:25"),
        "address": "涪江沿岸12个乡镇（街道）",
        "statement": "区气象局、水利局通报：12日夜间至13日凌晨涪江上游及我区普降暴雨，涪江水位快速上涨，"
                     "唐家乡、桂花镇等沿江乡镇低洼地带进水，部分群众需转移。",
        "caller_name": "区防汛值班室", "reporter_org": "区水利局",
    })
    fire_incident(incident, "verify", actor=duty, data={"now": _at("2020-08-13 03:40"), "note": "已与沿江乡镇核实"})
    fire_incident(incident, "respond", actor=duty, data={"now": _at("2020-08-13 03:50"), "note": "启动防汛Ⅳ级应急响应"})
    grading.override(incident, actor=users["commander"], grade="grade_4", now=_at("2020-08-13 04:00"),
                     reason="经区防汛抗旱指挥部会商研判，按一般自然灾害处置。")
    for number, (sent, figures, explanation) in enumerate(CHAIN):
        kind = "initial" if number == 0 else "continuation"
        _district_report(incident, users, kind, _at(sent), figures, explanation)
    _township_reports(incident, users, initial=True)
    incident.refresh_from_db()
    incident = fire_incident(incident, "stabilize", actor=duty, data={"now": _at("2020-08-18 12:00"),
                                                           "note": "涪江水位回落至警戒水位以下，降雨过程结束"})
    _township_reports(incident, users, initial=False)
    _district_report(incident, users, "verification", _at("2020-08-20 15:30"), FINAL,
                     "核报数据经各乡镇（街道）逐户核实。")
    incident.refresh_from_db()
    fire_incident(incident, "close", actor=users["commander"], data={
        "now": _at("2020-08-21 10:00"),
        "summary": "两轮强降雨共致12个乡镇（街道）15144人受灾，紧急转移安置1702人，农作物受灾1164.2公顷，"
                   "直接经济损失8687万元，无人员伤亡。受灾群众已全部妥善安置，灾后恢复重建工作转入常态。",
    })
    incident.refresh_from_db()
    review.save_review(incident, actor=users["commander"], is_demo=True, findings=(
        "监测预警及时，沿江群众转移组织有序，实现零伤亡。暴露的问题：15日续报超时；部分乡镇灾情统计口径不一，"
        "续报数据波动较大；低洼地带排涝设备不足。"), items=[
        {"content": "统一乡镇灾情统计口径，开展灾害信息员培训", "owner": "区应急管理局", "due_date": "2020-10-31"},
        {"content": "为沿江乡镇补充排涝泵车和冲锋舟", "owner": "区应急管理局、区水利局", "due_date": "2020-12-31"},
    ])


def _district_report(incident, users, kind, sent_at, figures, explanation):
    duty = users["duty"]
    report = reporting.create_report(incident, actor=duty, kind=kind, now=sent_at - timedelta(hours=1),
                                     is_demo=True, data={
        "figures": figures, "explanation": explanation, "as_of": sent_at - timedelta(hours=1),
        "texts": {"course": "受强降雨影响，涪江船山段水位上涨，沿江低洼地带农田、房屋进水。",
                  "measures": "启动防汛应急响应，转移受威胁群众，组织抢险队伍排涝，发放救灾物资。"},
    })
    return _signed_and_sent(report, users, sent_at, duty)


def _shares(total, decimals):
    parts = [round(total * w / sum(WEIGHTS), decimals) for w in WEIGHTS]
    parts[0] = round(total - sum(parts[1:]), decimals)
    return parts


def _township_reports(incident, users, initial):
    authors = {"桂花镇": users["township-guihua"], "龙凤镇": users["township-longfeng"]}
    figures = {key: _shares(value * (0.3 if initial else 1), 1 if isinstance(value, float) else 0)
               for key, value in FINAL.items()}
    sent_at = _at("2020-08-13 10:00" if initial else "2020-08-19 17:00")
    for index, name in enumerate(HIT):
        region = Region.objects.get(code=township(name).code)
        author = authors.get(name, users["duty"])
        values = {key: (int(parts[index]) if isinstance(FINAL[key], int) else parts[index])
                  for key, parts in figures.items()}
        report = reporting.create_report(
            incident, actor=author, kind="initial" if initial else "verification", region=region, is_demo=True,
            now=sent_at, data={"figures": values, "as_of": sent_at, "issuer": f"{name}人民政府",
                               "explanation": "" if initial else "逐户核实后的最终数据。"})
        _signed_and_sent(report, users, sent_at + timedelta(minutes=index), author)


def _recent(users):
    now = timezone.now().replace(second=0, microsecond=0)
    duty = users["duty"]
    for spec in RECENT:
        seat = township(spec["township"]).seat
        data = {**spec["data"], "lon": seat[0] + spec["offset"][0], "lat": seat[1] + spec["offset"][1],
                "occurred_at": now - spec["ago"], "received_at": now - spec["ago"] + timedelta(minutes=8)}
        incident = services.create_incident(actor=duty, data=data, is_demo=True, now=now)
        for event in spec["events"]:
            fire_incident(incident, event, actor=duty, data={"now": now})


RECENT = (
    {"township": "唐家乡", "offset": (0.004, -0.003), "ago": timedelta(hours=3), "events": ("verify", "respond"),
     "data": {"type_code": "2.2.1", "name": "唐家乡两车相撞道路交通事故", "address": "唐家乡场镇S205线",
              "statement": "一辆货车与一辆小轿车相撞，小轿车内有人受伤，一人被困。", "caller_name": "过路司机",
              "dead": 0, "injured": 3, "serious_injured": 1, "trapped": 1, "direct_loss_cny": 120000}},
    {"township": "南津路街道", "offset": (0.002, 0.001), "ago": timedelta(minutes=70), "events": ("verify",),
     "data": {"type_code": "2.1.4", "name": "南津路街道居民楼住宅火灾", "address": "南津路某小区5栋3楼",
              "statement": "三楼一户厨房起火，有浓烟，楼上住户已自行疏散。", "caller_name": "邻居",
              "evacuated": 26, "direct_loss_cny": 50000}},
    {"township": "龙凤镇", "offset": (0.006, 0.004), "ago": timedelta(minutes=40), "events": (),
     "data": {"type_code": "1.4.2", "name": "龙凤镇山体滑坡险情", "address": "龙凤镇3组后山",
              "statement": "网格员巡查发现后山出现裂缝并有少量土石滑落，坡下有12户居民。", "caller_name": "网格员",
              "evacuated": 36}},
)
