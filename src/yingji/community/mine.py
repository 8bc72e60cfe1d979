"""A volunteer's own account (role 志愿者): their registration, the call-outs they are on (accept or decline, check
in and out on site) and their training. The account is linked to the volunteer's record by the bureau
(`account_username`); it reaches nothing else (core.scoping narrows the community records to its own)."""

from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from . import callouts
from .models import CallOutEntry, Volunteer

SERVE = "community.serve_as_volunteer"
SELF_ACTIONS = ("accept", "decline", "check_in", "check_out")


def my_volunteer(user) -> Volunteer | None:
    if not getattr(user, "pk", None) or not user.has_perm(SERVE):
        return None
    return Volunteer.objects.filter(user=user).first()


def my_entries(volunteer):
    return (CallOutEntry.objects.filter(volunteer=volunteer)
            .select_related("callout", "callout__incident").order_by("-callout__created", "pk"))


def my_trainings(volunteer):
    return volunteer.training_records.select_related("training_class", "training_class__course").order_by(
        "-training_class__ends_on", "pk")


def state_of(volunteer) -> dict:
    return {
        "code": volunteer.code, "name": volunteer.name, "review_state": volunteer.review_state,
        "service_hours": volunteer.service_hours, "insurance_expiry": volunteer.insurance_expiry,
        "callouts": [{"callout": str(e.callout.uuid), "incident": e.callout.incident.name, "task": e.callout.task,
                      "place": e.callout.place, "called_at": e.callout.created, "response": e.response,
                      "checked_in_at": e.checked_in_at, "checked_out_at": e.checked_out_at, "hours": e.hours}
                     for e in my_entries(volunteer)],
        "trainings": [{"code": r.code, "training_class": r.training_class.name,
                       "course": r.training_class.course.name, "ends_on": r.training_class.ends_on,
                       "attended": r.attended, "hours": r.hours, "valid_until": r.valid_until}
                      for r in my_trainings(volunteer)],
    }


def is_mine(volunteer, callout_uuid) -> bool:
    return CallOutEntry.objects.filter(volunteer=volunteer, callout__uuid=callout_uuid).exists()


def reply(volunteer, callout_uuid, action: str, now=None) -> CallOutEntry:
    """The volunteer's own step on one of their call-outs; another's call-out is not found."""
    entry = CallOutEntry.objects.filter(volunteer=volunteer, callout__uuid=callout_uuid).first()
    if entry is None:
        raise DomainError("callout_not_found", _("没有该召集，或您不在召集名单中"), field="callout")
    if action not in SELF_ACTIONS:
        raise DomainError("unknown_action", _("未知的操作：%(a)s") % {"a": action}, field="action")
    return callouts.act(entry, action, now=now)
