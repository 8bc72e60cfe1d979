"""安全承诺: each 危化品 enterprise (config.commitment_categories, in operation) commits every day, and the enterprises
of other high-risk sectors (config.commitment_weekly_categories) every ISO week (Monday–Sunday, Beijing time), with
the standard text and the risk state, signed by the principal. The township sees who has not committed for the
current period (a to-do group); each missed period of the last 30 days is a credit event (credit.py); before a
period ends the enterprise's principal account is reminded, once a period (remind_missing, a worker hook).

Periods are district dates (timezone.localdate: TIME_ZONE is Asia/Shanghai), never the server's naive date."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user
from yingji.prevention.models import Enterprise

from .choices import CommitmentFrequency, RiskState
from .config import current
from .models import SafetyCommitment

DAILY, WEEKLY = CommitmentFrequency.DAILY.value, CommitmentFrequency.WEEKLY.value

STATEMENT = ("今日我公司已进行安全风险研判，各项安全风险防控措施已落实到位，"
             "我承诺所有生产装置（设施）处于安全运行状态，"
             "罐区、仓库等重大危险源安全风险得到有效管控。风险研判结果：{risk}；特殊作业：{work}项；"
             "重大危险源包保责任：{sources}。")


def _weekly_only() -> tuple:
    cfg = current()
    return tuple(c for c in cfg.commitment_weekly_categories if c not in cfg.commitment_categories)


def frequency_of(enterprise) -> str | None:
    """daily, weekly, or None when the enterprise owes no commitment (not in operation or not a configured
    category)."""
    if enterprise.status != "active":
        return None
    if enterprise.category in current().commitment_categories:
        return DAILY
    return WEEKLY if enterprise.category in _weekly_only() else None


def period_of(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the period containing `day` (a district date)."""
    if frequency == WEEKLY:
        monday = day - dt.timedelta(days=day.isoweekday() - 1)
        return monday, monday + dt.timedelta(days=6)
    return day, day


def period_label(frequency: str, start: dt.date) -> str:
    if frequency == WEEKLY:
        year, week, _day = start.isocalendar()
        return _("%(y)s年第%(w)s周（%(a)s至%(b)s）") % {"y": year, "w": week, "a": start.isoformat(),
                                                  "b": (start + dt.timedelta(days=6)).isoformat()}
    return start.isoformat()


def committing(queryset=None):
    """The enterprises that owe a commitment (daily or weekly)."""
    queryset = Enterprise.objects.all() if queryset is None else queryset
    return queryset.filter(category__in=(*current().commitment_categories, *_weekly_only()), status="active")


def owes_commitment(enterprise) -> bool:
    return frequency_of(enterprise) is not None


def current_commitment(enterprise, today=None):
    """The commitment covering the period of `today`, or None."""
    frequency = frequency_of(enterprise)
    if frequency is None:
        return None
    first, last = period_of(frequency, today or timezone.localdate())
    return SafetyCommitment.objects.filter(enterprise=enterprise, day__gte=first, day__lte=last).first()


def statement_text(risk_state, special_work, major_sources_ok, frequency=DAILY) -> str:
    text = STATEMENT if frequency != WEEKLY else STATEMENT.replace("今日", "本周")
    return text.format(risk=RiskState(risk_state).label, work=special_work,
                            sources="已落实" if major_sources_ok else "未完全落实")


def current_period(today=None):
    """The commitments covering the current period: today's daily ones and this ISO week's weekly ones."""
    today = today or timezone.localdate()
    monday, _sunday = period_of(WEEKLY, today)
    return SafetyCommitment.objects.filter(Q(frequency=DAILY, day=today) | Q(frequency=WEEKLY, day=monday))


def commit(*, actor, enterprise, data: dict, day=None) -> SafetyCommitment:
    """The commitment of the current period; `day` (a district date) defaults to today's."""
    day = day or timezone.localdate()
    frequency = frequency_of(enterprise)
    if frequency is None:
        raise DomainError("commitment_not_required", _("本企业不在安全承诺范围内"), field="enterprise")
    first, last = period_of(frequency, day)
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
    already = _("本周已作出安全承诺") if frequency == WEEKLY else _("今日已作出安全承诺")
    if SafetyCommitment.objects.filter(enterprise=enterprise, day__gte=first, day__lte=last).exists():
        raise DomainError("already_committed", already, field="day")
    record = SafetyCommitment(enterprise=enterprise, region_id=enterprise.region_id, day=first, risk_state=risk,
                              frequency=frequency,
                              special_work=work, major_sources_ok=sources_ok, signed_by=signer[:50],
                              statement=statement_text(risk, work, sources_ok, frequency),
                              user=actor if getattr(actor, "pk", None) else None, at=timezone.now())
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise DomainError("already_committed", already, field="day") from None
    return record


