from django import template
from django.utils import timezone

from ..choices import level_label
from ..workflows import FLOWS

register = template.Library()

NEEDS_REASON = {"block"}


@register.inclusion_tag("plans/_buttons.html", takes_context=True)
def transition_buttons(context, kind, record):
    user = context["request"].user
    return {"kind": kind, "record": record, "csrf_token": context.get("csrf_token"),
            "transitions": [(t, t.event in NEEDS_REASON) for t in FLOWS[kind].available(record, user)]}


@register.filter
def level_name(value):
    return level_label(value)


@register.filter
def overdue(task):
    return task.is_overdue(timezone.now())
