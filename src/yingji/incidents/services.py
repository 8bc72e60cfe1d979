"""Writes to incidents: intake, figure updates, merging and status steps. The UI, the API, the public
page and the demo loader all come through here. Every function is atomic and takes `now=` for tests."""

import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core import submissions
from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction, scope_for
from yingji.core.sequences import next_code
from yingji.geo.measure import haversine_m

from . import clocks, grading, timeline
from .choices import ACTIVE_STATUSES, Source, TimelineKind
from .config import get_config
from .locate import checked_point, district, place_name, region_named_in, resolve_place
from .models import Incident, IntakeReport
from .models.incidents import EXERCISE_PREFIX
from .titles import canonical
from .validation import add_error, check_times, check_type, clean_figures, raise_if

INCIDENT_FIELDS = (
    "name", "description", "address", "source", "reporter_name", "reporter_phone", "reporter_org",
)
INTAKE_FIELDS = ("caller_name", "caller_phone", "statement", "photo", "ip")


def create_incident(*, actor, data: dict, now=None, source=Source.PHONE, is_demo=False, is_exercise=False) -> Incident:
    """Record a new incident with its first intake report; grade it, start its clocks, announce it.
    `is_exercise`: an exercise incident of a drill (its name always begins with 【演练】)."""
    now = now or timezone.now()
    if actor is not None and not actor.has_perm("incidents.add_incident"):
        raise PermissionDeniedError("permission_denied", _("您没有登记突发事件的权限"))
    errors = {}
    check_type(data.get("type_code"), errors)
    received = data.get("received_at") or now
    check_times(data.get("occurred_at"), received, now, errors)
    figures = clean_figures(data, errors)
    if not data.get("occurred_at") and "occurred_at" not in errors:
        add_error(errors, "occurred_at", _("请填写发生时间"), "required")
    if not (data.get("statement") or data.get("description") or "").strip():
        add_error(errors, "statement", _("请填写报告内容"), "required")
    region, point = _place(data, errors)
    raise_if(errors)
    ensure_in_jurisdiction(actor, region)
    # Everything that can be worked out is worked out before the write transaction, which then only inserts:
    # in a surge, reports queue on the database's write lock for the inserts alone.
    incident = Incident(
        type_code=data["type_code"], occurred_at=data["occurred_at"], received_at=received, region=region,
        lon=point[0] if point else None, lat=point[1] if point else None, created_by=actor, updated_by=actor,
        source=data.get("source") or source, is_demo=is_demo, is_exercise=is_exercise, **figures,
        **{k: data[k] for k in INCIDENT_FIELDS if data.get(k) not in (None, "") and k != "source"},
    )
    incident.description = incident.description or data.get("statement", "")
    incident.name = incident.name or _default_name(incident)
    if is_exercise and not incident.name.startswith(EXERCISE_PREFIX):
        incident.name = (EXERCISE_PREFIX + incident.name)[:200]
    explanation = grading.apply_preliminary_grade(incident)
    if data.get("code"):
        incident.code = data["code"]
    # A numbered code is unique by construction, and the relations were just looked up: no queries to check them.
    incident.full_clean(exclude=["region", "created_by", "updated_by", *([] if data.get("code") else ["code"])],
                        validate_unique=bool(data.get("code")))
    first_clocks = clocks.first_clocks(incident)
    with transaction.atomic():
        # In the transaction: on SQLite the counter's upsert then shares the report's one write (core.sequences).
        incident.code = incident.code or next_code("SJ", received)
        incident.save()
        submissions.store_pending(incident)
        intake = _add_intake(incident, data, received, actor)
        _write_first_entries(incident, intake, explanation, actor, received)
        clocks.start_first(incident, first_clocks)
    incident.first_clocks = first_clocks  # for the API's 201 answer (api.IncidentViewSet.create): no read back
    return incident


def _write_first_entries(incident, intake, explanation, actor, received) -> None:
    """The report's timeline (intake, and the preliminary grade when there is one) and its announcement."""
    entries = [timeline.entry(
        incident, kind=TimelineKind.INTAKE, title=canonical(gettext_noop("接报：%(n)s"), n=incident.name),
        body=intake.statement, actor=actor, at=received, data={"source": incident.source},
    )]
    if incident.grade:
        entries.append(grading.grade_entry(incident, None, explanation, actor=actor, now=received))
    reported = ("incident.reported", {"uuid": str(incident.uuid), "title": _("新接报：%(n)s") % {"n": incident.name},
                                      "grade": incident.grade, "type": incident.type_code,
                                      **({"exercise": True} if incident.is_exercise else {})})
    timeline.write_many(incident, entries, also=[reported])


