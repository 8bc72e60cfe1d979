"""The command board (指挥大屏) with its JSON feed."""

import hashlib

from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation

from yingji.core.extensions import BOARD_PANELS, timeline_kind_choices
from yingji.core.geojson import detail_url
from yingji.standards import Grade, get_type

from .choices import ACTIVE_STATUSES, ClockState
from .grading import grade_label
from .locate import place_names
from .models import ReportingClock, TimelineEntry
from .registrations import active_incidents_version, grade_colour
from .views import VIEW, visible


@login_required
@permission_required(VIEW, raise_exception=True)
def board(request):
    return render(request, "incidents/board.html", {"grades": [(g.label, g.hex) for g in Grade]})


def board_data(user, now=None) -> dict:
    now = now or timezone.now()
    active = visible(user).filter(status__in=ACTIVE_STATUSES).order_by("-received_at")
    url = detail_url("incidents:detail")  # one reverse(), not one per row
    clocks = ReportingClock.objects.filter(incident__in=active, met_at__isnull=True, waived_at__isnull=True,
                                           required=True).select_related("incident").defer(
        "incident__description", "incident__geometry", "incident__extra").order_by("due_at")[:30]
    entries = TimelineEntry.objects.filter(incident__in=visible(user)).select_related("incident").only(
        "at", "title", "kind", "incident__name").order_by("-at", "-id")[:15]
    # The kinds' labels once: get_kind_display() translates every kind for each entry (its choices are callable).
    kinds = {code: str(label) for code, label in timeline_kind_choices()}
    return {
        "now": now.isoformat(),
        **_incident_sections(user, active, url),
        "clocks": [{"incident": c.incident.name, "name": c.name, "due_at": c.due_at.isoformat(),
                    "state": c.state(now), "state_label": ClockState(c.state(now)).label,
                    "url": url(c.incident.uuid)} for c in clocks],
        "timeline": [{"at": e.at.isoformat(), "incident": e.incident.name, "title": e.title,
                      "kind": kinds.get(e.kind, e.kind)} for e in entries],
        # Sections other apps contribute (core.extensions.BOARD_PANELS), e.g. the plans app's "responses".
        **{panel.key: panel.data(user, active, now) for panel in BOARD_PANELS},
    }


def _incident_sections(user, active, url) -> dict:
    """The board's incident rows and counts: they change only with the active incidents of the user's
    jurisdiction, so they are built once per version of those (the one-map's incident layer reads the same
    version) and language, and kept in the project cache; commanders reloading the board share them."""
    key = "incidents:board:" + hashlib.sha256(
        f"{active_incidents_version(user)}|{translation.get_language()}".encode()).hexdigest()[:32]
    sections = cache.get(key)
    if sections is None:
        real = active.filter(is_exercise=False)  # the counts leave drills' exercise incidents out (docs/drills.md)
        shown = list(active.select_related("region").only(*ROW_FIELDS)[:200])
        places = place_names(incident.region for incident in shown)
        sections = {
            "incidents": [_incident_row(i, places[i.region_id], url) for i in shown],
            "by_type": [{"name": get_type(row["type_code"]).name, "count": row["n"]}
                        for row in real.values("type_code").annotate(n=Count("id")).order_by("-n")],
            "by_grade": [{"name": grade_label(row["grade"]), "colour": grade_colour(row["grade"]), "count": row["n"]}
                         for row in real.values("grade").annotate(n=Count("id")).order_by("grade")],
        }
        cache.set(key, sections, 600)
    return sections


# What a board row needs: loading whole incidents (descriptions, JSON fields, boundaries) made the feed slow.
ROW_FIELDS = ("uuid", "name", "lon", "lat", "grade", "status", "received_at", "region__name", "region__path",
              "region__level", "is_exercise")


def _incident_row(incident, place, url):
    return {
        "uuid": str(incident.uuid), "name": incident.name, "lon": incident.lon, "lat": incident.lat,
        "place": place, "grade": grade_label(incident.grade),
        "colour": grade_colour(incident.grade), "status": incident.get_status_display(),
        "url": url(incident.uuid), "exercise": incident.is_exercise,
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def board_feed(request):
    return JsonResponse(board_data(request.user))
