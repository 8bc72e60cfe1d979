"""Loads the enforcement demonstration data (a DEMO_LOADERS entry, order 80; after prevention). Deterministic and
flagged is_demo: the item list; the target directory (the active enterprises and places of the prevention demo
but the newest of each township, not yet classified; suspended ones are not inspected); 36 inspectors (two
with a certificate expiring within a month, one expired, one short of training); the demo year's published
plan; two past draws, replayable, with the first one's inspections recorded (不合格 items became hazards).
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

from . import demo_data as data
from .choices import CHEMICAL_KEY_SECTORS, ItemResult, SupervisionClass, sector_of
from .draws import DrawRequest, run_draw
from .inspections import items_for, record_inspection
from .models import AnnualPlan, Draw, InspectionItem, Inspector, Target
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
            expiry = today - timedelta(days=90)  # expired before both demo draws: never drawn
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


def _draws(district) -> None:
    commander = User.objects.filter(username="commander").first()
    first = run_draw(DrawRequest(name="第一批双随机抽查（全行业）", region=district, target_count=12,
                                 seed="20261015-福彩3D-381", seed_source="公证员见证的福彩3D开奖号（演示）"),
                     actor=commander, is_demo=True, now=_at(60))
    for number, task in enumerate(first.tasks.order_by("code")[:8]):
        rows = [{"item": item.code, "result": ItemResult.FAIL if (number + k) % 7 == 3 else ItemResult.PASS,
                 "note": "现场发现问题" if (number + k) % 7 == 3 else ""}
                for k, item in enumerate(items_for(task))]
        record_inspection(task, actor=commander, findings=rows,
                          inspected_on=_day(50 - 3 * number))
    run_draw(DrawRequest(name="第二批双随机抽查（危险化学品）", region=district, target_count=5, sector="chemicals",
                         seed="20261114-福彩3D-507", seed_source="公证员见证的福彩3D开奖号（演示）"),
             actor=commander, is_demo=True, now=_at(20))
