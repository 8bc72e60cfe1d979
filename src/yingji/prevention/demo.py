"""Loads the prevention demonstration data (a DEMO_LOADERS entry, order 70). Deterministic and flagged is_demo.

Enterprises, places and major hazard sources are saved one by one (validated and audited, as a form would).
The ~600 risk points and ~400 hazards are bulk-created with their figures computed by the same rules
(yingji.standards.prevention): they are demonstration data, and one audited save each would add seconds to
every demo load. A second load keeps what the first wrote.
"""

import random
from datetime import date, timedelta
from functools import cache

from django.utils import timezone

from yingji.core.models import Region, User
from yingji.core.roles import Role
from yingji.demo import townships as places
from yingji.demo.loader import DEMO_PASSWORD, upsert
from yingji.demo.organizations import GIVEN_NAMES, SURNAMES
from yingji.geo.partition import sample_points_in
from yingji.standards import prevention as rules

from . import demo_data as data
from .choices import CHEMICALS, HazardState
from .demo_loop import load_loop
from .demo_patrols import load_patrols
from .demo_selfchecks import load_selfchecks
from .models import Enterprise, EnterpriseAccount, Hazard, MajorHazardSource, RiskPoint

SEED = 510903
RISK_POINTS = 600
HAZARDS = 340
SUPERVISED = 64
LEC = [(lik, e, c) for lik in rules.LEC_L for e in rules.LEC_E for c in rules.LEC_C]


def load(progress=print) -> None:
    progress("载入双重预防：企业与场所、重大危险源、风险点、隐患……")
    enterprises = _enterprises()
    _bind_account(enterprises[0])
    _second_account(enterprises[1])
    if not RiskPoint.objects.filter(is_demo=True).exists():
        _risk_points(enterprises)
    if not Hazard.objects.filter(is_demo=True).exists():
        _hazards(enterprises)
    load_selfchecks(progress)
    load_patrols(progress)
    load_loop(progress)


@cache
def _region(township_name: str) -> Region:
    return Region.objects.get(code=places.township(township_name).code)


@cache
def _spots(code: str) -> tuple:
    return tuple(sample_points_in(places.township_partition()[code], 40, seed=f"prevention-{code}"))


def _spot(township, index: int) -> dict:
    lon, lat = _spots(township.code)[index % 40]
    return {"lon": lon, "lat": lat, "region": _region(township.name)}


def _person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _credit_code(n: int) -> str:
    first17 = f"91510903MA6{n:06d}"
    return first17 + rules.credit_check_char(first17)


def _certificate(rng, today):
    """Most key enterprises hold a valid certificate; some expired, some never had one."""
    roll = rng.random()
    if roll < 0.12:
        return "none", None
    expiry = today + timedelta(days=rng.randrange(-300, 1000)) if roll < 0.25 else today + timedelta(
        days=rng.randrange(60, 1000))
    return rng.choice("233"), expiry


