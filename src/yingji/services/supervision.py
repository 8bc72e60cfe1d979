"""信用监管 and 执法 in one loop: the bureau's own penalty decisions count in the credit record, and the credit class
sets how often an enterprise is inspected.

- **Penalties.** Every enforcement case of the enterprise decided (决定日期) within the credit window counts as one
  `enforcement_penalty` event, with the points of a penalty. Hand-recorded `penalty` events stay for penalties of
  other authorities, so nothing is counted twice.
- **Frequency.** `credit_supervision_class` maps a class to the enforcement target's 监管类别 ({"C": "key",
  "D": "key"} by default: a C or D enterprise is 重点监管). `adjust_targets()` raises such targets and keeps the class
  they had in `extra["credit_raised_from"]`; once the enterprise's class no longer maps, that class comes back. The
  enforcement plan counts every target at its class's yearly frequency (enforcement config `frequency`), so the
  frequency shown beside a credit record is the enforcement plan's own number, not a second table.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from yingji.enforcement import config as enforcement_config
from yingji.enforcement.models import PenaltyCase, Target

from .config import current

RAISED_FROM = "credit_raised_from"


def decided_penalties(enterprise_ids, since: dt.date) -> dict:
    """{enterprise id: enforcement cases decided on or after `since`}."""
    return dict(PenaltyCase.objects.filter(target__enterprise_id__in=enterprise_ids, decided_on__gte=since)
                .values_list("target__enterprise_id").annotate(n=Count("id")))


def mapped_class(credit_class: str) -> str:
    """The 监管类别 a credit class imposes, or "" when it leaves the bureau's own."""
    return current().credit_supervision_class.get(credit_class, "")


def effective_classes(enterprise_ids) -> dict:
    """{enterprise id: (its target's 监管类别 now, the class it had before the credit raised it or "")}."""
    return {enterprise_id: (supervision_class, (extra or {}).get(RAISED_FROM, ""))
            for enterprise_id, supervision_class, extra in Target.objects.filter(enterprise_id__in=enterprise_ids)
            .values_list("enterprise_id", "supervision_class", "extra")}


def supervision_for(credit_class: str, target_class: tuple | None) -> tuple[str, int]:
    """The 监管类别 and yearly inspections that follow from a credit class, for an enterprise whose target is
    `target_class` (None: not in the 检查对象名录库, then "" and 0)."""
    if target_class is None:
        return "", 0
    now, before = target_class
    chosen = mapped_class(credit_class) or before or now
    return chosen, enforcement_config.current().yearly(chosen)


def class_labels() -> dict:
    """{监管类别: its label}, in the reader's language."""
    from yingji.enforcement.choices import SupervisionClass

    return {value: str(label) for value, label in SupervisionClass.choices}


def public_rules() -> list[tuple[str, str]]:
    """(credit class, what it means for inspections) for the public page."""
    labels, yearly = class_labels(), enforcement_config.current().yearly
    return [(name, _("%(c)s（每年抽查 %(n)s 次）") % {"c": labels[mapped_class(name)], "n": yearly(mapped_class(name))}
             if mapped_class(name) else _("按检查对象名录库确定的监管类别")) for name in ("A", "B", "C", "D")]


def adjust_targets(today=None) -> int:
    """Bring every inspection target's 监管类别 in line with its enterprise's credit class; how many changed."""
    from yingji.prevention.models import Enterprise

    from .credit import records

    targets = {t.enterprise_id: t for t in Target.objects.select_related("enterprise").defer(
        "enterprise__geometry", "geometry")}
    changed = 0
    for record in records(Enterprise.objects.filter(pk__in=list(targets)).defer("geometry"), today):
        target = targets[record.enterprise.pk]
        wanted = mapped_class(record.credit_class)
        before = target.extra.get(RAISED_FROM, "")
        if wanted and target.supervision_class != wanted:
            target.extra = {**target.extra, RAISED_FROM: before or target.supervision_class}
            target.supervision_class = wanted
        elif not wanted and before:
            target.extra = {k: v for k, v in target.extra.items() if k != RAISED_FROM}
            target.supervision_class = before
        else:
            continue
        with transaction.atomic():
            target.save()
        changed += 1
    return changed
