"""The base of the deterministic 船山区 demonstration dataset (shared/DISTRICT.md): regions, organizations,
committees, people and the demo accounts. Registered as the first demo loader (apps.py); each domain app
registers its own after it, and `yingji load-demo` (core.demo_loading) runs them all.

Everything is marked is_demo. Running it twice changes nothing: records are matched by code.
"""

import random

from yingji.core.models import (
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommitteePost,
    Establishment,
    Organization,
    OrganizationKind,
    Person,
    Region,
    RegionLevel,
    Staffing,
    User,
)
from yingji.core.roles import Role
from yingji.geo.chuanshan import DISTRICT_CODE, district_outline
from yingji.geo.measure import area_km2

from . import organizations as orgs
from . import townships as data

DEMO_PASSWORD = "Chuanshan@2025"
DISTRICT_REGION_CODE = f"{DISTRICT_CODE}000000"
SEED = 510903


def load_base(progress=print) -> None:
    district = _load_regions(progress)
    organizations = _load_organizations(district, progress)
    _load_committees(district, organizations, progress)
    _load_people(organizations, progress)
    _load_users(district, organizations, progress)


def upsert(model, code, *, validate=False, **fields):
    """Create or update the demo record with this code (the demo loads again without duplicating);
    `validate` runs the model's own checks first, as a form would."""
    record = model.objects.filter(code=code).first() or model(code=code)
    for name, value in fields.items():
        setattr(record, name, value)
    record.is_demo = True
    if validate:
        record.full_clean()
    record.save()
    return record


def _load_regions(progress) -> Region:
    progress("载入行政区域：船山区、24 个乡镇（街道）及村（社区）……")
    outline = district_outline()
    district = upsert(
        Region,
        DISTRICT_REGION_CODE,
        name="船山区",
        level=RegionLevel.DISTRICT,
        kind="区",
        parent=None,
        population=data.TOTAL_POPULATION,
        households=sum(t.households for t in data.TOWNSHIPS),
        geometry=outline,
        area_km2=round(area_km2(outline), 1),
    )
    cells = data.township_partition()
    seats = data.village_seats()
    for township in data.TOWNSHIPS:
        cell = cells[township.code]
        parent = upsert(
            Region,
            township.code,
            name=township.name,
            level=RegionLevel.TOWNSHIP,
            kind=township.kind,
            parent=district,
            population=township.population,
            households=township.households,
            geometry=cell,
            geometry_is_approximate=True,
            area_km2=round(area_km2(cell), 1),
            lon=township.seat[0],
            lat=township.seat[1],
        )
        for village in data.villages_of(township.code):
            lon, lat = seats[village.code]
            upsert(
                Region,
                village.code,
                name=village.name,
                level=RegionLevel.VILLAGE,
                kind=village.kind,
                parent=parent,
                population=village.population,
                households=village.households,
                lon=lon,
                lat=lat,
            )
    return district


def _load_organizations(district, progress) -> dict[str, Organization]:
    progress("载入机构……")
    result = {}
    for code, name, short_name, kind in orgs.DISTRICT_ORGANIZATIONS:
        result[code] = upsert(
            Organization,
            code,
            name=name,
            short_name=short_name,
            kind=kind,
            region=district,
            phone=_phone(code, landline=True),
            lon=None,
            lat=None,
        )
    for township in data.TOWNSHIPS:
        region = Region.objects.get(code=township.code)
        code = f"ORG-T{township.code[6:9]}"
        name = f"遂宁市船山区{township.name}{'办事处' if township.kind == '街道' else '人民政府'}"
        result[code] = upsert(
            Organization,
            code,
            name=name,
            short_name=township.name,
            kind="township",
            region=region,
            parent=result["ORG-GOV"],
            phone=_phone(code, landline=True),
            lon=township.seat[0],
            lat=township.seat[1],
        )
    return result


