"""缴纳罚款: the payments of a penalty case's fine and what is still owed.

The fine is due within `payment_days` (15, calendar days) of the service of the 决定书 (shared/STANDARDS.md §11
[S]). A fine not paid by then carries a 加处罚款 of `late_fee_percent_per_day` (3) % of the fine a day, at most
`late_fee_cap_percent` (100) % of the fine — this rule is NOT in shared/STANDARDS.md: it is our reading of 行政处罚法
第七十二条第一款第（一）项, so both figures are configuration (0 turns the 加处罚款 off). The 加处罚款 runs from the
day after the deadline until the day the payments first cover the fine (or today), counted on the whole fine.

A payment (amount, date, receipt number) is recorded once the case is 已决定 or 已送达, never more than is still
owed on its day; the step 执行完毕 of a fine case waits until the fine and its 加处罚款 are paid in full (400
`fine_unpaid` on `event`). Each payment is an audit entry; nothing is edited or deleted."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core import audit
from yingji.core.errors import DomainError
from yingji.core.models import AuditAction

from .choices import CaseState, PenaltyKind
from .config import current
from .models import PenaltyPayment

CENT = Decimal("0.01")
PAYABLE = (CaseState.DECIDED, CaseState.SERVED)


def fine_of(case) -> Decimal:
    return case.amount if case.penalty_kind == PenaltyKind.FINE else Decimal("0")


def due_on(case) -> dt.date | None:
    """The last day to pay: `payment_days` calendar days after the service of the decision."""
    return case.served_on + dt.timedelta(days=current().payment_days) if case.served_on else None


def _principal_paid_on(payments, fine) -> dt.date | None:
    total = Decimal("0")
    for payment in payments:
        total += payment.amount
        if total >= fine:
            return payment.paid_on
    return None


def late_fee(case, until: dt.date) -> tuple[int, Decimal]:
    """(days late, 加处罚款) of the fine when it is paid (or looked at) on `until`."""
    config, due, fine = current(), due_on(case), fine_of(case)
    if not due or not fine or until <= due or config.late_fee_percent_per_day <= 0:
        return 0, Decimal("0")
    days = (until - due).days
    fee = fine * Decimal(str(config.late_fee_percent_per_day)) / 100 * days
    cap = fine * Decimal(str(config.late_fee_cap_percent)) / 100
    return days, min(fee, cap).quantize(CENT, rounding=ROUND_HALF_UP)


def payment_status(case, today=None, extra=()) -> dict:
    """What the party owes and has paid on `today` (with `extra` payments not yet saved): fine, 加处罚款, paid,
    outstanding, and whether it is settled; `text` says it in a line."""
    today = today or timezone.localdate()
    fine = fine_of(case)
    payments = sorted([*case.payments.all(), *extra], key=lambda p: (p.paid_on, p.pk or 0))
    paid = sum((p.amount for p in payments), Decimal("0"))
    until = _principal_paid_on(payments, fine) or today
    days, fee = late_fee(case, until)
    owed = fine + fee
    outstanding = max(owed - paid, Decimal("0"))
    settled = bool(fine) and outstanding == 0
    due = due_on(case)
    if not fine:
        text = _("无罚款")
    elif settled:
        text = _("已缴清（罚款%(f)s元，加处罚款%(l)s元）") % {"f": f"{fine:,.2f}", "l": f"{fee:,.2f}"}
    elif days:
        text = _("逾期%(d)d日未缴清：加处罚款%(l)s元，尚欠%(o)s元") % {"d": days, "l": f"{fee:,.2f}",
                                                                  "o": f"{outstanding:,.2f}"}
    elif due:
        text = _("缴纳期限至%(d)s，尚欠%(o)s元") % {"d": f"{due:%Y-%m-%d}", "o": f"{outstanding:,.2f}"}
    else:
        text = _("决定书送达后%(n)d日内缴纳，尚欠%(o)s元") % {"n": current().payment_days, "o": f"{outstanding:,.2f}"}
    return {"fine": fine, "due_on": due, "overdue_days": days, "late_fee": fee,
            "late_fee_percent_per_day": current().late_fee_percent_per_day, "paid": paid,
            "outstanding": outstanding, "settled": settled, "text": text}


def check_paid(case) -> None:
    """The 执行完毕 guard of a fine case."""
    if not fine_of(case):
        return
    status = payment_status(case)
    if not status["settled"]:
        raise DomainError("fine_unpaid", _("罚款尚未缴清，不能执行完毕：%(s)s") % {"s": status["text"]},
                          field="event")


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "")) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0 or amount >= Decimal("1e10") \
            or amount != amount.quantize(CENT):
        raise DomainError("invalid_amount", _("缴纳金额应为大于0的数字（最多两位小数）"), field="amount")
    return amount


def _day(value, case) -> dt.date:
    today = timezone.localdate()
    if value in (None, ""):
        return today
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise DomainError("invalid_date", _("缴纳日期格式无效（YYYY-MM-DD）"), field="paid_on") from None
    if day > today:
        raise DomainError("date_in_future", _("缴纳日期不能晚于今天"), field="paid_on")
    if case.decided_on and day < case.decided_on:
        raise DomainError("invalid_date", _("缴纳日期不能早于处罚决定日期（%(d)s）")
                          % {"d": f"{case.decided_on:%Y-%m-%d}"}, field="paid_on")
    return day


def record_payment(case, *, actor, data: dict | None = None) -> PenaltyPayment:
    """Record one payment {amount, paid_on, receipt_no, note}; 400s name the field, nothing is half-saved."""
    data = data or {}
    if not fine_of(case):
        raise DomainError("no_fine", _("该案件没有罚款"), field="amount")
    amount = _amount(data.get("amount"))
    receipt = str(data.get("receipt_no") or "").strip()[:60]
    if not receipt:
        raise DomainError("receipt_required", _("请填写缴款凭证号"), field="receipt_no")
    user = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        case = type(case).objects.select_for_update().get(pk=case.pk)
        if case.state not in PAYABLE:
            raise DomainError("invalid_transition", _("仅在作出处罚决定后、执行完毕前登记缴纳罚款"), field="amount")
        day = _day(data.get("paid_on"), case)
        if PenaltyPayment.objects.filter(receipt_no=receipt).exists():
            raise DomainError("receipt_exists", _("该缴款凭证号已登记"), field="receipt_no")
        payment = PenaltyPayment(case=case, amount=amount, paid_on=day, receipt_no=receipt,
                                 note=str(data.get("note") or "").strip()[:500], created_by=user, is_demo=case.is_demo)
        before = payment_status(case, today=day)
        if amount > before["outstanding"]:
            raise DomainError("amount_exceeds_outstanding", _("缴纳金额超过%(d)s应缴未缴的%(o)s元")
                              % {"d": f"{day:%Y-%m-%d}", "o": f"{before['outstanding']:,.2f}"}, field="amount")
        payment.save()
        after = payment_status(case, today=day)
        audit.record(AuditAction.CREATE, model_label=PenaltyPayment._meta.label, object_id=payment.pk,
                     object_repr=str(payment), actor=actor,
                     after={"case": case.code, "amount": str(amount), "paid_on": day.isoformat(),
                            "receipt_no": receipt, "note": payment.note, "late_fee": str(after["late_fee"]),
                            "outstanding": str(after["outstanding"])})
    return payment


def payments_json(case) -> list[dict]:
    return [{"uuid": str(p.uuid), "amount": f"{p.amount:.2f}", "paid_on": p.paid_on, "receipt_no": p.receipt_no,
             "note": p.note} for p in case.payments.all()]


def payment_json(case) -> dict:
    """payment_status() for the API: amounts as strings with two decimals (DecimalField), as the contract says."""
    status = payment_status(case)
    return {key: f"{value:.2f}" if isinstance(value, Decimal) else value for key, value in status.items()}
