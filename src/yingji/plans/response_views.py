"""The response page of an incident (应急响应与调度) and its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.validators import bounded_decimal
from yingji.incidents.views import visible
from yingji.resources.models import Depot, Material, RescueTeam

from . import activation, dispatch, recommend, tasks
from .choices import ENDED
from .models import MaterialOrder, PlanVersion, Response, Task, TeamOrder
from .pageutil import Refused, action, refused_as
from .suggest import suggest
from .views import my_tasks_context
from .workflows import FLOWS, fire

VIEW = "plans.view_response"


def _observations(params) -> dict:
    result = {}
    for name in ("rainfall_mm", "water_level_m"):
        raw = str(params.get(name) or "").strip()
        if raw:
            try:
                result[name] = float(raw)
            except ValueError:
                raise DomainError("invalid_number", _("请输入数字"), field=name) from None
    return result


def response_context(request, incident, refused=None) -> dict:
    try:
        observations, error = _observations(request.GET), ""
    except DomainError as exc:
        observations, error = {}, exc
    responses = list(Response.objects.filter(incident=incident).select_related("plan", "version"))
    user = request.user
    return {
        "incident": incident, "observations": observations, "observation_error": error, "refused": refused,
        "typed": request.GET,
        "suggestions": suggest(incident, observations, user) if incident.is_active else [],
        "responses": responses, "active": [r for r in responses if r.level != ENDED],
        "tasks": Task.objects.filter(incident=incident).select_related("organization").order_by("deadline"),
        "team_orders": TeamOrder.objects.filter(incident=incident).select_related("team"),
        "material_orders": MaterialOrder.objects.filter(incident=incident).prefetch_related(
            "lines__depot", "lines__material"),
        "advice": recommend.recommend(incident) if any(r.level != ENDED for r in responses) else None,
        "timeliness": tasks.timeliness(incident),
        "flows": {name: flow for name, flow in FLOWS.items()},
        "can_activate": user.has_perm("plans.activate_response"),
        "can_dispatch": user.has_perm("plans.change_teamorder"),
        "can_manage": user.has_perm("plans.manage_task"),
    }


@login_required
@permission_required(VIEW, raise_exception=True)
def response_page(request, uuid):
    incident = get_object_or_404(visible(request.user), uuid=uuid)
    return render(request, "plans/response.html", response_context(request, incident))


def _incident(request, uuid):
    return get_object_or_404(visible(request.user), uuid=uuid)


def _again(request, refused: Refused):
    """The page the form was on, again (400): the error beside the refused form, what was typed kept. 我的任务
    posts with next= its own address; every other form is on the response page. The message is also in the
    page's summary: the form may be gone from the page by now (a team another officer has just sent)."""
    messages.error(request, refused.error.message)
    context = {"form": refused.form, "error": refused.error, "data": request.POST,
               "lines": request.POST.getlist("line")}
    if request.POST.get("next") == reverse("plans:my-tasks"):
        return render(request, "plans/my_tasks.html", my_tasks_context(request.user, context), status=400)
    incident = refused.page["incident"]
    return render(request, "plans/response.html", response_context(request, incident, context), status=400)


page_action = action(again=_again)


@page_action
def activate(request, uuid):
    incident = _incident(request, uuid)
    version = get_object_or_404(PlanVersion, uuid=request.POST.get("version"))
    with refused_as(f"activate-{version.uuid}-{request.POST.get('level', '')}", incident=incident):
        response = activation.activate(actor=request.user, incident=incident, version=version,
                                       level=request.POST.get("level", ""), reason=request.POST.get("reason", ""))
    return _("已启动%(p)s %(l)s，下达任务 %(n)d 项") % {"p": response.plan.name, "l": response.level_label,
                                                  "n": response.tasks.count()}


MODELS = {"response": Response, "task": Task, "teamorder": TeamOrder, "materialorder": MaterialOrder}


def _quantities(request, key) -> dict:
    prefix = f"{key}-"
    return {name[len(prefix):]: value for name, value in request.POST.items() if name.startswith(prefix) and value}


@page_action
def transition(request, kind, uuid):
    if kind not in MODELS:
        raise DomainError("unknown_kind", _("未知的对象"))
    record = get_object_or_404(MODELS[kind], uuid=uuid)
    event = request.POST.get("event", "")
    data = {"reason": request.POST.get("reason", ""), "note": request.POST.get("note", "")}
    for key in ("issue", "received", "returned"):
        data[key] = _quantities(request, key)
    with refused_as(f"{kind}-{record.uuid}-{event}", incident=record.incident):
        record = fire(FLOWS[kind], record, event, actor=request.user, data=data)
    return _("已办理：%(r)s") % {"r": record}


@page_action
def task_update(request, uuid):
    task = get_object_or_404(Task, uuid=uuid)
    with refused_as(f"update-{task.uuid}", incident=task.incident):
        tasks.post_update(task, actor=request.user, body=request.POST.get("body", ""),
                          attachment=request.FILES.get("attachment"))
    return _("已提交任务进展")


@page_action
def dispatch_team(request, uuid):
    incident = _incident(request, uuid)
    team = get_object_or_404(RescueTeam, uuid=request.POST.get("team"))
    with refused_as(f"team-{team.uuid}", incident=incident):
        order = dispatch.dispatch_team(actor=request.user, incident=incident, team=team, response=_active(incident))
    return _("已向%(t)s下达调令 %(c)s") % {"t": team.name, "c": order.code}


def _active(incident):
    return Response.objects.filter(incident=incident).exclude(level=ENDED).first()


@page_action
def order_materials(request, uuid):
    incident = _incident(request, uuid)
    lines = []
    with refused_as("materials", incident=incident):
        for raw in request.POST.getlist("line"):
            depot_code, material_code, quantity = [*raw.split("|"), "", "", ""][:3]
            amount = bounded_decimal(quantity, field="line")
            lines.append((get_object_or_404(Depot, code=depot_code), get_object_or_404(Material, code=material_code),
                          amount))
        order = dispatch.order_materials(actor=request.user, incident=incident, lines=lines,
                                         response=_active(incident))
    return _("已下达物资调拨单 %(c)s，库存已预占") % {"c": order.code}
