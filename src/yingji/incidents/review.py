"""应急评估: the review of a closed incident, computed from its timeline, clocks and reports."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction

from .choices import IncidentStatus, ReportKind, TimelineKind
from .models import RectificationItem, Review
from .reportfields import figures_for


def duration_text(delta) -> str:
    """“2小时15分”, “提前10分” style text for a timedelta (negative allowed)."""
    if delta is None:
        return "—"
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}天" if days else "", f"{hours}小时" if hours else ""]
    return "".join(parts) + (f"{mins}分" if mins or not (days or hours) else "")


@dataclass
class ClockOutcome:
    name: str
    report_to: str
    due_at: object
    met_at: object
    state: str
    text: str


@dataclass
class ReviewFacts:
    occurrence_to_receipt: object
    receipt_to_first_report: object
    first_report: object
    clocks: list[ClockOutcome] = field(default_factory=list)
    reports: list = field(default_factory=list)
    comparison: list[tuple[str, object, object]] = field(default_factory=list)
    timeline_counts: dict = field(default_factory=dict)

    @property
    def occurrence_to_receipt_text(self) -> str:
        return duration_text(self.occurrence_to_receipt)

    @property
    def receipt_to_first_report_text(self) -> str:
        return duration_text(self.receipt_to_first_report)


def compute(incident) -> ReviewFacts:
    entries = list(incident.timeline.order_by("at", "id"))
    received = next((e.at for e in entries if e.kind == TimelineKind.INTAKE), incident.received_at)
    sent = [r for r in incident.reports.select_related("author", "signer", "region").order_by("sent_at", "created")
            if r.sent_at]
    first = sent[0] if sent else None
    facts = ReviewFacts(
        occurrence_to_receipt=received - incident.occurred_at,
        receipt_to_first_report=(first.sent_at - received) if first else None,
        first_report=first,
        reports=list(incident.reports.select_related("author", "signer", "region").order_by("created")),
    )
    facts.clocks = [_clock_outcome(c) for c in incident.clocks.order_by("due_at")]
    facts.comparison = _comparison(incident, sent)
    for entry in entries:
        facts.timeline_counts[entry.get_kind_display()] = facts.timeline_counts.get(entry.get_kind_display(), 0) + 1
    return facts


def _clock_outcome(clock) -> ClockOutcome:
    if clock.waived_at:
        text = _("已豁免：%(r)s") % {"r": clock.waived_reason}
    elif clock.met_at is None:
        text = _("未完成")
    elif clock.met_at <= clock.due_at:
        text = _("按时完成，提前 %(d)s") % {"d": duration_text(clock.due_at - clock.met_at)}
    else:
        text = _("超时 %(d)s 完成") % {"d": duration_text(clock.met_at - clock.due_at)}
    return ClockOutcome(clock.name, clock.report_to, clock.due_at, clock.met_at, clock.state_label(), text)


def _comparison(incident, sent):
    district_reports = [r for r in sent if r.region.level == 1] or sent
    if not district_reports:
        return []
    first, final = district_reports[0], district_reports[-1]
    final = next((r for r in reversed(district_reports) if r.kind == ReportKind.VERIFICATION), final)
    return [(f"{f.label}（{f.unit}）", first.figures.get(f.key, 0), final.figures.get(f.key, 0))
            for f in figures_for(incident.type_code)]


def save_review(incident, *, actor, findings, items=(), is_demo=False) -> Review:
    """Reviewers record findings and rectification items (content, owner, due date)."""
    if not actor.has_perm("incidents.add_review"):
        raise PermissionDeniedError("permission_denied", _("您没有开展应急评估的权限"))
    ensure_in_jurisdiction(actor, incident.region)
    if incident.status != IncidentStatus.CLOSED:
        raise DomainError("incident_not_closed", _("事件结束后才能开展评估"), field="incident")
    with transaction.atomic():
        review, _created = Review.objects.get_or_create(incident=incident, defaults={"reviewer": actor,
                                                                                    "is_demo": is_demo})
        review.findings, review.reviewer = (findings or "").strip(), actor
        review.save()
        for item in items:
            if (item.get("content") or "").strip():
                RectificationItem.objects.create(
                    review=review, content=item["content"].strip(), owner=item.get("owner", ""),
                    due_date=item.get("due_date") or None,
                )
    return review
