"""Running the reporting clocks: rows from standards.deadlines.clocks_for, met by reports, swept on time."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.standards import CLOCK_RULES, clocks_for, next_daily_report_due

from . import timeline
from .choices import ACTIVE_STATUSES, ClockState, IncidentStatus, ReportKind, TimelineKind
from .models import ReportingClock
from .titles import canonical

RULES = {rule.slug: rule for rule in CLOCK_RULES}
# 补报 windows: a report is due only if the casualties change, so they never block closing.
WINDOW_CLOCKS = ("sa_supplement", "sa_supplement_short")
# Which report, once sent upward by the district, meets which clock.
MET_BY = {
    "sa_escalate_city": ReportKind.INITIAL,
    "sa_escalate_province": ReportKind.INITIAL,
    "sa_escalate_national": ReportKind.INITIAL,
    "sa_fast_report": ReportKind.INITIAL,
    "sa_local_phone_report": ReportKind.INITIAL,
    "nd_initial_report": ReportKind.INITIAL,
    "nd_daily_report": ReportKind.CONTINUATION,
    "nd_drought_report": ReportKind.CONTINUATION,
    "nd_verification": ReportKind.VERIFICATION,
}
MET_AT_INTAKE = ("sa_unit_report",)  # the unit's report to the county is our receipt of it


def _grade(incident):
    return incident.grade or None


def sync(incident, *, now=None) -> None:
    """Create, re-time or withdraw clock rows so they match the incident's current type, grade and times."""
    now = now or timezone.now()
    specs = clocks_for(
        incident.type_code, _grade(incident), incident.figures(), incident.occurred_at, incident.received_at,
        incident.ended_at,
    )
    rows = {}
    for row in incident.clocks.order_by("due_at"):
        rows.setdefault(row.slug, row)
    wanted = {spec.slug for spec in specs}
    for spec in specs:
        row = rows.get(spec.slug)
        if row is None:
            _create(incident, spec, now)
        elif row.is_open and not spec.recurring and row.due_at != spec.due_at:
            row.due_at = spec.due_at
            row.starts_at = _start(incident, spec.slug)
            row.save()
    for row in incident.clocks.filter(met_at__isnull=True, waived_at__isnull=True).exclude(slug__in=wanted):
        if row.recurring and incident.ended_at and row.due_at <= incident.ended_at:
            continue  # a daily report that fell due before the process ended is still owed
        _waive(row, None, _("不再适用（事件类型、等级或过程变化）"), now)


def _start(incident, slug):
    return getattr(incident, RULES[slug].reference.value)


def _row(incident, spec) -> ReportingClock:
    row = ReportingClock(
        incident=incident, slug=spec.slug, name=spec.name, report_to=spec.report_to, source=spec.source,
        confidence=spec.confidence, starts_at=_start(incident, spec.slug), due_at=spec.due_at,
        required=spec.slug not in WINDOW_CLOCKS, recurring=spec.recurring or "",
    )
    if spec.slug in MET_AT_INTAKE:
        row.met_at, row.met_note = incident.received_at, _("接报即完成")
    return row


def _create(incident, spec, now):
    row = _row(incident, spec)
    row.save()
    return row


def first_clocks(incident) -> list[ReportingClock]:
    """The clock rows of a new incident, worked out before it is saved (insert them with `start_first`)."""
    return [_row(incident, spec) for spec in clocks_for(
        incident.type_code, _grade(incident), incident.figures(), incident.occurred_at, incident.received_at,
        incident.ended_at)]


def start_first(incident, rows) -> None:
    for row in rows:
        row.incident = incident  # the incident has its primary key now
    ReportingClock.objects.bulk_create(rows)


def _waive(row, actor, reason, now):
    row.waived_at, row.waived_reason, row.waived_by = now, reason, actor
    row.save()


