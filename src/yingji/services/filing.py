"""生产经营单位应急预案备案 (应急管理部令第2号, 2019 revision): the submission, the 备案编号 and the 备案登记表 (DOCX in
the official layout, its fields as in the order's annex), and the drills of a filed plan (第三十三条: 综合或专项
at least once a year, 现场处置方案 at least every half year; config.drill_months)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.documents import OfficialDocument, Table, chinese_date, render_docx
from yingji.core.errors import DomainError
from yingji.core.scoping import in_scope, scope_to_user
from yingji.core.sequences import next_number

from .choices import CaseKind, PlanKind
from .config import current
from .enterprises import NotFoundError
from .models import PlanDrill, PlanFiling

ISSUER = "遂宁市船山区应急管理局"
DISTRICT_CODE = "510903"


def _date(value, field, required=True):
    if value in (None, ""):
        if required:
            raise DomainError("date_required", _("请填写日期"), field=field)
        return None
    if isinstance(value, dt.date):
        return value
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError("invalid_date", _("日期格式无效（应为 YYYY-MM-DD）"), field=field) from None
    if not 1900 < day.year < 2100:
        raise DomainError("invalid_date", _("日期格式无效（应为 YYYY-MM-DD）"), field=field)
    return day


def submit_filing(*, actor, enterprise, data: dict, files: dict, when=None):
    """The enterprise files its plans: names, dates and the documents it has (the bureau checks completeness)."""
    from .cases import open_case

    plan_name = str(data.get("plan_name") or "").strip()
    if not plan_name:
        raise DomainError("plan_name_required", _("请填写应急预案名称"), field="plan_name")
    issued = _date(data.get("issued_on"), "issued_on")
    evaluated = _date(data.get("evaluated_on"), "evaluated_on", required=False)
    today = timezone.localdate(when)
    if issued > today:
        raise DomainError("date_in_future", _("发布日期不能晚于今天"), field="issued_on")
    if evaluated and evaluated > issued:
        raise DomainError("evaluated_after_issue", _("评审（论证）应在预案发布之前"), field="evaluated_on")
    if "plan_general" not in files:
        raise DomainError("document_missing", _("请至少上传综合应急预案"), field="plan_general")

    def build(case):
        return PlanFiling(case=case, plan_name=plan_name[:200], issued_on=issued, evaluated_on=evaluated,
                          special_plans=str(data.get("special_plans") or "")[:2000],
                          onsite_plans=str(data.get("onsite_plans") or "")[:2000],
                          contact=str(data.get("contact") or "")[:50], phone=str(data.get("phone") or "")[:30])

    return open_case(actor=actor, enterprise=enterprise, kind=CaseKind.PLAN_FILING,
                     title=_("%(e)s应急预案备案") % {"e": enterprise.name}, files=files, build_detail=build,
                     when=when)


def record_filing(case, *, actor, day) -> PlanFiling:
    filing = case.filing
    serial = next_number(f"YJBA{day.year}", dt.date(day.year, 1, 1))
    filing.filing_number = f"{DISTRICT_CODE}-{day.year}-{serial:04d}"
    filing.filed_on = day
    filing.save()
    return filing


def filing_form(filing) -> OfficialDocument:
    """生产经营单位生产安全事故应急预案备案登记表."""
    case, enterprise = filing.case, filing.case.enterprise
    names = [f"《{filing.plan_name}》"] + [f"《{n.strip()}》" for n in
                                          (filing.special_plans + "\n" + filing.onsite_plans).splitlines() if n.strip()]
    rows = [[_("备案编号"), filing.filing_number or "—"], [_("单位名称"), enterprise.name],
            [_("统一社会信用代码"), enterprise.credit_code or "—"], [_("单位地址"), enterprise.address or "—"],
            [_("法定代表人"), enterprise.legal_representative or "—"], [_("经办人"), filing.contact or "—"],
            [_("联系电话"), filing.phone or enterprise.safety_phone or "—"],
            [_("预案发布日期"), chinese_date(filing.issued_on)],
            [_("评审（论证）日期"), chinese_date(filing.evaluated_on) if filing.evaluated_on else "—"],
            [_("办件编号"), case.code]]
    text = (f"你单位上报的：{'、'.join(names)}经形式审查，符合要求，予以备案。")
    return OfficialDocument(title="生产经营单位生产安全事故应急预案备案登记表", issuer=ISSUER,
                            date=filing.filed_on or timezone.localdate(), number=filing.filing_number,
                            blocks=[Table([_("项目"), _("内容")], rows), text,
                                    "备案部门（盖章）：遂宁市船山区应急管理局"])


def filing_docx(filing) -> bytes:
    if not filing.filed_on:
        raise DomainError("not_filed", _("该预案尚未备案，没有备案登记表"), field="uuid")
    return render_docx(filing_form(filing))


# ---- drills after filing ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DrillDue:
    filing: PlanFiling
    plan_kind: str
    last: dt.date | None
    due: dt.date
    overdue: bool

    @property
    def label(self) -> str:
        return PlanKind(self.plan_kind).label


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def drills_due(filing, today=None) -> list[DrillDue]:
    today = today or timezone.localdate()
    if not filing.filed_on:
        return []
    kinds = [PlanKind.GENERAL]
    if filing.special_plans.strip():
        kinds.append(PlanKind.SPECIAL)
    if filing.onsite_plans.strip():
        kinds.append(PlanKind.ONSITE)
    result = []
    for kind in kinds:
        last = filing.drills.filter(plan_kind=kind).order_by("-held_on").values_list("held_on", flat=True).first()
        due = _add_months(last or filing.filed_on, current().drill_months.get(kind, 12))
        result.append(DrillDue(filing, kind, last, due, due < today))
    return result


def record_drill(*, actor, filing, plan_kind, held_on, note="") -> PlanDrill:
    if actor is not None and not in_scope(actor, filing):
        raise NotFoundError("not_found", _("未找到该备案"), field="uuid")
    if not filing.filed_on:
        raise DomainError("not_filed", _("预案备案后才能登记演练"), field="plan_kind")
    if plan_kind not in PlanKind.values:
        raise DomainError("invalid_plan_kind", _("演练的预案类别无效"), field="plan_kind")
    day = _date(held_on, "held_on")
    if day > timezone.localdate():
        raise DomainError("date_in_future", _("演练日期不能晚于今天"), field="held_on")
    return PlanDrill.objects.create(filing=filing, plan_kind=plan_kind, held_on=day, note=str(note or "")[:500],
                                    recorded_by=actor if getattr(actor, "pk", None) else None)


def current_filing(user, enterprise):
    """The enterprise's latest filed plan, or None."""
    return scope_to_user(PlanFiling.objects.filter(case__enterprise=enterprise, filed_on__isnull=False), user) \
        .select_related("case").order_by("-filed_on", "-id").first()