def _enterprises() -> list[Enterprise]:
    rng, today, result = random.Random(SEED), timezone.localdate(), []
    for index, (name, category, township, source) in enumerate(data.CHEMICAL_ENTERPRISES, 1):
        level, expiry = ("2", today + timedelta(days=400 + 30 * index)) if index % 5 else ("none", None)
        where = places.township(township)
        record = upsert(Enterprise, f"QY-HX-{index:02d}", validate=True, name=name, credit_code=_credit_code(index),
                        place_type="enterprise", category=category, industry_code="2614",
                        legal_representative=_person(rng),
                        safety_manager=_person(rng), safety_phone=f"138{rng.randrange(10**7, 10**8)}",
                        address=f"{where.name}工业园区{index}号", scale="medium" if index % 3 else "small",
                        workers=rng.randrange(20, 260), supervising_department="区应急管理局", standard_level=level,
                        certificate_expiry=expiry, **_spot(where, index))
        result.append(record)
        if source:
            src_name, substances, people = source
            upsert(MajorHazardSource, f"WXY-{index:02d}", validate=True, name=f"{name}{src_name}", enterprise=record,
                   substances=substances, people_nearby=people, principal=record.legal_representative,
                   technical_lead=_person(rng), operations_lead=_person(rng), **_spot(where, index + 20))
    towns, n = places.TOWNSHIPS, 100
    for category, place_type, pattern, industry, count in data.OTHERS:
        for k in range(count):
            n += 1
            where = towns[(n * 7) % len(towns)]
            short = where.name.removesuffix("街道").removesuffix("镇").removesuffix("乡")
            level, expiry = _certificate(rng, today) if not place_type else ("none", None)
            department = data.PLACE_DEPARTMENTS.get(place_type) or data.DEPARTMENTS[category]
            result.append(upsert(
                Enterprise, f"QY-{n:04d}", validate=True, name=pattern.format(t=short, s=data.STEMS[n % 24]),
                credit_code="" if place_type else _credit_code(n), place_type=place_type or "enterprise",
                category=category,
                industry_code=industry, legal_representative=_person(rng), safety_manager=_person(rng),
                safety_phone=f"139{rng.randrange(10**7, 10**8)}",
                address=f"{where.name}{data.STEMS[k % 24]}路{k + 1}号",
                scale=rng.choice(("small", "small", "micro", "medium")), workers=rng.randrange(5, 400),
                supervising_department=department, standard_level=level, certificate_expiry=expiry,
                status="suspended" if n % 37 == 0 else "active", **_spot(where, n)))
    return result


def _bind_account(enterprise) -> None:
    user = User.objects.filter(username="enterprise").first()
    if user is not None:
        EnterpriseAccount.objects.update_or_create(user=user, defaults={"enterprise": enterprise})


SECOND_ACCOUNT = "enterprise-2"  # 涪江化工储运 (老池镇): two units' accounts, each seeing only its own records


