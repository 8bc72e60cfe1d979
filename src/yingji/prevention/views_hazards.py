"""The hazard page's actions (POST): a step of the loop through the same service as the API (workflows.fire_hazard),
关联事件, and 转为隐患 from an incident review's rectification item. A refused step shows the hazard's panel again
with the error next to its field and the input kept (status 400); nothing is saved."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse
from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user

from .hazard_panels import VIEW, hazard_context
from .models import Hazard
from .workflows import HAZARD_FLOW, fire_hazard, hazard_from_review_item, link_incident

STEP_FIELDS = ("reason", "deadline", "plan_responsible", "plan_measures", "plan_funds", "plan_deadline",
               "plan_contingency")


def hazard_url(hazard) -> str:
    return reverse(registry_for(Hazard).url_name("detail"), kwargs={"uuid": hazard.uuid})


def _hazard(request, uuid) -> Hazard:
    if not request.user.has_perm(VIEW):
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    return get_object_or_404(scope_to_user(Hazard.objects.all(), request.user), uuid=uuid)


def _refused(request, hazard, error, data, failed):
    context = hazard_context(request.user, hazard, error=error, data=data, failed=failed)
    return render(request, "prevention/hazard_step_page.html",
                  {"record": hazard, "back": hazard_url(hazard), **context}, status=error.status)


@login_required
@require_POST
def hazard_step(request, uuid, event):
    hazard = _hazard(request, uuid)
    if event not in HAZARD_FLOW.events():
        raise Http404(_("未知的操作"))
    data = {name: request.POST[name] for name in STEP_FIELDS if name in request.POST}
    try:
        hazard = fire_hazard(hazard, event, actor=request.user, data=dict(data))
    except DomainError as error:
        return _refused(request, hazard, error, data, event)
    messages.success(request, _("已完成：%(s)s") % {"s": hazard.get_state_display()})
    return redirect(hazard_url(hazard))


@login_required
@require_POST
def hazard_link_incident(request, uuid):
    """关联事件: only an incident in the user's reach (another is a 404, as its page would be)."""
    from yingji.incidents.models import Incident

    hazard = _hazard(request, uuid)
    chosen = request.POST.get("incident", "").strip()
    query = request.POST.get("incident_query", "").strip()[:100]
    try:
        if not chosen and not query:
            raise DomainError("incident_required", _("请选择要关联的事件，或输入事件编号或名称检索"), field="incident")
        if not request.user.has_perm("incidents.view_incident"):
            raise Http404(_("记录不存在或不在您的管辖范围内"))
        incidents = scope_to_user(Incident.objects.all(), request.user)
        incident = get_object_or_404(incidents, uuid=_uuid(chosen)) if chosen else _search(incidents, query)
        link_incident(hazard, incident, actor=request.user)
    except DomainError as error:
        return _refused(request, hazard, error, {"incident": chosen, "incident_query": query}, "link")
    messages.success(request, _("已关联事件：%(n)s") % {"n": incident.name})
    return redirect(hazard_url(hazard))


def _search(incidents, query):
    """The one incident in reach whose code is `query` or whose name contains it; none or several is a 400 on the
    search field (several: the first five named, to type one's code)."""
    exact = list(incidents.filter(code__iexact=query)[:1])
    if exact:
        return exact[0]
    found = list(incidents.filter(name__icontains=query).order_by("-received_at")[:6])
    if not found:
        raise DomainError("incident_not_found", _("在您的管辖范围内未找到编号或名称含“%(q)s”的事件") % {"q": query},
                          field="incident_query")
    if len(found) > 1:
        names = "；".join(f"{i.code} {i.name}" for i in found[:5])
        message = _("有多个事件符合“%(q)s”，请输入编号：%(n)s") % {"q": query, "n": names}
        raise DomainError("incident_ambiguous", message, field="incident_query")
    return found[0]


def _uuid(text):
    try:
        return uuid.UUID(text)
    except ValueError:
        raise Http404(_("记录不存在或不在您的管辖范围内")) from None


@login_required
@require_POST
def review_item_to_hazard(request, item_id):
    """转为隐患 on the incident page: the item's incident must be in the user's reach."""
    from yingji.incidents.models import Incident, RectificationItem

    incidents = scope_to_user(Incident.objects.all(), request.user)
    if not request.user.has_perm("incidents.view_incident"):
        raise Http404(_("记录不存在或不在您的管辖范围内"))
    item = get_object_or_404(RectificationItem.objects.select_related("review__incident"), pk=item_id,
                             review__incident__in=incidents)
    try:
        hazard = hazard_from_review_item(item, actor=request.user)
    except DomainError as error:
        messages.error(request, refuse(request, error, keep=True).message)
        return redirect("incidents:detail", uuid=item.review.incident.uuid)
    messages.success(request, _("已转为隐患：%(c)s") % {"c": hazard.code})
    return redirect(hazard_url(hazard))


urlpatterns = [
    path("hazards/<uuid:uuid>/steps/<slug:event>/", hazard_step, name="hazard-step"),
    path("hazards/<uuid:uuid>/incident/", hazard_link_incident, name="hazard-link-incident"),
    path("review-items/<int:item_id>/hazard/", review_item_to_hazard, name="review-item-hazard"),
]
