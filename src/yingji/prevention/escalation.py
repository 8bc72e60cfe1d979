"""An overdue 重大 hazard escalates through a duty escalation chain (a chain whose 触发事件 is
`prevention.hazard_overdue`). `escalate_overdue(today)` — a PERIODIC_HOOK — finds the open major hazards whose
整改期限 has passed and that were not yet escalated for that deadline, publishes one outbox event for each and hands
it to duty's escalation runner, which starts every matching chain once (its key is chain + event). The hazard
remembers the deadline it escalated for (`escalated_for`): a second run does nothing, a new deadline re-arms it.
Before each step duty asks `settled`: a hazard closed, or given a new deadline, stops the chain."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.events import publish

from .choices import DEADLINE_STATES, HazardGrade
from .models import Hazard

EVENT = "prevention.hazard_overdue"


def overdue_major(today):
    return (Hazard.objects.filter(grade=HazardGrade.MAJOR, state__in=DEADLINE_STATES, deadline__lt=today)
            .filter(Q(escalated_for__isnull=True) | ~Q(escalated_for=F("deadline"))))


def escalate_overdue(today=None) -> int:
    """Start the escalation of every overdue major hazard not yet escalated for its deadline; how many started."""
    today = today or timezone.localdate()
    started = 0
    for pk in list(overdue_major(today).order_by("deadline", "pk").values_list("pk", flat=True)[:200]):
        started += _escalate(pk, today)
    return started


def _escalate(pk, today) -> int:
    from yingji.duty.escalation import on_event

    with transaction.atomic():
        hazard = overdue_major(today).select_for_update().filter(pk=pk).first()
        if hazard is None:  # another worker did it, or it moved on
            return 0
        Hazard.objects.filter(pk=pk).update(escalated_for=hazard.deadline)
        deadline = hazard.deadline.isoformat()
        event = publish(EVENT, {"uuid": str(hazard.uuid), "code": hazard.code, "deadline": deadline,
                                "title": _("重大隐患逾期未整改：%(c)s %(n)s（期限 %(d)s）")
                                % {"c": hazard.code, "n": hazard.name, "d": deadline}},
                        aggregate=hazard, region=hazard.region, key=f"{EVENT}:{hazard.uuid}:{deadline}")
        on_event(event)
    return 1


def settled(payload) -> bool:
    """The hazard no longer needs anyone: closed, or no longer overdue for the deadline the event was about."""
    hazard = Hazard.objects.filter(uuid=payload.get("uuid")).only("state", "deadline").first()
    return (hazard is None or hazard.state not in DEADLINE_STATES
            or hazard.deadline is None or hazard.deadline.isoformat() != payload.get("deadline"))
