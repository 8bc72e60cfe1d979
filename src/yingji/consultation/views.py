"""Pages of the consultation app: the list, convening, the consultation page (materials, invitees and their
acknowledgements, attendance, minutes, decisions), its 会商纪要 DOCX, and the panel of the incident page. A
consultation outside the user's reach is a 404; a refused step shows the page again with its message (400)."""

import uuid as uuids

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.documents import DOCX_TYPE
from yingji.core.errors import ConflictError, DomainError, PermissionDeniedError
from yingji.core.models import Organization, OrganizationKind
from yingji.core.refusals import refuse
from yingji.core.scoping import PICK, READ, scope_to_user
from yingji.incidents.api import file_response

from . import documents, services
from .choices import DecisionKind, State
from .models import Consultation, RoomTemplate

FAILURES = (DomainError, ConflictError, ValidationError)
VIEW = "consultation.view_consultation"


def _message(exc) -> str:
    return exc.message if isinstance(exc, DomainError | ConflictError) else "；".join(exc.messages)


def _consultation(user, uuid) -> Consultation:
    found = scope_to_user(Consultation.objects.all(), user).filter(uuid=uuid).select_related(
        "incident", "warning", "room_template", "convened_by", "region").first()
    if found is None:
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    return found


def _scoped(model, user, raw, purpose=READ):
    try:
        key = uuids.UUID(str(raw))
    except ValueError:
        return None
    return scope_to_user(model.objects.all(), user, purpose).filter(uuid=key).first()


def _incident(user, raw):
    from yingji.incidents.models import Incident

    return _scoped(Incident, user, raw) if raw else None


def _warning(user, raw):
    from yingji.alerts.models import Warning

    return _scoped(Warning, user, raw) if raw else None


@login_required
@permission_required(VIEW, raise_exception=True)
def consultation_list(request):
    rows = scope_to_user(Consultation.objects.all(), request.user).select_related("incident", "convened_by")[:200]
    return render(request, "consultation/list.html", {"rows": rows})


def _choices(user) -> dict:
    from yingji.resources.choices import ExpertField
    from yingji.resources.models import Expert

    organizations = scope_to_user(Organization.objects.all(), user, PICK).order_by("code")
    return {"departments": organizations.filter(kind__in=services.DEPARTMENT_KINDS),
            "townships": organizations.filter(kind=OrganizationKind.TOWNSHIP),
            "experts": scope_to_user(Expert.objects.all(), user, PICK).order_by("field", "code")[:300],
            "fields": ExpertField.choices,
            "rooms": scope_to_user(RoomTemplate.objects.filter(status="active"), user, PICK)}


@login_required
@permission_required("consultation.convene_consultation", raise_exception=True)
def new(request):
    source = request.POST if request.method == "POST" else request.GET
    incident, warning = _incident(request.user, source.get("incident")), _warning(request.user, source.get("warning"))
    error = None
    if request.method == "POST":
        room = _scoped(RoomTemplate, request.user, request.POST.get("room_template", ""), PICK) \
            if request.POST.get("room_template") else None
        try:
            consultation = services.convene(
                actor=request.user, title=request.POST.get("title"), scheduled_at=request.POST.get("scheduled_at"),
                agenda=request.POST.get("agenda"), incident=incident, warning=warning,
                subject=request.POST.get("subject", ""), room_template=room, place=request.POST.get("place", ""),
                departments=request.POST.getlist("departments"), townships=request.POST.getlist("townships"),
                experts=request.POST.getlist("experts"))
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except FAILURES as exc:
            error = refuse(request, exc, form="convene-form")
        else:
            return redirect("consultation:detail", uuid=consultation.uuid)
    subject = incident.name if incident else (warning.headline if warning else "")
    default_title = _("关于%(s)s的研判会商") % {"s": subject} if subject else ""
    context = {"incident": incident, "warning": warning, "error": _message(error) if error else None,
               "error_field": next(iter(getattr(error, "fields", None) or {}), "") if error else "",
               "data": request.POST,
               "chosen": {name: request.POST.getlist(name) for name in ("departments", "townships", "experts")},
               "default_title": default_title,
               "default_time": timezone.localtime(timezone.now() + timezone.timedelta(minutes=30)).strftime(
                   "%Y-%m-%dT%H:%M"), **_choices(request.user)}
    return render(request, "consultation/new.html", context, status=400 if error else 200)


