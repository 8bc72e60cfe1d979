"""研判: the preliminary grade from the standards rules, recomputed on every figure change, and the
human override that keeps its reason. Social-security events have no statutory grade."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.standards import Grade, StandardsError, has_statutory_grade, preliminary_grade

from . import clocks, timeline
from .choices import GRADE_NAMES, TimelineKind
from .titles import canonical


def grade_label(value) -> str:
    """特别重大 … 一般 in the reader's language."""
    return str(GRADE_NAMES[Grade(value)]) if value else _("未定级")


def apply_preliminary_grade(incident) -> str:
    """Set the preliminary grade from the standards rules on the (possibly unsaved) incident; returns the
    rule's explanation. An overridden grade stays as the person set it."""
    result = preliminary_grade(incident.type_code, incident.figures())
    incident.grade_auto = result.grade.value if result.grade else None
    incident.grade_rule = result.explanation
    if not incident.grade_overridden:
        incident.grade = incident.grade_auto
    return result.explanation


def grade_entry(incident, before, explanation, *, actor=None, now=None):
    """The timeline entry (unsaved) that says the preliminary grade and the rule behind it."""
    return timeline.entry(
        incident, kind=TimelineKind.GRADE,
        title=canonical(gettext_noop("初判等级：%(g)s"), g=lambda: grade_label(incident.grade)),
        body=explanation, actor=actor,
        at=now, data={"from": before, "to": incident.grade, "auto": True},
    )


def write_grade_entry(incident, before, explanation, *, actor=None, now=None) -> None:
    new = grade_entry(incident, before, explanation, actor=actor, now=now)
    timeline.write_many(incident, [new])


def regrade(incident, *, actor=None, now=None) -> bool:
    """Recompute the preliminary grade; returns True when the effective grade changed."""
    before = incident.grade
    explanation = apply_preliminary_grade(incident)
    incident.save()
    if incident.grade == before:
        return False
    write_grade_entry(incident, before, explanation, actor=actor, now=now)
    return True


def override(incident, *, actor, grade, reason, expected_version=None, now=None):
    """A human sets the grade (or clears the override with grade=None) with a reason."""
    now = now or timezone.now()
    if not actor.has_perm("incidents.override_grade"):
        raise PermissionDeniedError("permission_denied", _("您没有研判事件等级的权限"))
    ensure_in_jurisdiction(actor, incident.region)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("人工研判等级必须说明理由"), field="reason")
    parsed = _parse(grade)
    if parsed and not has_statutory_grade(incident.type_code):
        raise DomainError("no_statutory_grade", _("社会安全事件无法定分级，不能设定等级"), field="grade")
    from .services import locked

    with transaction.atomic():
        incident = locked(incident, expected_version)
        before = incident.grade
        incident.grade_overridden = parsed is not None
        incident.grade = parsed or incident.grade_auto
        incident.grade_override_reason = reason if parsed else ""
        incident.updated_by = actor
        incident.save()
        title = (
            canonical(gettext_noop("人工研判等级：%(g)s") if parsed else gettext_noop("恢复初判等级：%(g)s"),
                      g=lambda: grade_label(incident.grade))
        )
        timeline.write(
            incident, kind=TimelineKind.GRADE, title=title, body=reason, actor=actor, at=now,
            data={"from": before, "to": incident.grade, "auto": False},
        )
        clocks.sync(incident, now=now)
    return incident


def _parse(grade):
    if grade in (None, ""):
        return None
    try:
        return Grade.parse(grade).value
    except StandardsError as exc:
        raise DomainError(exc.code, exc.message, field="grade") from exc