def _second_account(enterprise) -> None:
    """A second enterprise account, made here (not among the core demo users) as its binding is prevention's."""
    user = User.objects.filter(username=SECOND_ACCOUNT).first()
    if user is None:
        first = User.objects.filter(username="enterprise").first()
        user = User(username=SECOND_ACCOUNT, role=Role.ENTERPRISE, region=first.region if first else None,
                    first_name="企业安全员二（演示）", is_demo=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    EnterpriseAccount.objects.update_or_create(user=user, defaults={"enterprise": enterprise})


def _risk_row(rng, index, enterprise, township, today):
    if index % 4 == 3:
        lik, sev = rng.choice([(5, 5), (4, 5), (3, 5), (3, 3), (2, 4), (1, 3), (4, 4), (2, 2)])
        result, factors = rules.assess_ls(lik, sev), {"ls_l": lik, "ls_s": sev}
    else:
        lik, e, c = LEC[(index * 37) % len(LEC)]
        result, factors = rules.assess_lec(lik, e, c), {"lec_l": lik, "lec_e": e, "lec_c": c}
    kind = "area" if enterprise is None else "chem" if enterprise.category in CHEMICALS else (
        "place" if enterprise.place_type != "enterprise" or enterprise.category == "crowded" else "works")
    name = rng.choice(data.RISK_NAMES[kind])
    spot = _spot(township, index) if enterprise is None else {"lon": enterprise.lon, "lat": enterprise.lat,
                                                              "region": enterprise.region}
    return RiskPoint(
        code=f"FXD-{index:04d}", name=f"{enterprise.name if enterprise else township.name}{name}",
        enterprise=enterprise,
        point_type={"area": "area", "chem": "equipment", "works": "activity", "place": "place"}[kind],
        hazards_identified="火灾、爆炸、中毒窒息" if kind == "chem" else "物体打击、触电、火灾", method=result.method,
        value=result.value, band=result.band, colour=result.colour,
        control_level="township" if enterprise is None else rng.choice(("company", "workshop", "team", "post")),
        responsible=_person(rng), reassess_due=today + timedelta(days=rng.randrange(-60, 360)),
        control_measures=f"管理｜落实{name}安全管理制度｜{_person(rng)}｜每周\n培训教育｜岗位安全培训｜{_person(rng)}｜每季度",
        is_demo=True, **factors, **spot)


def _risk_points(enterprises) -> None:
    rng, today = random.Random(f"{SEED}-risks"), timezone.localdate()
    rows = []
    for index in range(1, RISK_POINTS + 1):
        enterprise = None if index % 10 == 0 else enterprises[(index * 13) % len(enterprises)]
        township = places.TOWNSHIPS[index % len(places.TOWNSHIPS)]
        rows.append(_risk_row(rng, index, enterprise, township, today))
    RiskPoint.objects.bulk_create(rows, batch_size=500)


# State mix of ordinary hazards (weights), so that every state shows and most are closed.
STATE_MIX = ((HazardState.CLOSED, 55), (HazardState.REPORTED, 8), (HazardState.RETURNED, 2), (HazardState.VERIFIED, 6),
             (HazardState.ORDERED, 8), (HazardState.RECTIFYING, 12), (HazardState.ACCEPTANCE, 5),
             (HazardState.RECHECKED, 4))


def _hazard(rng, code, enterprise, state, found_on, today, major=False, supervision="none"):
    deadline = None
    if state in (HazardState.ORDERED, HazardState.RECTIFYING, HazardState.ACCEPTANCE, HazardState.RECHECKED,
                 HazardState.CLOSED):
        deadline = found_on + timedelta(days=rng.randrange(15, 120 if major else 45))
    grade = "major" if major else "general"
    plan = {}
    if major and deadline:
        plan = {"plan_responsible": enterprise.legal_representative, "plan_measures": "停产整改，委托专业机构治理",
                "plan_funds": rng.randrange(5, 300), "plan_deadline": deadline,
                "plan_contingency": "重大隐患治理期间专项应急预案"}
    return Hazard(
        code=code, name=f"{enterprise.name}：{rng.choice(data.MAJOR_NAMES if major else data.HAZARD_NAMES)}",
        enterprise=enterprise, source=rng.choice(("self_check", "grid", "department", "enforcement", "public")),
        grade=grade, criterion_note=data.CRITERIA[grade], found_on=found_on, state=state, deadline=deadline,
        closed_on=min(deadline or found_on, today) if state == HazardState.CLOSED else None,
        supervision=supervision, supervising_body={"district": "船山区安全生产委员会办公室",
                                                   "city": "遂宁市安全生产委员会办公室",
                                                   "province": "四川省安全生产委员会办公室"}.get(supervision, ""),
        region=enterprise.region, lon=enterprise.lon, lat=enterprise.lat, is_demo=True, **plan)


def _hazards(enterprises) -> None:
    rng, today = random.Random(f"{SEED}-hazards"), timezone.localdate()
    states, weights = zip(*STATE_MIX, strict=True)
    rows = []
    for index in range(1, HAZARDS + 1):
        state = rng.choices(states, weights)[0]
        days_ago = rng.randrange(200, 900) if state == HazardState.CLOSED else rng.randrange(3, 120)
        rows.append(_hazard(rng, f"YH-{index:04d}", enterprises[(index * 11) % len(enterprises)], state,
                            today - timedelta(days=days_ago), today))
    # 64 major hazards under 挂牌督办 over 2021–2025, most closed; the open ones are recent
    key = [e for e in enterprises if e.place_type in ("enterprise", "crowded")]
    for index in range(1, SUPERVISED + 1):
        year = 2021 + (index - 1) * 5 // SUPERVISED
        found_on = date(year, 1 + (index * 5) % 12, 1 + (index * 3) % 27)
        open_state = index > SUPERVISED - 6
        state = rng.choice((HazardState.RECTIFYING, HazardState.ORDERED, HazardState.ACCEPTANCE)) if open_state \
            else HazardState.CLOSED
        if open_state:
            found_on = today - timedelta(days=20 + 15 * (SUPERVISED - index))
        found_on = min(found_on, today - timedelta(days=1))
        level = "province" if index % 16 == 0 else "city" if index % 4 == 0 else "district"
        rows.append(_hazard(rng, f"YH-GP-{index:02d}", key[(index * 5) % len(key)], state, found_on, today,
                            major=True, supervision=level))
    Hazard.objects.bulk_create(rows, batch_size=500)