def _materials(user, consultation) -> list[tuple[str, str]]:
    """(label, url) of what the meeting looks at, each only when the user may open it."""
    from yingji.incidents.models import SituationReport

    links = []
    incident = _incident(user, consultation.incident.uuid) if consultation.incident_id else None
    if incident is not None:
        links.append((_("事件：%(n)s") % {"n": incident.name},
                      reverse("incidents:detail", kwargs={"uuid": incident.uuid})))
        for report in scope_to_user(SituationReport.objects.filter(incident=incident), user).order_by("id")[:10]:
            links.append((_("报告：%(t)s") % {"t": report.title},
                          reverse("incidents:report", kwargs={"uuid": report.uuid})))
        links.append((_("应急响应与预案任务"), reverse("plans:response", kwargs={"uuid": incident.uuid})))
        if user.has_perm("video.play_camera"):
            links.append((_("周边视频"), reverse("video:wall") + f"?incident={incident.uuid}"))
    warning = _warning(user, consultation.warning.uuid) if consultation.warning_id else None
    if warning is not None:
        links.append((_("预警：%(t)s") % {"t": warning.headline},
                      reverse("alerts:detail", kwargs={"uuid": warning.uuid})))
    links.append((_("一张图"), reverse("web:onemap")))
    if user.has_perm("monitoring.view_station"):
        links.append((_("监测图表"), reverse("monitoring:dashboard")))
    return links


def _decision_rows(user, consultation):
    from yingji.duty.models import Instruction
    from yingji.plans.models import Task

    decisions = list(consultation.decisions.select_related("organization", "task", "instruction"))
    tasks = set(scope_to_user(Task.objects.filter(pk__in=[d.task_id for d in decisions if d.task_id]), user)
                .values_list("pk", flat=True))
    instructions = set(scope_to_user(Instruction.objects.filter(
        pk__in=[d.instruction_id for d in decisions if d.instruction_id]), user).values_list("pk", flat=True))
    rows = []
    for d in decisions:
        url = ""
        if d.task_id in tasks:
            url = reverse("plans:response", kwargs={"uuid": consultation.incident.uuid})
        elif d.instruction_id in instructions:
            url = reverse("duty:log")
        rows.append({"decision": d, "url": url})
    return rows


def page_context(request, consultation, **extra) -> dict:
    user = request.user
    invitees = list(consultation.invitees.select_related("organization", "expert", "acknowledged_by"))
    may_run = user.has_perm("consultation.run_consultation") and consultation.state != State.CLOSED
    organizations = scope_to_user(Organization.objects.all(), user, PICK).order_by("code") \
        if may_run else Organization.objects.none()
    return {"consultation": consultation, "invitees": invitees, "materials": _materials(user, consultation),
            "decisions": _decision_rows(user, consultation), "may_run": may_run,
            "to_acknowledge": [i for i in services.my_invitations(user, consultation) if i.acknowledged_at is None]
            if consultation.state != State.CLOSED else [],
            "organizations": organizations, "decision_kinds": DecisionKind.choices,
            "default_deadline": timezone.localtime(timezone.now() + timezone.timedelta(hours=2)).strftime(
                "%Y-%m-%dT%H:%M"), "data": {}, "invite_choices": _choices(user) if may_run else None, **extra}


@login_required
@permission_required(VIEW, raise_exception=True)
def detail(request, uuid):
    consultation = _consultation(request.user, uuid)
    return render(request, "consultation/detail.html", page_context(request, consultation))


def _step(request, uuid, run, form=""):
    consultation = _consultation(request.user, uuid)
    try:
        run(consultation)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except FAILURES as exc:
        refuse(request, exc, form=form)
        return render(request, "consultation/detail.html",
                      page_context(request, consultation, error=_message(exc), data=request.POST), status=400)
    return redirect(reverse("consultation:detail", kwargs={"uuid": consultation.uuid}) + request.POST.get(
        "anchor", "") if request.POST.get("anchor", "").startswith("#") else reverse(
        "consultation:detail", kwargs={"uuid": consultation.uuid}))


@login_required
@require_POST
@permission_required(VIEW, raise_exception=True)
def acknowledge(request, uuid):
    return _step(request, uuid, lambda c: services.acknowledge(actor=request.user, consultation=c),
                 "acknowledge-form")


