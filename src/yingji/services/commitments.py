"""安全承诺: every day, each 危化品 enterprise (config.commitment_categories, in operation) makes the standard
commitment with the day's risk state, signed by its principal; the township sees who has not (a to-do group), and
each missing day is a credit event (credit.py)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user
from yingji.prevention.models import Enterprise

from .choices import RiskState
from .config import current
from .models import SafetyCommitment

STATEMENT = ("今日我公司已进行安全风险研判，各项安全风险防控措施已落实到位，"
             "我承诺所有生产装置（设施）处于安全运行状态，"
             "罐区、仓库等重大危险源安全风险得到有效管控。风险研判结果：{risk}；特殊作业：{work}项；"
             "重大危险源包保责任：{sources}。")


def committing(queryset=None):
    """The enterprises that owe a daily commitment."""
    queryset = Enterprise.objects.all() if queryset is None else queryset
    return queryset.filter(category__in=current().commitment_categories, status="active")


def owes_commitment(enterprise) -> bool:
    return enterprise.category in current().commitment_categories and enterprise.status == "active"


def statement_text(risk_state, special_work, major_sources_ok) -> str:
    return STATEMENT.format(risk=RiskState(risk_state).label, work=special_work,
                            sources="已落实" if major_sources_ok else "未完全落实")


def commit(*, actor, enterprise, data: dict, day=None) -> SafetyCommitment:
    day = day or timezone.localdate()
    if not owes_commitment(enterprise):
        raise DomainError("commitment_not_required", _("本企业不在每日安全承诺范围内"), field="enterprise")
    risk = str(data.get("risk_state") or "")
    if risk not in RiskState.values:
        raise DomainError("invalid_risk_state", _("请选择今日安全风险研判结果"), field="risk_state")
    signer = str(data.get("signed_by") or "").strip()
    if not signer:
        raise DomainError("signer_required", _("请由主要负责人签名（填写姓名）"), field="signed_by")
    try:
        work = int(data.get("special_work") or 0)
    except (TypeError, ValueError):
        raise DomainError("invalid_number", _("特殊作业数须为整数"), field="special_work") from None
    if not 0 <= work <= 999:
        raise DomainError("invalid_number", _("特殊作业数须为0到999"), field="special_work")
    sources_ok = str(data.get("major_sources_ok", "true")).lower() not in ("false", "0", "off", "")
    record = SafetyCommitment(enterprise=enterprise, region_id=enterprise.region_id, day=day, risk_state=risk,
                              special_work=work, major_sources_ok=sources_ok, signed_by=signer[:50],
                              statement=statement_text(risk, work, sources_ok),
                              user=actor if getattr(actor, "pk", None) else None, at=timezone.now())
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise DomainError("already_committed", _("今日已作出安全承诺"), field="day") from None
    return record


def missing_today(user, day=None):
    """Enterprises in the user's reach that owe today's commitment and have not made it."""
    day = day or timezone.localdate()
    done = SafetyCommitment.objects.filter(day=day).values("enterprise_id")
    return scope_to_user(committing(), user).exclude(pk__in=done).select_related("region").order_by("region__name",
                                                                                                    "code")


def gaps(enterprise, days=30, today=None) -> list[dt.date]:
    """The days of the last `days` (today not counted) without a commitment."""
    today = today or timezone.localdate()
    first = today - dt.timedelta(days=days)
    made = set(SafetyCommitment.objects.filter(enterprise=enterprise, day__gte=first, day__lt=today)
               .values_list("day", flat=True))
    return [first + dt.timedelta(days=n) for n in range(days) if first + dt.timedelta(days=n) not in made]
