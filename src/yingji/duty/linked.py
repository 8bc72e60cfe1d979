"""What the duty desk reads from and writes to the other apps (incidents, warnings), defensively: an app
that is not installed, or has no model yet, simply contributes nothing."""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.timefmt import SHORT, local_text


def incidents_ready() -> bool:
    return apps.is_installed("yingji.incidents") and _model("incidents", "Incident") is not None


def _model(app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def find_incident(uuid):
    if not uuid or not incidents_ready():
        return None
    return _model("incidents", "Incident").objects.filter(uuid=uuid).first()


def create_incident_from_call(*, actor, data: dict, now):
    from yingji.incidents.choices import Source
    from yingji.incidents.services import create_incident

    return create_incident(actor=actor, data=data, now=now, source=Source.PHONE)


def note_call_on_incident(incident, *, actor, body, now) -> None:
    """A call about a known incident is also posted on its timeline (when the actor may post there)."""
    from yingji.incidents import timeline
    from yingji.incidents.choices import TimelineKind

    if actor is not None and actor.has_perm("incidents.add_timelineentry"):
        timeline.post(incident, actor=actor, kind=TimelineKind.MESSAGE, body=body, now=now)


def open_incidents(region, now=None):
    """Open incidents under `region` with their reporting clocks: [{name, code, uuid, status, clocks: [...]}]."""
    if not incidents_ready():
        return []
    from yingji.incidents.choices import ACTIVE_STATUSES

    now = now or timezone.now()
    Incident = _model("incidents", "Incident")
    rows = Incident.objects.filter(status__in=ACTIVE_STATUSES, region__path__startswith=region.path)
    result = []
    for incident in rows.prefetch_related("clocks").order_by("-received_at")[:50]:
        clocks = [c for c in incident.clocks.all() if c.is_open]
        result.append({
            "uuid": str(incident.uuid), "code": incident.code, "name": incident.name,
            "status": incident.get_status_display(),
            "clocks": [{"name": c.name, "due_at": local_text(c.due_at, SHORT),
                        "state": c.state_label(now)} for c in clocks],
        })
    return result


def incidents_received(region, start, end):
    if not incidents_ready():
        return []
    Incident = _model("incidents", "Incident")
    return list(Incident.objects.filter(region__path__startswith=region.path, received_at__gte=start,
                                        received_at__lt=end).order_by("received_at"))


def incident_settled(uuid) -> bool:
    """A new incident counts as acknowledged once it has left the 接报 state."""
    incident = find_incident(uuid)
    return incident is not None and incident.status != "reported"


def clock_settled(clock_id) -> bool:
    if not clock_id or not incidents_ready():
        return False
    clock = _model("incidents", "ReportingClock").objects.filter(pk=clock_id).first()
    return clock is not None and not clock.is_open


def task_settled(uuid) -> bool:
    """A task counts as acknowledged once it has left 待接收."""
    Task = _model("plans", "Task") if apps.is_installed("yingji.plans") else None
    return bool(uuid and Task is not None and Task.objects.filter(uuid=uuid).exclude(status="pending").exists())


def unacknowledged_tasks(region) -> list[str]:
    Task = _model("plans", "Task") if apps.is_installed("yingji.plans") else None
    if Task is None:
        return []
    rows = Task.objects.filter(status="pending", region__path__startswith=region.path).select_related("organization")
    return [f"{t.title}（{t.organization.short_name or t.organization.name}，"
            f"{timezone.localtime(t.assigned_at):%m-%d %H:%M} 下达）" for t in rows.order_by("assigned_at")[:30]]


def sweep_incident_clocks(now) -> None:
    """Turn reporting clocks overdue (publishes incident.deadline_overdue), so escalations can follow."""
    if incidents_ready():
        from yingji.incidents import clocks

        clocks.sweep(now=now)


def _warnings_over(region):
    """Warnings issued for `region`, inside it or above it (None when the alerts app is absent)."""
    from django.db.models import Q

    Warning = _model("alerts", "Warning") if apps.is_installed("yingji.alerts") else None
    if Warning is None:
        return None
    return Warning.objects.filter(Q(region__path__startswith=region.path) | Q(region__code__in=region.ancestor_codes))


def _as_rows(warnings) -> list[dict]:
    return [{"name": str(w), "level": w.get_level_display()} for w in warnings]


def warnings_in_force(region, now=None) -> list[dict]:
    """Warnings in force over `region` now: published, not a cancel notice, not expired."""
    rows = _warnings_over(region)
    if rows is None:
        return []
    from yingji.alerts.services import in_force

    return _as_rows(rows.filter(pk__in=in_force(now)).order_by("-id")[:30])


def warnings_during(region, start, end) -> list[dict]:
    """Warnings that were in force at some moment of [start, end): published before the end, and neither
    expired nor closed (superseded, cancelled) before the start. Cancel notices are not warnings in force."""
    from django.db.models import Q

    rows = _warnings_over(region)
    if rows is None:
        return []
    rows = rows.filter(published_at__isnull=False, published_at__lt=end, expires__gt=start).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gt=start)).exclude(msg_type="Cancel")
    return _as_rows(rows.order_by("published_at", "id")[:30])


def describe(uuid) -> str:
    incident = find_incident(uuid)
    return incident.name if incident else _("事件 %(u)s") % {"u": str(uuid)[:8]}
