"""Panels on other pages: the review state and steps on a volunteer's page; the call-outs of an incident (who
is invited, who accepted, who is on site) on the incident page."""

from yingji.core.scoping import scope_to_user

from .choices import ReviewState
from .models import CallOut, Volunteer
from .workflows import VOLUNTEER_REVIEW


def review_panel(user, volunteer, error=None) -> dict | None:
    if not user.has_perm("community.view_volunteer"):
        return None
    return {"volunteer": volunteer, "steps": VOLUNTEER_REVIEW.available(volunteer, user),
            "certificates": list(volunteer.certificates.all()), "error": error,
            "may_change": user.has_perm("community.change_volunteer")}


def callout_panel(user, incident) -> dict | None:
    if not user.has_perm("community.view_callout"):
        return None
    callouts = list(CallOut.objects.filter(incident=incident).prefetch_related("entries__volunteer"))
    may_call = user.has_perm("community.add_callout")
    if not callouts and not may_call:
        return None
    rows = [{"callout": c, "entries": list(c.entries.all()),
             "on_site": [e.volunteer.name for e in c.entries.all() if e.on_site]} for c in callouts]
    choices = scope_to_user(Volunteer.objects.filter(review_state=ReviewState.APPROVED), user).order_by("code")
    return {"callouts": rows, "may_call": may_call, "may_act": user.has_perm("community.change_callout"),
            "volunteers": choices[:300] if may_call else ()}


def callout_links(user, incident) -> list:
    return []
