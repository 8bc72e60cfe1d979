"""Pages of the drills app: the console's steps (posted from the panel on a drill's page), the clock fragment, the
replay (复盘) of a drill's timeline on its clock, and the evaluation report (DOCX). A drill outside the user's reach
is a 404; a refused step is a 400 with its message on the console."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Organization
from yingji.core.refusals import refuse
from yingji.core.scoping import PICK, scope_to_user

from . import clock, documents, services
from .models import Drill
from .panels import clock_state, console

VIEW = "drills.view_drill"
FAILURES = (DomainError, ValidationError)


def _drill(user, uuid) -> Drill:
    drill = services.visible(user).filter(uuid=uuid).select_related("incident", "plan", "region").first()
    if drill is None:
        raise Http404(_("演练不存在或不在您的管辖范围内"))
    return drill


def _message(exc) -> str:
    return exc.message if isinstance(exc, DomainError) else "；".join(exc.messages)


def _back(drill):
    return redirect("registry:drills-drills-detail", uuid=drill.uuid)


# The console's form each step is posted from (for a post that does not name it).
FORMS = {"control": "drill-controls", "inject": "inject-form", "script-from": "script-from-form",
         "participant": "participant-form", "evaluate": "evaluation-form"}


def _form_of(request) -> str:
    if request.POST.get("action") == "advance":
        return "drill-advance-form"  # 快进 has a form of its own on the console
    return FORMS.get(getattr(request.resolver_match, "url_name", ""), "")


def _refused(request, drill, exc):
    refuse(request, exc, form=_form_of(request))
    context = {"record": drill, **console(request.user, drill, error=_message(exc))}
    return render(request, "drills/console_page.html", context, status=400)


def _step(request, uuid, action):
    drill = _drill(request.user, uuid)
    try:
        action(drill)
    except PermissionDeniedError:
        raise
    except FAILURES as exc:
        return _refused(request, drill, exc)
    return _back(drill)


@login_required
@require_POST
@permission_required(services.CONTROL, raise_exception=True)
def control(request, uuid):
    user, post = request.user, request.POST
    steps = {
        "start": lambda d: services.start(d, actor=user),
        "pause": lambda d: services.pause(d, actor=user),
        "resume": lambda d: services.resume(d, actor=user),
        "speed": lambda d: services.set_speed(d, actor=user, speed=post.get("speed")),
        "advance": lambda d: services.advance(d, actor=user, minutes=post.get("minutes")),
        "end": lambda d: services.end(d, actor=user),
    }

    def act(drill):
        step = steps.get(post.get("action", ""))
        if step is None:
            raise DomainError("invalid_action", _("未知的导调操作"), field="action")
        step(drill)

    return _step(request, uuid, act)


@login_required
@require_POST
@permission_required(services.CONTROL, raise_exception=True)
def inject(request, uuid):
    post = request.POST
    return _step(request, uuid, lambda d: services.add_inject(
        d, actor=request.user, minute=post.get("minute"), kind=post.get("kind", "report"),
        title=post.get("title", ""), content=post.get("content", ""), expected=post.get("expected", "")))


@login_required
@require_POST
@permission_required(services.CONTROL, raise_exception=True)
def script_from(request, uuid):
    return _step(request, uuid, lambda d: services.script_from_incident(d, actor=request.user,
                                                                          code=request.POST.get("code", "")))


@login_required
@require_POST
@permission_required(services.CONTROL, raise_exception=True)
def participant(request, uuid):
    post = request.POST

    def add(drill):
        organization = None
        if post.get("organization"):
            organization = scope_to_user(Organization.objects.all(), request.user, PICK).filter(
                code=post["organization"]).first()
            if organization is None:
                raise DomainError("not_found", _("参演单位不存在或不可选"), field="organization")
        services.add_participant(drill, actor=request.user, role=post.get("role", "player"),
                                 organization=organization, headcount=post.get("headcount") or 0)

    return _step(request, uuid, add)


@login_required
@require_POST
@permission_required(services.EVALUATE, raise_exception=True)
def evaluate(request, uuid):
    post = request.POST
    scores = {k.removeprefix("score_"): v for k, v in post.items() if k.startswith("score_")}
    notes = {k.removeprefix("note_"): v for k, v in post.items() if k.startswith("note_") and v.strip()}
    return _step(request, uuid, lambda d: services.evaluate(
        d, actor=request.user, scores=scores, notes=notes, findings=post.get("findings", ""),
        improvements=post.get("improvements", "")))


@login_required
@permission_required(VIEW, raise_exception=True)
def clock_fragment(request, uuid):
    drill = services.catch_up(_drill(request.user, uuid))
    return render(request, "drills/_clock.html", {"drill": drill, "clock": clock_state(drill)})


def _minute(value) -> int | None:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return None


@login_required
@permission_required(VIEW, raise_exception=True)
def replay(request, uuid):
    """The drill's timeline on its own clock (复盘): every entry of the exercise incident with its drill time;
    `?until=<minute>` plays it back to that drill minute."""
    drill = services.catch_up(_drill(request.user, uuid))
    if drill.incident is None:
        raise Http404(_("演练尚未开始，没有可复盘的时间轴"))
    now = drill.ended_at or timezone.now()
    total = int(clock.drill_seconds(drill.clock_log, now) // 60)
    until = _minute(request.GET.get("until"))
    until = total if until is None else min(until, total)
    visible_injects = services.can_see_script(request.user, drill)
    rows = []
    for entry in drill.incident.timeline.order_by("at", "id"):
        seconds = clock.drill_seconds(drill.clock_log, entry.at)
        if seconds > (until + 1) * 60 - 1e-6:
            continue
        rows.append({"entry": entry, "drill_time": clock.text(seconds), "minute": int(seconds // 60)})
    changes = [{"event": item["event"], "drill_time": clock.text(item["drill_s"]), "speed": item["speed"],
                "at": item["at"]} for item in drill.clock_log]
    steps = sorted({0, *range(0, total + 1, max(5, total // 12 or 5)), total})
    return render(request, "drills/replay.html", {
        "drill": drill, "rows": rows, "until": until, "total": total, "steps": steps, "changes": changes,
        "script": list(drill.injects.all()) if visible_injects else [],
    })


@login_required
@permission_required(VIEW, raise_exception=True)
def report(request, uuid):
    from yingji.incidents.api import file_response

    drill = _drill(request.user, uuid)
    evaluation = getattr(drill, "evaluation", None)
    if evaluation is None:
        raise Http404(_("演练尚未评估"))
    return file_response(documents.evaluation_report(drill, evaluation), documents.DOCX_TYPE,
                         f"{drill.code}-演练评估报告.docx")
