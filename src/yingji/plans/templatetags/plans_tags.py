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
    refused = context.get("refused") or {}
    transitions = []
    for t in FLOWS[kind].available(record, user):
        key = f"{kind}-{record.uuid}-{t.event}"
        mine = refused.get("form") == key
        transitions.append((t, _mode(kind, t.event), key, refused["error"] if mine else None,
                            refused["data"] if mine else {}))
    return {"kind": kind, "record": record, "csrf_token": context.get("csrf_token"),
            "next_page": context.get("next_page", ""), "transitions": transitions}


@register.simple_tag(takes_context=True)
def refusal_of(context, *parts):
    """`{% refusal_of "team" t.uuid as error %}`: the error when the refused form of this page is the one keyed
    by `parts` (plans.pageutil.Refused), else None."""
    refused = context.get("refused") or {}
    return refused.get("error") if refused.get("form") == "-".join(str(p) for p in parts) else None


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


@register.filter
def line_value(line) -> str:
    """The value of a proposed material line's checkbox: depot|material|quantity."""
    return f"{line['depot']}|{line['material']}|{line['quantity']}"