@login_required
@require_POST
@permission_required(VIEW, raise_exception=True)
def acknowledge_for(request, uuid, invitee):
    def run(consultation):
        found = consultation.invitees.filter(pk=int(invitee)).first() if invitee.isdigit() else None
        if found is None:
            raise DomainError("unknown_invitee", _("参加单位不存在"), field="invitee")
        services.acknowledge_for(actor=request.user, consultation=consultation, invitee=found,
                                 note=request.POST.get("note", ""))

    return _step(request, uuid, run, f"ack-for-{invitee}")


@login_required
@require_POST
@permission_required(VIEW, raise_exception=True)
def invite(request, uuid):
    return _step(request, uuid, lambda c: services.invite(
        actor=request.user, consultation=c, departments=request.POST.getlist("departments"),
        townships=request.POST.getlist("townships"), experts=request.POST.getlist("experts")), "invite-form")


@login_required
@permission_required(VIEW, raise_exception=True)
def invite_field(request, uuid):
    """邀请整个专业领域的专家: GET ?field= shows who would be invited (and who already is, who is 不可调用), with a
    confirmation; POST invites them all at once (idempotent) and tells them as any invitation does."""
    consultation = _consultation(request.user, uuid)
    field = (request.POST if request.method == "POST" else request.GET).get("field", "")
    try:
        if request.method == "POST":
            rows = services.invite_field(actor=request.user, consultation=consultation, field=field)
            if rows:
                messages.success(request, _("已邀请并通知 %(n)d 位专家：%(names)s") % {
                    "n": len(rows), "names": "、".join(r.expert.name for r in rows[:20])})
            else:
                messages.info(request, _("该专业领域的专家均已邀请，未重复邀请"))
            return redirect(reverse("consultation:detail", kwargs={"uuid": consultation.uuid}) + "#invitees")
        preview = services.field_experts(actor=request.user, consultation=consultation, field=field)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except FAILURES as exc:
        refuse(request, exc, form="invite-field-confirm")
        return render(request, "consultation/invite_field.html", {
            "consultation": consultation, "error": _message(exc), "preview": None,
            "fields": _choices(request.user)["fields"], "field": field}, status=400)
    return render(request, "consultation/invite_field.html", {
        "consultation": consultation, "preview": preview, "field": field, "error": "",
        "fields": _choices(request.user)["fields"]})


@login_required
@require_POST
@permission_required(VIEW, raise_exception=True)
def attendance(request, uuid):
    def run(consultation):
        present = {}
        for raw in request.POST.getlist("present"):
            if raw.isdigit():
                present[int(raw)] = request.POST.get(f"attendee-{raw}", "")
        services.record_attendance(actor=request.user, consultation=consultation, present=present)

    return _step(request, uuid, run, "attendance-form")


@login_required
@require_POST
@permission_required(VIEW, raise_exception=True)
def minutes(request, uuid):
    def run(consultation):
        version = request.POST.get("version", "")
        services.save_minutes(actor=request.user, consultation=consultation, minutes=request.POST.get("minutes"),
                              expected_version=int(version) if version.isdigit() else None)

    return _step(request, uuid, run, "minutes-form")


@login_required
@require_POST
@permission_required(VIEW, raise_exception=True)
def decide(request, uuid):
    def run(consultation):
        code = request.POST.get("organization", "")
        organization = scope_to_user(Organization.objects.filter(code=code), request.user, PICK).first() \
            if code else None
        if code and organization is None:
            raise DomainError("unknown_organization", _("责任单位不存在或不可选"), field="organization")
        services.decide(actor=request.user, consultation=consultation, kind=request.POST.get("kind", ""),
                        text=request.POST.get("text"), organization=organization,
                        deadline=request.POST.get("deadline"), owner=request.POST.get("owner", ""))

    return _step(request, uuid, run, "decision-form")


@login_required
@require_POST
@permission_required(VIEW, raise_exception=True)
def close(request, uuid):
    return _step(request, uuid, lambda c: services.close(actor=request.user, consultation=c), "close-form")


@login_required
@permission_required(VIEW, raise_exception=True)
def summary(request, uuid):
    consultation = _consultation(request.user, uuid)
    return file_response(documents.summary(consultation), DOCX_TYPE, f"会商纪要-{consultation.code}.docx")


def incident_panel(user, incident) -> dict | None:
    if not user.has_perm(VIEW):
        return None
    rows = list(scope_to_user(Consultation.objects.filter(incident=incident), user).order_by("-scheduled_at")[:10])
    if not rows and not user.has_perm("consultation.convene_consultation"):
        return None
    return {"consultations": rows}