def _place(data, errors):
    """The region and point of a new incident: a chosen region (township or village), a map point, or both; else
    the township or village its address names; else the district."""
    point = None
    if _has_point(data):
        try:
            point = checked_point(data.get("lon"), data.get("lat"))
        except ValidationError as exc:
            errors.update(exc.error_dict)
            return None, None
    region, address = data.get("region"), (data.get("address") or "").strip()
    if region is None and point is None and not address:
        add_error(errors, "lon", _("请选择乡镇（街道）、在地图上选点或填写地址"), "location_required")
        return None, None
    try:
        region = resolve_place(region=region, point=point)
    except DomainError as exc:
        add_error(errors, "region", exc.message, exc.code)
        return None, None
    return region or region_named_in(address) or district(), point


def _has_point(data) -> bool:
    return data.get("lon") not in (None, "") or data.get("lat") not in (None, "")


def _default_name(incident) -> str:
    local = timezone.localtime(incident.occurred_at)
    return f"{place_name(incident.region)}{incident.incident_type.name}（{local:%m月%d日}）"


def _add_intake(incident, data, received, actor):
    return IntakeReport.objects.create(
        incident=incident, source=incident.source, received_at=received,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        statement=(data.get("statement") or incident.description)[:4000],
        **{k: data[k] for k in INTAKE_FIELDS if data.get(k) and k != "statement"},
    )


def locked(incident, expected_version=None) -> Incident:
    """The row, locked for update; a stale version (someone saved in between) is refused with 409."""
    current = Incident.objects.select_for_update().get(pk=incident.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            "edit_conflict", _("该事件已被他人修改（当前版本 %(v)s），请刷新后重试") % {"v": current.version},
            field="version",
        )
    return current


def update_incident(incident, *, actor, data: dict, expected_version=None, now=None) -> Incident:
    """Change the figures, details or place; the grade is recomputed and the clocks re-timed.

    The place (`region`, `lon`/`lat`; a None point clears it) may move the incident to another township: the actor
    must reach both the old and the new place, the timeline says “位置更正：A → B”, and from then on the incident is
    seen, scoped and reported as the new place's."""
    now = now or timezone.now()
    if not actor.has_perm("incidents.change_incident"):
        raise PermissionDeniedError("permission_denied", _("您没有修改突发事件的权限"))
    ensure_in_jurisdiction(actor, incident.region)
    if not incident.is_active:
        raise DomainError("incident_closed", _("事件已结束，不能再修改；请在时间线发布更正"))
    errors = {}
    if "type_code" in data:
        check_type(data["type_code"], errors)
    check_times(data.get("occurred_at", incident.occurred_at), data.get("received_at", incident.received_at),
                now, errors)
    figures = clean_figures(data, errors)
    place = _new_place(incident, data, errors)
    raise_if(errors)
    if place is not None:
        ensure_in_jurisdiction(actor, place[0])
    with transaction.atomic():
        incident = locked(incident, expected_version)
        before_region = incident.region.code
        changes = _apply(incident, {**{k: v for k, v in data.items() if k in _EDITABLE}, **figures})
        moved = _relocate(incident, place)
        incident.updated_by = actor
        incident.full_clean()
        incident.save()
        if changes:
            timeline.write(incident, kind=TimelineKind.FIGURES, title=canonical(gettext_noop("更新事件信息")),
                           body="；".join(changes), actor=actor, at=now)
        if moved:
            timeline.write(incident, kind=TimelineKind.FIGURES, title=moved, body=_point_text(incident), actor=actor,
                           at=now, data={"from": before_region, "to": incident.region.code})
        grading.regrade(incident, actor=actor, now=now)
        clocks.sync(incident, now=now)
    return incident


_EDITABLE = ("name", "description", "address", "type_code", "occurred_at", "received_at", "reporter_name",
             "reporter_phone", "reporter_org")


def _apply(incident, values) -> list[str]:
    changes = []
    for name, value in values.items():
        old = getattr(incident, name)
        if old != value:
            label = Incident._meta.get_field(name).verbose_name
            changes.append(f"{label}：{_shown(old)} → {_shown(value)}")
            setattr(incident, name, value)
    return changes


def _shown(value):
    if hasattr(value, "astimezone"):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return "—" if value in (None, "") else str(value)


