"""Who may do what with incidents, and the incidents layer of the one-map.

- 指挥长 (commander): everything, including signing reports (签发) and waiving clocks.
- 值班员 (duty officer): everything except signing: intake, grading, timeline, drafting and sending
  reports, closing, merging, waiving clocks with a reason, reviews.
- 乡镇管理员 (township admin): report and follow incidents in the township, edit their figures, post to
  the timeline, file township reports (only for the own township).
- 网格员 (grid worker): report incidents, post to the timeline, file township reports.
- 部门联络员 (liaison): view and post to the timeline. 观察员 (observer) and others with *.view_*: view.
"""

from django.db.models import Count, Max, Sum
from django.utils.translation import gettext_lazy as _

from yingji.core.extensions import MAP_LAYERS, MapLayer
from yingji.core.geojson import MAX_FEATURES, detail_url, in_bbox, point
from yingji.core.roles import Role, grant
from yingji.core.scoping import scope_key, scope_to_user
from yingji.standards import Grade

from .choices import ACTIVE_STATUSES

FILE_REPORTS = ("incidents.add_situationreport", "incidents.change_situationreport")
POST = "incidents.add_timelineentry"

grant(Role.COMMANDER, "incidents.*")
grant(
    Role.DUTY_OFFICER,
    "incidents.view_*",
    "incidents.*_incident",
    "incidents.override_grade",
    "incidents.waive_clock",
    "incidents.*_timelineentry",
    *FILE_REPORTS,
    "incidents.*_review",
    "incidents.*_rectificationitem",
)
grant(Role.TOWNSHIP_ADMIN, "incidents.view_*", "incidents.add_incident", "incidents.change_incident", POST,
      *FILE_REPORTS)
grant(Role.GRID_WORKER, "incidents.view_*", "incidents.add_incident", POST, *FILE_REPORTS)
grant(Role.LIAISON, POST)


def grade_colour(grade) -> str:
    return Grade(grade).hex if grade else "#6c757d"


def _incident_features(user, bbox, params):
    from yingji.core.choice_display import labels_of

    from .models import Incident

    queryset = in_bbox(scope_to_user(Incident.objects.filter(status__in=ACTIVE_STATUSES), user), bbox)
    url = detail_url("incidents:detail")
    statuses = labels_of(Incident._meta.get_field("status"))  # what get_status_display() answers
    colours: dict = {}
    rows = queryset.order_by("-received_at").values_list("uuid", "code", "name", "grade", "status", "lon", "lat")
    return [  # rows, not model instances: a layer of 1,400 incidents built them for nothing
        point(lon, lat, {
            "uuid": str(uuid), "code": code, "name": name, "grade": grade or "",
            "colour": colours[grade] if grade in colours else colours.setdefault(grade, grade_colour(grade)),
            "status": statuses.get(status, status), "url": url(uuid),
        })
        for uuid, code, name, grade, status, lon, lat in rows[:MAX_FEATURES]
    ]


def active_incidents_version(user) -> str:
    """What the incident layer (and the board's incident rows and counts) show `user`, in one aggregate over the
    active incidents of their jurisdiction.

    Every write of an incident goes through save() (nothing in the code updates incidents with a queryset), which
    sets `updated` to now and raises `version`: a save of an active incident (or one that becomes active) moves
    max(updated) and the sum of versions, a new one also the count and max(id), one that closes or is deleted
    lowers the count. So the answer changes with every change the layer could show (tests/incidents/
    test_incidents_layer_cache.py)."""
    from .models import Incident

    row = scope_to_user(Incident.objects.filter(status__in=ACTIVE_STATUSES), user).aggregate(
        n=Count("id"), last=Max("id"), versions=Sum("version"), updated=Max("updated"))
    stamp = row["updated"].isoformat() if row["updated"] else "-"
    return f"{scope_key(Incident, user)}|{row['n']}|{row['last']}|{row['versions']}|{stamp}"


MAP_LAYERS.add(MapLayer(slug="incidents", title=_("突发事件（处置中）"), group=_("应急处置"),
                        features=_incident_features, color=Grade.GRADE_1.hex, permission="incidents.view_incident",
                        order=5, legend=(*((g.hex, g.label) for g in Grade), (grade_colour(None), _("未定级"))),
                        version=active_incidents_version))
