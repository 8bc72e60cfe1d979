from django import template
from django.utils import timezone

from ..choices import level_label
from ..quantities import quantity_text
from ..workflows import FLOWS

register = template.Library()

NEEDS_REASON = {("task", "block")}  # a reason box beside the button
CONFIRM = {("response", "raise"), ("response", "lower"), ("response", "end")}  # a second step with a required reason


def _mode(kind, event) -> str:
    return "confirm" if (kind, event) in CONFIRM else "reason" if (kind, event) in NEEDS_REASON else ""


@register.inclusion_tag("plans/_buttons.html", takes_context=True)
def transition_buttons(context, kind, record):
    """The steps the user may take on `record` now (the workflow's permission and preconditions)."""
    user = context["request"].user
    return {"kind": kind, "record": record, "csrf_token": context.get("csrf_token"),
            "transitions": [(t, _mode(kind, t.event)) for t in FLOWS[kind].available(record, user)]}


@register.filter
def qty(value, unit=""):
    """{{ line.quantity|qty:line.unit }} → "40 件": the unit's precision (plans.quantities)."""
    return quantity_text(value, unit)


@register.filter
def level_name(value):
    return level_label(value)


@register.filter
def overdue(task):
    return task.is_overdue(timezone.now())