def _new_place(incident, data, errors):
    """(region, point) the edit moves the incident to, or None when the edit leaves its place alone. A region
    given without a point keeps the old point only if it lies in the new place."""
    if not ({"region", "lon", "lat"} & data.keys()):
        return None
    point_given = "lon" in data or "lat" in data
    try:
        point = checked_point(data.get("lon"), data.get("lat")) if _has_point(data) else None
        region = data.get("region")
        if not point_given and region is not None and incident.lon is not None:
            point = (incident.lon, incident.lat)
            try:
                return resolve_place(region=region, point=point), point
            except DomainError:
                return region, None  # the old point lies elsewhere: the chosen place wins
        if region is None and point is None:
            return (incident.region, None) if point_given else None
        return resolve_place(region=region, point=point), point
    except ValidationError as exc:
        errors.update(exc.error_dict)
    except DomainError as exc:
        add_error(errors, "region", exc.message, exc.code)
    return None


def _relocate(incident, place) -> str | None:
    """Move the (locked) incident to `place`; the timeline title of the move, or None when nothing moved."""
    if place is None:
        return None
    region, point = place
    before, old_point = incident.region, (incident.lon, incident.lat)
    incident.lon, incident.lat = point if point else (None, None)
    incident.region = region
    if region.pk != before.pk:
        return canonical(gettext_noop("位置更正：%(a)s → %(b)s"), a=place_name(before), b=place_name(region))
    if (incident.lon, incident.lat) != old_point:
        return canonical(gettext_noop("位置更正：%(p)s（地图选点）"), p=place_name(region))
    return None


def _point_text(incident) -> str:
    if incident.lon is None:
        return _("未在地图上选点")
    return _("坐标：经度 %(lon).6f，纬度 %(lat).6f") % {"lon": incident.lon, "lat": incident.lat}


def duplicates_of(incident, limit=10, user=None) -> list[tuple[Incident, float | None]]:
    """Active incidents of the same type nearby and close in time: (incident, distance in metres), nearest
    first. Only those the viewer may see (`user`, else whoever is acting; core.scoping). The database picks
    the candidates by type, time and a box around the place, so a busy day hides no real duplicate."""
    cfg = get_config()
    window = timezone.timedelta(hours=cfg.duplicate_window_hours)
    candidates = Incident.objects.filter(
        _nearby(incident, cfg.duplicate_radius_m), type_code=incident.type_code, status__in=ACTIVE_STATUSES,
        occurred_at__gte=incident.occurred_at - window, occurred_at__lte=incident.occurred_at + window,
    ).exclude(pk=incident.pk).select_related("region")
    candidates = scope_for(candidates, user)
    found = []
    for other in candidates:
        distance = _distance(incident, other)
        if distance is not None and distance > cfg.duplicate_radius_m:
            continue
        found.append((other, distance))
    return sorted(found, key=lambda pair: pair[1] if pair[1] is not None else 1e12)[:limit]


def _nearby(incident, radius_m: float) -> Q:
    """Within the box of `radius_m` around the incident's point; without a point (either side), in its region."""
    same_region = Q(region_id=incident.region_id)
    if incident.lon is None:
        return same_region
    dlat = radius_m / 111_320
    dlon = radius_m / (111_320 * max(math.cos(math.radians(incident.lat)), 0.01))
    box = Q(lon__gte=incident.lon - dlon, lon__lte=incident.lon + dlon,
            lat__gte=incident.lat - dlat, lat__lte=incident.lat + dlat)
    return box | (same_region & Q(lon__isnull=True))


def _distance(a, b):
    if a.lon is None or b.lon is None:
        return None
    return haversine_m(a.lon, a.lat, b.lon, b.lat)


def merge(duplicate, *, into, actor, now=None) -> Incident:
    """Merge `duplicate` into `into`: every intake report moves over, both timelines record it."""
    now = now or timezone.now()
    if duplicate.pk == into.pk:
        raise DomainError("merge_self", _("不能把事件合并到它自己"), field="into")
    if not into.is_active:
        raise DomainError("merge_target_closed", _("目标事件已结束或已合并"), field="into")
    ensure_in_jurisdiction(actor, into.region)
    from .workflows import fire_incident

    with transaction.atomic():
        duplicate = fire_incident(duplicate, "merge", actor=actor, data={"into": into.name, "now": now})
        duplicate.merged_into = into
        duplicate.save()
        moved = list(duplicate.intakes.all())
        for intake in moved:
            intake.original_incident_code = intake.original_incident_code or duplicate.code
            intake.incident = into
            intake.save()
        timeline.write(
            into, kind=TimelineKind.MERGE, title=canonical(gettext_noop("合并重复接报：%(n)s"), n=duplicate.name),
            body=_("并入 %(c)s 条接报记录（原事件 %(code)s）") % {"c": len(moved), "code": duplicate.code},
            actor=actor, at=now, data={"merged": str(duplicate.uuid)},
        )
    return into