def _load_committees(district, organizations, progress) -> None:
    progress("载入应急委、安委会专业委员会、专项指挥部、减灾委……")
    bodies = [
        ("CMT-EC", "船山区突发事件应急委员会", CommitteeKind.EMERGENCY_COMMITTEE, "ORG-GOV", orgs.HEADQUARTERS_MEMBERS),
        ("CMT-DR", "船山区减灾委员会", CommitteeKind.DISASTER_REDUCTION, "ORG-EMB", orgs.DISASTER_REDUCTION_MEMBERS),
    ]
    bodies += [
        (
            f"CMT-SC{i:02d}",
            f"船山区安全生产委员会{name}",
            CommitteeKind.SAFETY_COMMITTEE,
            lead,
            orgs.HEADQUARTERS_MEMBERS[:5],
        )
        for i, (name, lead) in enumerate(orgs.SAFETY_COMMITTEES, 1)
    ]
    bodies += [
        (f"CMT-HQ{i:02d}", f"船山区{name}", CommitteeKind.HEADQUARTERS, lead, orgs.HEADQUARTERS_MEMBERS)
        for i, (name, lead) in enumerate(orgs.HEADQUARTERS, 1)
    ]
    for code, name, kind, lead, members in bodies:
        committee = upsert(
            Committee, code, name=name, kind=kind, region=district, lead_organization=organizations[lead]
        )
        if committee.members.exists():
            continue
        posts = [
            (organizations["ORG-GOV"], CommitteePost.COMMANDER),
            (organizations[lead], CommitteePost.DEPUTY),
            (organizations[lead], CommitteePost.OFFICE_DIRECTOR),
        ]
        posts += [(organizations[m], CommitteePost.MEMBER) for m in members if m != lead]
        for order, (organization, post) in enumerate(posts):
            CommitteeMember.objects.create(committee=committee, organization=organization, post=post, order=order)


def _load_people(organizations, progress) -> None:
    progress("载入通讯录……")
    rng = random.Random(SEED)
    for code, organization in organizations.items():
        for index, title in enumerate(("主要负责人", "分管负责人", "值班联络员")):
            person_code = f"P-{code.removeprefix('ORG-')}-{index + 1}"
            name = rng.choice(orgs.SURNAMES) + rng.choice(orgs.GIVEN_NAMES)
            upsert(
                Person,
                person_code,
                name=name,
                organization=organization,
                title=title,
                region=organization.region,
                mobile=_phone(person_code),
                office_phone=organization.phone,
                **_staffing(organization, index),
            )


def _staffing(organization, index) -> dict:
    """Plan indicators 3.1/3.2 (core/indicators.py): a township's liaison works on emergencies full time, its
    leaders part time (one 专职 a township: 3.1 not yet met); the bureau's people are established, two of three
    with a professional qualification."""
    if organization.kind == OrganizationKind.TOWNSHIP:
        return {"staffing": Staffing.FULL_TIME if index == 2 else Staffing.PART_TIME}
    if organization.kind == OrganizationKind.EMERGENCY_BUREAU:
        return {"establishment": Establishment.ESTABLISHED,
                "qualification": ("", "安全工程专业本科", "注册安全工程师")[index]}
    return {}


DEMO_USERS = [
    # username, role, organization code, region code (None = district), name
    ("commander", Role.COMMANDER, "ORG-EMB", None, "指挥长（演示）"),
    ("duty", Role.DUTY_OFFICER, "ORG-EMB", None, "值班员（演示）"),
    ("liaison-water", Role.LIAISON, "ORG-WATER", None, "水利联络员（演示）"),
    ("township-guihua", Role.TOWNSHIP_ADMIN, "guihua", "guihua", "桂花镇管理员（演示）"),
    ("township-longfeng", Role.TOWNSHIP_ADMIN, "longfeng", "longfeng", "龙凤镇管理员（演示）"),
    ("grid-guihua-01", Role.GRID_WORKER, "guihua", "guihua-village", "桂花镇网格员（演示）"),
    ("inspector", Role.INSPECTOR, "ORG-EMB", None, "执法人员（演示）"),
    ("sysadmin", Role.SYSADMIN, "ORG-EMB", None, "系统管理员（演示）"),
    ("secadmin", Role.SECADMIN, "ORG-EMB", None, "安全管理员（演示）"),
    ("auditor", Role.AUDITOR, "ORG-EMB", None, "审计管理员（演示）"),
    ("observer", Role.OBSERVER, "ORG-GOV", None, "观察员（演示）"),
    ("enterprise", Role.ENTERPRISE, "ORG-ENT-CHEM", None, "企业安全员（演示）"),
]


def _load_users(district, organizations, progress) -> None:
    progress("创建演示账户……")
    guihua = Region.objects.get(code=data.township("桂花镇").code)
    longfeng = Region.objects.get(code=data.township("龙凤镇").code)
    places = {
        None: district,
        "guihua": guihua,
        "longfeng": longfeng,
        "guihua-village": guihua.children.order_by("code").first(),
    }
    township_orgs = {"guihua": f"ORG-T{guihua.code[6:9]}", "longfeng": f"ORG-T{longfeng.code[6:9]}"}
    for username, role, org_code, place, name in DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role, user.region, user.first_name, user.is_demo = role, places[place], name, True
        user.organization = organizations[township_orgs.get(org_code, org_code)]
        user.set_password(DEMO_PASSWORD)
        user.save()


def _phone(code: str, landline: bool = False) -> str:
    number = random.Random(f"{SEED}-{code}").randrange(10**7, 10**8)
    return f"0825-{number % 10**7:07d}" if landline else f"1{random.Random(code).choice('3589')}{number:09d}"[:11]