def missing_today(user, day=None):
    """Enterprises in the user's reach that owe a commitment for the period of `day` (today) and have not made
    it: the daily ones without one that day, the weekly ones without one that ISO week."""
    return scope_to_user(_owing(day or timezone.localdate()), user).select_related("region") \
        .order_by("region__name", "code")


def _periods(frequency, today, days):
    """The periods (first day, last day) that ended within the last `days` days before `today`."""
    first = today - dt.timedelta(days=days)
    if frequency == DAILY:
        return [(first + dt.timedelta(days=n),) * 2 for n in range(days)]
    found, (start, _end) = [], period_of(WEEKLY, today)
    start -= dt.timedelta(days=7)
    while start + dt.timedelta(days=6) >= first:
        found.append((start, start + dt.timedelta(days=6)))
        start -= dt.timedelta(days=7)
    return found[::-1]


def missed_periods(enterprises, days=30, today=None) -> dict:
    """{enterprise id: [first day of each missed period]} over the periods that ended in the last `days` days
    (today not counted), for the enterprises that owe a commitment; one query."""
    today = today or timezone.localdate()
    owing = {e.pk: f for e in enterprises if (f := frequency_of(e)) is not None}
    made: dict = {}
    for enterprise_id, day in SafetyCommitment.objects.filter(
            enterprise_id__in=list(owing), day__gte=today - dt.timedelta(days=days + 7), day__lt=today) \
            .values_list("enterprise_id", "day"):
        made.setdefault(enterprise_id, set()).add(day)
    result = {}
    for enterprise_id, frequency in owing.items():
        days_made = made.get(enterprise_id, set())
        result[enterprise_id] = [a for a, b in _periods(frequency, today, days)
                                 if not any(a <= d <= b for d in days_made)]
    return result


def gaps(enterprise, days=30, today=None) -> list[dt.date]:
    """The first days of the periods of the last `days` (today not counted) without a commitment."""
    return missed_periods([enterprise], days, today).get(enterprise.pk, [])


def period_end(frequency, day) -> dt.datetime:
    """24:00 (district time) of the last day of the period containing `day`."""
    _first, last = period_of(frequency, day)
    return timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))


def remind_missing(now=None) -> int:
    """Every enterprise owing a commitment for the current period, within `commitment_reminder_hours` of the
    period's end, is reminded: its principal account gets an in-app notice and an SMS (notice_sms_channel), once a
    period (the message key names the enterprise and the period). Messages written."""
    from yingji.channels.notices import notify_users

    from .accounts import principal

    now = now or timezone.now()
    today = timezone.localdate(now)
    cfg = current()
    written = 0
    for enterprise in _owing(today).order_by("code"):
        frequency = frequency_of(enterprise)
        end = period_end(frequency, today)
        if end - now > dt.timedelta(hours=cfg.commitment_reminder_hours.get(frequency, 0)):
            continue
        person = principal(enterprise)
        if person is None:
            continue
        first, _last = period_of(frequency, today)
        text = (_("%(e)s本周（%(p)s）尚未作出安全承诺，请于 %(d)s 24时前签名承诺。") if frequency == WEEKLY
                else _("%(e)s今日（%(p)s）尚未作出安全承诺，请于今日24时前签名承诺。")) % {
            "e": enterprise.name, "p": period_label(frequency, first), "d": (end - dt.timedelta(days=1)).date()}
        written += notify_users([person], subject=_("安全承诺提醒"), body=text,
                                key=f"commitment-due:{enterprise.uuid}:{first.isoformat()}",
                                sms_channel_code=cfg.notice_sms_channel)
    return written


def _owing(today):
    """The enterprises (whole district) without a commitment for the period of `today`."""
    monday, sunday = period_of(WEEKLY, today)
    done_today = SafetyCommitment.objects.filter(day=today).values("enterprise_id")
    done_week = SafetyCommitment.objects.filter(day__gte=monday, day__lte=sunday).values("enterprise_id")
    owing = (Q(category__in=current().commitment_categories) & ~Q(pk__in=done_today)) | \
        (Q(category__in=_weekly_only()) & ~Q(pk__in=done_week))
    return committing().filter(owing)
