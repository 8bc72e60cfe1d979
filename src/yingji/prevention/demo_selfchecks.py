"""Demonstration data of the self-check part (called from prevention/demo.py): the 判定标准 list and the check
lists (district-wide, seeded from selfcheck_data.py), the criterion cited by the demo's 重大 hazards, and past
self-checks of the demo enterprise with the hazards they filed. Deterministic; a second load keeps what is there."""

from datetime import timedelta

from django.utils import timezone

from yingji.core.models import Region, User
from yingji.demo.loader import DISTRICT_REGION_CODE, upsert

from . import selfcheck_data as data
from .models import CheckItem, CheckList, Enterprise, Hazard, HazardCriterion, SelfCheck
from .models.criteria import criterion_sectors
from .selfchecks import record_results, submit

DEMO_ENTERPRISE = "QY-HX-01"  # 遂宁川中精细化工有限公司, bound to the `enterprise` account
# (code, days ago, item numbers found 不合格, submitted)
SESSIONS = (("ZC-DEMO-01", 92, (8, 10), True), ("ZC-DEMO-02", 61, (3, 11), True),
            ("ZC-DEMO-03", 30, (9,), True), ("ZC-DEMO-04", 2, (), False))


def load_selfchecks(progress=print) -> None:
    progress("载入企业自查：重大事故隐患判定标准、自查清单、演示企业的自查记录……")
    district = Region.objects.get(code=DISTRICT_REGION_CODE)
    criteria = {code: upsert(HazardCriterion, code, validate=True, name=text, sector=sector, clause=clause,
                             basis=basis, region=district) for code, sector, clause, text, basis in data.CRITERIA}
    for code, sector, name, items in data.CHECKLISTS:
        checklist = upsert(CheckList, code, validate=True, name=name, sector=sector, region=district)
        for number, (text, criterion) in enumerate(items, 1):
            upsert(CheckItem, f"{code}-{number:02d}", validate=True, name=text, checklist=checklist, number=number,
                   criterion=criteria.get(criterion), region=district)
    _cite_criteria(criteria)
    if not SelfCheck.objects.filter(is_demo=True).exists():
        _sessions()


def _cite_criteria(criteria: dict) -> None:
    """The demo's bulk-created 重大 hazards cite an item of their enterprise's sector, in turn."""
    by_sector = {}
    for criterion in criteria.values():
        by_sector.setdefault(criterion.sector, []).append(criterion)
    rows = []
    for index, hazard in enumerate(Hazard.objects.filter(is_demo=True, grade="major", criterion__isnull=True)
                                   .select_related("enterprise").order_by("code")):
        pool = [c for s in criterion_sectors(hazard.enterprise.category) for c in by_sector.get(s, ())]
        if pool:
            hazard.criterion = pool[index % len(pool)]
            rows.append(hazard)
    Hazard.objects.bulk_update(rows, ["criterion"], batch_size=500)


def _sessions() -> None:
    enterprise = Enterprise.objects.get(code=DEMO_ENTERPRISE)
    checklist = CheckList.objects.get(code="ZCB-HG")
    items = list(checklist.items.order_by("number"))
    user = User.objects.filter(username="enterprise").first()
    today = timezone.localdate()
    for code, days_ago, failing, submitted in SESSIONS:
        session = upsert(SelfCheck, code, validate=True, name=f"{checklist.name}（{days_ago}天前）",
                         enterprise=enterprise, checklist=checklist, checked_on=today - timedelta(days=days_ago),
                         inspector=enterprise.safety_manager, region=enterprise.region)
        chosen = items if submitted else items[:6]
        record_results(session, actor=user, results=[
            {"item": item.code, "result": "不合格" if item.number in failing else "合格",
             "note": "现场检查发现问题，已拍照留存" if item.number in failing else ""} for item in chosen])
        if submitted:
            submit(session, actor=user)