def waive(clock, *, actor, reason, now=None):
    """A person with the right explicitly waives a clock, with a reason that is kept on the timeline."""
    now = now or timezone.now()
    if not actor.has_perm("incidents.waive_clock"):
        raise PermissionDeniedError("permission_denied", _("您没有豁免报送时限的权限"))
    ensure_in_jurisdiction(actor, clock.incident.region)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("豁免报送时限必须说明理由"), field="reason")
    if not clock.is_open:
        raise DomainError("clock_closed", _("该时限已完成或已豁免"), field="clock")
    with transaction.atomic():
        _waive(clock, actor, reason, now)
        timeline.write(
            clock.incident, kind=TimelineKind.CLOCK, title=canonical(gettext_noop("豁免时限：%(n)s"), n=clock.name),
            body=reason, actor=actor, at=now, data={"clock": clock.slug},
        )
    return clock


def meet_with(report, *, now) -> list[ReportingClock]:
    """A district report sent upward meets the open clocks its kind answers (oldest daily clock first)."""
    incident = report.incident
    met = []
    slugs = [slug for slug, kind in MET_BY.items() if kind == report.kind]
    for row in incident.clocks.filter(slug__in=slugs, met_at__isnull=True, waived_at__isnull=True).order_by("due_at"):
        if row.recurring and any(m.recurring for m in met):
            continue
        row.met_at, row.met_by = now, report
        row.save()
        met.append(row)
        if row.recurring:
            _rearm(row)
    return met


def _rearm(row):
    incident = row.incident
    if incident.ended_at is not None or incident.status not in ACTIVE_STATUSES:
        return None
    if incident.clocks.filter(slug=row.slug, due_at__gt=row.due_at).exists():
        return None
    due = next_daily_report_due(row.due_at)
    return ReportingClock.objects.create(
        incident=incident, slug=row.slug, name=row.name, report_to=row.report_to, source=row.source,
        confidence=row.confidence, starts_at=row.due_at, due_at=due, required=True, recurring=row.recurring,
    )


def open_required(incident):
    return [c for c in incident.clocks.all() if c.required and c.is_open]


def sweep(now=None) -> dict:
    """Turn clocks amber and red: one event each (idempotent), an overdue note on the timeline.

    Called by `yingji manage check_clocks` and by the duty/escalation code with an explicit `now`.
    """
    now = now or timezone.now()
    counts = {"amber": 0, "overdue": 0}
    open_rows = ReportingClock.objects.select_related("incident__region").filter(
        met_at__isnull=True, waived_at__isnull=True, incident__status__in=ACTIVE_STATUSES
    )
    for row in open_rows.order_by("due_at"):
        state = row.state(now)
        with transaction.atomic():
            if state == ClockState.OVERDUE and row.overdue_notified_at is None:
                _notify(row, "incident.deadline_overdue", now)
                row.overdue_notified_at = now
                row.save()
                counts["overdue"] += 1
                if row.recurring:
                    _rearm(row)
            elif state == ClockState.AMBER and row.amber_notified_at is None:
                _notify(row, "incident.deadline_amber", now)
                row.amber_notified_at = now
                row.save()
                counts["amber"] += 1
    return counts


def _notify(row, kind, now):
    incident = row.incident
    overdue = kind.endswith("overdue")
    title = (_("报送超时：%(n)s") if overdue else _("即将到期：%(n)s")) % {"n": row.name}
    publish(
        kind,
        {
            "uuid": str(incident.uuid), "clock": row.slug, "clock_id": row.pk, "due_at": row.due_at.isoformat(),
            "report_to": row.report_to, "title": f"{incident.name} · {title}",
        },
        aggregate=incident, region=incident.region, key=f"{kind}:{row.pk}",
    )
    if overdue:
        timeline.write(incident, kind=TimelineKind.CLOCK, title=title, at=now, data={"clock": row.slug})


def is_closed_status(status) -> bool:
    return status in (IncidentStatus.CLOSED, IncidentStatus.FALSE_ALARM, IncidentStatus.MERGED)
