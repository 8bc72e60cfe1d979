"""Pages of the enterprise self-check (企业自查): start a session, then fill one row per item (合格/不合格/不适用 and a
note), save, and submit with a confirmation (it files the 不合格 items as hazards)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.scoping import PICK, scope_to_user

from . import selfchecks as services
from .api import session_state
from .models import CheckList, Enterprise, SelfCheck
from .models.selfchecks import ResultChoice, SessionState, check_sector


def _problem(exc) -> str:
    return exc.message if isinstance(exc, DomainError) else "；".join(exc.messages)


def _choices(user):
    """The enterprises the user may start a self-check for, with the lists that fit each."""
    lists = list(scope_to_user(CheckList.objects.filter(status="active"), user, PICK).order_by("code"))
    enterprises = scope_to_user(Enterprise.objects.exclude(status="closed"), user, PICK).order_by("code")
    sectors = {checklist.sector for checklist in lists}
    return [e for e in enterprises if check_sector(e) in sectors], lists


def _by_pk(queryset, value):
    return queryset.filter(pk=value).first() if str(value or "").isdigit() else None


@login_required
@permission_required("prevention.add_selfcheck", raise_exception=True)
@require_http_methods(["GET", "POST"])
def start(request):
    enterprises, lists = _choices(request.user)
    error, status = "", 200
    if request.method == "POST":
        data = {"enterprise": next((e for e in enterprises if str(e.pk) == request.POST.get("enterprise")), None),
                "checklist": next((c for c in lists if str(c.pk) == request.POST.get("checklist")), None),
                "checked_on": request.POST.get("checked_on") or timezone.localdate(),
                "inspector": request.POST.get("inspector", "").strip()[:100]}
        try:
            if data["enterprise"] is None or data["checklist"] is None:
                raise DomainError("required", _("请选择单位和自查清单"), field="checklist")
            session = services.start(actor=request.user, data=data)
            return redirect("prevention:selfcheck", uuid=session.uuid)
        except (DomainError, ValidationError) as exc:
            error, status = _problem(exc), 400
            refuse(request, exc)
    sessions = scope_to_user(SelfCheck.objects.select_related("enterprise", "checklist"), request.user)
    return render(request, "prevention/selfcheck_start.html", {
        "enterprises": enterprises, "lists": lists, "error": error, "today": timezone.localdate(),
        "sessions": sessions.order_by("-checked_on", "-id")[:20]}, status=status)


def _posted_results(post, state) -> list[dict]:
    return [{"item": row["item"], "result": post.get(f"result-{row['item']}"),
             "note": post.get(f"note-{row['item']}", "")}
            for row in state["results"] if post.get(f"result-{row['item']}")]


@login_required
@permission_required("prevention.view_selfcheck", raise_exception=True)
@require_http_methods(["GET", "POST"])
def fill(request, uuid):
    session = scope_to_user(SelfCheck.objects.select_related("enterprise", "checklist"), request.user) \
        .filter(uuid=uuid).first()
    if session is None:
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    error, status = "", 200
    if request.method == "POST":
        try:
            return _act(request, session)
        except (DomainError, ValidationError) as exc:
            error, status = _problem(exc), 400
            refuse(request, exc)
    state = session_state(session)
    if request.method == "POST":  # keep what was entered when the step failed
        posted = {row["item"]: row for row in _posted_results(request.POST, state)}
        for row in state["results"]:
            row.update({k: v for k, v in posted.get(row["item"], {}).items() if k in ("result", "note")})
    return render(request, "prevention/selfcheck_fill.html", {
        "session": session, "rows": state["results"], "choices": ResultChoice.choices, "error": error,
        "editable": session.state == SessionState.OPEN and request.user.has_perm("prevention.change_selfcheck"),
        "hazards": [r.hazard for r in session.results.select_related("hazard") if r.hazard_id]}, status=status)


def _act(request, session):
    if not request.user.has_perm("prevention.change_selfcheck"):
        raise DomainError("permission_denied", _("没有填写企业自查的权限"))
    results = _posted_results(request.POST, session_state(session))
    if request.POST.get("action") == "submit":
        with transaction.atomic():  # a refused submit keeps nothing of this post either
            services.record_results(session, actor=request.user, results=results)
            hazards = services.submit(session, actor=request.user)
        messages.success(request, _("自查已提交，生成隐患 %(n)d 条") % {"n": len(hazards)})
    else:
        services.record_results(session, actor=request.user, results=results)
        messages.success(request, _("已保存"))
    return redirect("prevention:selfcheck", uuid=session.uuid)


def session_links(user, session) -> list[tuple[str, str, str]]:
    """The button on a session's registry page that opens its self-check page."""
    if not user.has_perm("prevention.view_selfcheck"):
        return []
    filling = session.state == SessionState.OPEN and user.has_perm("prevention.change_selfcheck")
    return [(_("填写自查") if filling else _("查看自查结果"),
             reverse("prevention:selfcheck", kwargs={"uuid": session.uuid}), "open-selfcheck")]
