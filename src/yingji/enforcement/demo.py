"""Loads the enforcement demonstration data (a DEMO_LOADERS entry, order 80; after prevention). Deterministic and
flagged is_demo: the item list; the target directory (the active enterprises and places of the prevention demo
but the newest of each township, not yet classified; suspended ones are not inspected); 36 inspectors (two
with a certificate expiring within a month, one expired, one short of training); the demo year's published
plan; five past draws over the year, replayable, with 38 inspections recorded (不合格 items became hazards), most
results published (公示) — some late, some still waiting, one overdue —, 责令限期整改 orders (re-checked 合格 and
不合格, one running) and ten penalty cases in every step with the party's statements and a noticed hearing. The
orders and cases carry no 文书 files (documents.without_files: the test template keeps no media directory).
A second load keeps what the first wrote.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from yingji.core.models import Region, User
from yingji.demo import townships as places
from yingji.demo.loader import upsert
from yingji.demo.organizations import GIVEN_NAMES, SURNAMES
from yingji.prevention.models import Enterprise

from . import cases, documents, orders, payments, rights
from . import demo_data as data
from .choices import CHEMICAL_KEY_SECTORS, ItemResult, PenaltyKind, SupervisionClass, sector_of
from .draws import DrawRequest, run_draw
from .inspections import items_for, record_inspection
from .models import AnnualPlan, Draw, InspectionItem, InspectionTask, Inspector, PenaltyCase, Target
from .workflows import PLAN_FLOW

SEED = 17_510903
INSPECTORS = 36  # one per township, two in each of the ten rural townships (龙凤镇 … 唐家乡)
DISTRICT = "510903000000"


def load(progress=print) -> None:
    progress("载入执法检查：检查事项清单、检查对象与执法人员名录库、年度计划、双随机抽查……")
    district = Region.objects.get(code=DISTRICT)
    _items(district)
    _targets()
    _inspectors()
    _plan(district)
    if not Draw.objects.filter(is_demo=True).exists():
        _draws(district)


def _items(district) -> None:
    for sector, rows in data.ITEMS.items():
        for number, (name, basis, method) in enumerate(rows, 1):
            upsert(InspectionItem, f"JCSX-{sector.upper()[:4]}-{number:02d}", name=name, sector=sector,
                   legal_basis=basis, method=method, region=district)


def _class_of(enterprise) -> str:
    sector = sector_of(enterprise.category)
    if sector in CHEMICAL_KEY_SECTORS or enterprise.place_type == "school":
        return SupervisionClass.KEY
    return SupervisionClass.OTHER if sector == "other" else SupervisionClass.GENERAL


def _targets() -> None:
    """Every active enterprise and place, except the newest of each township: registered, not yet classified."""
    enterprises = list(Enterprise.objects.filter(is_demo=True, status="active").order_by("code"))
    newest: dict[int, int] = {}
    for e in enterprises:
        newest[e.region_id] = max(newest.get(e.region_id, 0), e.pk)
    for enterprise in enterprises:
        if newest[enterprise.region_id] == enterprise.pk:
            continue
        upsert(Target, f"JCDX-{enterprise.code}", name=enterprise.name, enterprise=enterprise,
               supervision_class=_class_of(enterprise), sector=sector_of(enterprise.category),
               region_id=enterprise.region_id, lon=enterprise.lon, lat=enterprise.lat)


def _inspectors() -> None:
    rng, today = random.Random(SEED), timezone.localdate()
    towns = places.TOWNSHIPS
    regions = {r.code: r for r in Region.objects.filter(code__in=[t.code for t in towns])}
    for n in range(1, INSPECTORS + 1):
        expiry, hours = today + timedelta(days=200 + 20 * n), 40 + (n * 7) % 30
        if n in (3, 11):  # two certificates expiring within the month: still qualified, flagged
            expiry = today + timedelta(days=10 + n)
        if n == 17:
            expiry = today - timedelta(days=330)  # expired before every demo draw: never drawn
        if n == 23:
            hours = 12  # short of the year's training: never drawn
        upsert(Inspector, f"ZFRY-{n:03d}", name=rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
               certificate_no=f"5109032{n:05d}", certificate_expiry=expiry,
               fields=data.FIELD_SETS[n % len(data.FIELD_SETS)], training_year=today.year, training_hours=hours,
               region=regions[towns[(n + 13) % len(towns)].code],
               user=User.objects.filter(username="inspector").first() if n == 1 else None)


def _plan(district) -> None:
    year = timezone.localdate().year
    if AnnualPlan.objects.filter(code=f"JCJH-{year}").exists():
        return
    plan = upsert(AnnualPlan, f"JCJH-{year}", name=f"船山区{year}年度安全生产监督检查计划", year=year, region=district)
    commander = User.objects.filter(username="commander").first()
    for event in ("submit", "approve", "publish"):
        PLAN_FLOW.fire(plan, event, actor=commander)


def _day(days_ago: int):
    """A past day of the demo year (qualification counts this year's training hours)."""
    today = timezone.localdate()
    return max(today - timedelta(days=days_ago), today.replace(month=1, day=1))


def _at(days_ago: int):
    return timezone.make_aware(datetime.combine(_day(days_ago), time(9, 30)))


SOURCE = "公证员见证的福彩3D开奖号（演示）"
# The year's draws: (name, days ago, targets, sector, seed, how many inspected, first inspection days ago).
DRAWS = (("第一批双随机抽查（全行业）", 300, 10, "", "0208-福彩3D-114", 10, 290),
         ("第二批双随机抽查（全行业）", 210, 10, "", "0509-福彩3D-262", 10, 200),
         ("第三批双随机抽查（全行业）", 120, 8, "", "0807-福彩3D-093", 8, 110),
         ("第四批双随机抽查（全行业）", 60, 12, "", "1015-福彩3D-381", 8, 50),
         ("第五批双随机抽查（危险化学品）", 20, 5, "chemicals", "1114-福彩3D-507", 2, 12))


def _draws(district) -> None:
    commander = User.objects.filter(username="commander").first()
    for batch, (name, ago, n, sector, seed, inspected, first_day) in enumerate(DRAWS):
        draw = run_draw(DrawRequest(name=name, region=district, target_count=n, sector=sector, seed=seed,
                                    seed_source=SOURCE), actor=commander, is_demo=True, now=_at(ago))
        for number, task in enumerate(draw.tasks.order_by("code")[:inspected]):
            fails = (batch + number) % 3 != 0  # two in three inspections find something
            rows = [{"item": item.code, "result": ItemResult.FAIL if fails and k == number % 4 else ItemResult.PASS,
                     "note": "现场发现问题：" + item.name if fails and k == number % 4 else ""}
                    for k, item in enumerate(items_for(task))]
            record_inspection(task, actor=commander, findings=rows, inspected_on=_day(first_day - 3 * number))
    _publish()
    with documents.without_files():  # the steps' 文书 are generated when a user takes a step, not in the demo
        _orders(commander)
        _cases(commander)


def _inspected():
    return InspectionTask.objects.filter(is_demo=True, state="done").order_by("inspected_on", "code")


def _publish() -> None:
    """Results past their 20 working days are published (a few working days after the inspection, every seventh
    late) but for the latest of them, left overdue; the more recent ones are still waiting, their clocks running."""
    from .publication import deadline

    today = timezone.localdate()
    past = [t for t in _inspected() if deadline(t) < today]
    for number, task in enumerate(past[:-1]):
        late = number % 7 == 6
        day = rights.working_days_after(task.inspected_on, 26 if late else 3 + number % 10)
        InspectionTask.objects.filter(pk=task.pk).update(published_on=min(day, today))


def _orders(commander) -> None:
    """责令限期整改 for the earliest tasks with findings: re-checked 合格 (hazards 销号), one 不合格, one running."""
    today = timezone.localdate()
    found = [t for t in _inspected() if t.findings.filter(result=ItemResult.FAIL).exists()]
    for number, task in enumerate(found[:5]):
        issued = task.inspected_on + timedelta(days=1)
        if number == 4:
            issued = today - timedelta(days=4)  # running: its clock shows the days left
        order = orders.issue_order(task, actor=commander, deadline=issued + timedelta(days=30),
                                   requirements="按指令书要求限期整改到位", today=issued)
        if number < 4:
            orders.recheck(order, actor=commander, result="fail" if number == 3 else "pass",
                           note="现场复查" + ("未整改到位" if number == 3 else "已整改到位"),
                           rechecked_on=min(issued + timedelta(days=28), today))


# (penalty kind, amount, the case's last step, days ago filed) — ten cases, one in each step (two notified).
CASES = ((PenaltyKind.WARNING, 0, "close", 240), (PenaltyKind.FINE, 30000, "execute", 200),
         (PenaltyKind.FINE, 20000, "serve", 150), (PenaltyKind.FINE, 50000, "decide", 100),
         (PenaltyKind.FINE, 150000, "notify", 40), (PenaltyKind.FINE, 10000, "notify", 3),
         (PenaltyKind.SUSPENSION, 0, "legal_review", 30), (PenaltyKind.FINE, 8000, "review", 20),
         (PenaltyKind.FINE, 5000, "investigate", 10), (PenaltyKind.FINE, 20000, "", 2))
STEPS = ("investigate", "review", "legal_review", "notify", "decide", "serve", "execute", "close")


def _cases(commander) -> None:
    today = timezone.localdate()
    found = [t for t in _inspected() if t.findings.filter(result=ItemResult.FAIL).exists()]
    for number, (kind, amount, last, ago) in enumerate(CASES):
        task = found[5 + number]  # the tasks after the five with orders, oldest first
        case = cases.open_case(task, actor=commander, penalty_kind=kind, amount=amount,
                               legal_basis="《中华人民共和国安全生产法》第一百零一条")
        filed = max(_day(ago), task.inspected_on)
        PenaltyCase.objects.filter(pk=case.pk).update(filed_on=filed, is_demo=True)
        case.refresh_from_db()
        steps = STEPS[:STEPS.index(last) + 1] if last else ()
        for offset, event in enumerate(steps):
            if event == "legal_review" and not case.is_major:
                continue
            day = min(filed + timedelta(days=3 * offset + 1), today)
            if event == "decide":
                _rights(case, commander, number)
            if event == "execute" and payments.fine_of(case):  # paid on time, by the bank's receipt
                payments.record_payment(case, actor=commander, data={
                    "amount": case.amount, "paid_on": day, "receipt_no": f"JK-{case.code}", "note": "银行代收"})
            case = cases.fire_case(case, event, actor=commander, data={"today": day})
        if case.state == "notified" and case.hearing_right:  # the party asked for a hearing, noticed for next week
            rights.record(case, "statement_waived", actor=commander, data={"on": case.notified_on})
            rights.record(case, "hearing_request", actor=commander,
                          data={"on": case.notified_on, "content": "当事人书面申请听证"})
            at = rights.working_days_after(today, 8)
            rights.record(case, "hearing_notice", actor=commander, data={
                "on": today, "hearing_at": f"{at}T09:30", "place": "船山区应急管理局三楼会议室"})


def _rights(case, commander, number) -> None:
    """Before the decision: a statement (every other case) within the period; otherwise the period lapsed."""
    if number % 2 == 0:
        rights.record(case, "statement", actor=commander,
                      data={"on": case.notified_on, "content": "已按要求完成整改，请求从轻处罚。"})
