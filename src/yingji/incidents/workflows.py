"""The incident status flow and the report sign-off flow, as transition tables (DESIGN §4.3)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError
from yingji.core.scoping import ensure_in_jurisdiction
from yingji.core.workflow import Transition, Workflow, precondition

from . import clocks, timeline
from .choices import IncidentStatus as S
from .choices import ReportStatus as R
from .choices import TimelineKind
from .titles import canonical

CHANGE = "incidents.change_incident"


def _needs_summary(incident, actor, data):
    if not (data.get("summary") or "").strip():
        raise DomainError("summary_required", _("结束事件必须填写处置总结"), field="summary")


def _clocks_settled(incident, actor, data):
    unmet = clocks.open_required(incident)
    if unmet:
        names = "、".join(c.name for c in unmet)
        raise DomainError(
            "clocks_unmet", _("还有未完成的报送时限：%(n)s。请先报送，或说明理由后豁免") % {"n": names}, field="event"
        )


def _needs_reason(record, actor, data):
    if not (data.get("reason") or "").strip():
        raise DomainError("reason_required", _("请填写理由"), field="reason")


def _stabilize(incident, actor, data):
    incident.ended_at = data.get("ended_at") or _now(data)
    incident.save()
    clocks.sync(incident, now=_now(data))


def _close(incident, actor, data):
    incident.closed_at = _now(data)
    incident.closing_summary = data["summary"].strip()
    incident.save()


def _false_alarm(incident, actor, data):
    reason = _("误报：%(r)s") % {"r": data["reason"]}
    for clock in clocks.open_required(incident):
        clock.waived_at, clock.waived_reason, clock.waived_by = _now(data), reason, actor
        clock.save()


def _now(data):
    return data.get("now") or timezone.now()


INCIDENT_EFFECTS = {"stabilize": _stabilize, "close": _close, "mark_false": _false_alarm}


def _incident_timeline(incident, transition, actor, data):
    effect = INCIDENT_EFFECTS.get(transition.event)
    if effect:
        effect(incident, actor, data)
    body = data.get("summary") or data.get("reason") or data.get("note") or ""
    if transition.event == "merge":
        body = _("并入：%(n)s") % {"n": data.get("into", "")}
    timeline.write(
        incident, kind=TimelineKind.STATUS, title=canonical(gettext_noop("状态：%(s)s"), s=incident.get_status_display),
        body=body, actor=actor, at=_now(data), data={"event": transition.event, "to": transition.target},
    )


ACTIVE = (S.REPORTED, S.VERIFIED, S.RESPONDING)

INCIDENT_FLOW = Workflow(
    "incident",
    transitions=[
        Transition((S.REPORTED,), "verify", S.VERIFIED, _l("核实"), permission=CHANGE),
        Transition((S.REPORTED, S.VERIFIED), "respond", S.RESPONDING, _l("启动处置"), permission=CHANGE),
        Transition((S.RESPONDING,), "stabilize", S.STABILIZED, _l("确认稳定（过程结束）"), permission=CHANGE),
        Transition((S.STABILIZED,), "resume", S.RESPONDING, _l("恢复处置"), permission=CHANGE),
        Transition((S.STABILIZED,), "close", S.CLOSED, _l("结束事件"), permission="incidents.close_incident",
                   guards=(_needs_summary, _clocks_settled)),
        Transition((S.REPORTED, S.VERIFIED), "mark_false", S.FALSE_ALARM, _l("认定误报"), permission=CHANGE,
                   guards=(_needs_reason,)),
        Transition(ACTIVE, "merge", S.MERGED, _l("合并到其他事件"), permission="incidents.merge_incident"),
    ],
    on_transition=_incident_timeline,
)


def fire_incident(incident, event, *, actor, data=None):
    ensure_in_jurisdiction(actor, incident.region)
    return INCIDENT_FLOW.fire(incident, event, actor=actor, data=data or {})


# --- the report sign-off flow: 草稿 → 待签发 → 退回 → 已签发 → 已报送 -------------------------------


@precondition
def _signer_is_not_author(report, actor, data):
    if actor is not None and report.author_id == actor.pk:
        raise DomainError("signer_is_author", _("签发人不能是拟稿人本人，请由其他有签发权限的人员签发"), field="signer")


def _report_checked(report, actor, data):
    from .reporting import validate_report

    validate_report(report)


def _sign(report, actor, data):
    report.signer, report.signed_at = actor, _now(data)
    report.save()


def _return(report, actor, data):
    report.returned_reason = data["reason"].strip()
    report.save()


def _send(report, actor, data):
    from .reporting import on_sent

    report.sent_at = _now(data)
    report.save()
    on_sent(report, now=_now(data))


REPORT_EFFECTS = {"sign": _sign, "return": _return, "send": _send}


def _report_timeline(report, transition, actor, data):
    effect = REPORT_EFFECTS.get(transition.event)
    if effect:
        effect(report, actor, data)
    timeline.write(
        report.incident, kind=TimelineKind.REPORT,
        title=canonical(gettext_noop("%(k)s%(e)s：%(t)s"), k=lambda: report.kind_label, e=transition.label,
                        t=report.title),
        body=data.get("reason", ""), actor=actor, at=_now(data),
        data={"report": str(report.uuid), "event": transition.event, "status": report.status},
    )


REPORT_CHANGE = "incidents.change_situationreport"
SIGN = "incidents.sign_situationreport"

REPORT_FLOW = Workflow(
    "report",
    transitions=[
        Transition((R.DRAFT, R.RETURNED), "submit", R.PENDING, _l("提交签发"), permission=REPORT_CHANGE,
                   guards=(_report_checked,)),
        Transition((R.PENDING,), "return", R.RETURNED, _l("退回修改"), permission=SIGN, guards=(_needs_reason,)),
        Transition((R.PENDING,), "sign", R.SIGNED, _l("签发"), permission=SIGN, guards=(_signer_is_not_author,)),
        Transition((R.SIGNED,), "send", R.SENT, _l("报送"), permission=REPORT_CHANGE),
    ],
    on_transition=_report_timeline,
)


def fire_report(report, event, *, actor, data=None):
    ensure_in_jurisdiction(actor, report.region)
    return REPORT_FLOW.fire(report, event, actor=actor, data=data or {})
