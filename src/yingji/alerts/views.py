"""Pages of warning publication (login required): list, compose, detail with the workflow, delivery."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError
from yingji.core.models import Committee, Region, RegionLevel
from yingji.core.refusals import refuse
from yingji.core.scoping import PICK, scope_to_user
from yingji.core.timefmt import INPUT, local_text
from yingji.standards.warnings import WarningLevel

from . import delivery, forms, presenters, services, targeting
from .area import area_geojson
from .models import Warning, WarningStatus
from .types import all_types, level_choice, shown

VIEW = "alerts.view_warning"


def _warnings(user):
    """The warnings a user may see (core.scoping): their region's own, and every published one."""
    return scope_to_user(Warning.objects.all(), user)


def _warning(request, uuid):
    return get_object_or_404(_warnings(request.user).select_related("cap", "references"), uuid=uuid)


@login_required
@permission_required(VIEW, raise_exception=True)
def warning_list(request):
    queryset = _warnings(request.user).select_related("cap").order_by("-created")
    open_states = [WarningStatus.DRAFT, WarningStatus.PENDING_REVIEW, WarningStatus.PENDING_SIGN, WarningStatus.SIGNED]
    return render(request, "alerts/list.html", {
        "in_force": [presenters.summary(w) for w in services.in_force().filter(pk__in=queryset.values("pk"))
                     .select_related("cap")],
        "open": [presenters.summary(w) for w in queryset.filter(status__in=open_states)],
        "history": [presenters.summary(w) for w in queryset.exclude(status__in=open_states)[:50]],
        "reach": delivery.reach_rate(warnings=_warnings(request.user)),
    })


def _compose_context(user, data, error=None, warning=None, reference=None):
    regions = scope_to_user(Region.objects.all(), user, PICK)
    return {
        "data": data, "error": error, "warning": warning, "reference": reference,
        "types": [{"code": t.code, "label": shown(t.label), "levels": [lv.colour for lv in t.levels]}
                  for t in all_types().values()],
        "levels": [{"colour": lv.colour, "label": level_choice(lv)} for lv in WarningLevel],
        "townships": regions.filter(level=RegionLevel.TOWNSHIP).order_by("code"),
        "villages": regions.filter(level=RegionLevel.VILLAGE).select_related("parent").order_by("code"),
        "committees": scope_to_user(Committee.objects.all(), user, PICK).order_by("code"),
        "area_choices": forms.AREA_CHOICES,
    }


def _defaults():
    now = timezone.now()
    return {"type_code": "met.rainstorm", "level": "yellow", "area_kind": "regions", "area_regions": [],
            "committees": [], "effective": local_text(now, INPUT),
            "expires": local_text(now + timezone.timedelta(hours=12), INPUT)}


def _compose(request, save, initial, warning=None, reference=None):
    if request.method == "POST":
        data = forms.from_post(request.POST)
        try:
            saved = save(data)
        except DomainError as exc:
            context = _compose_context(request.user, data, exc, warning, reference)
            return render(request, "alerts/compose.html", context, status=400)
        messages.success(request, _("已保存预警草稿，请核对发送范围后提交审核"))
        return redirect("alerts:detail", uuid=saved.uuid)
    return render(request, "alerts/compose.html", _compose_context(request.user, initial, None, warning, reference))


@login_required
@permission_required("alerts.add_warning", raise_exception=True)
def compose(request):
    return _compose(request, lambda data: services.create_draft(actor=request.user, data=data), _defaults())


@login_required
@permission_required("alerts.change_warning", raise_exception=True)
def edit(request, uuid):
    warning = _warning(request, uuid)
    return _compose(request, lambda data: services.edit_draft(actor=request.user, warning=warning, data=data),
                    forms.from_warning(warning), warning=warning)


@login_required
@permission_required("alerts.add_warning", raise_exception=True)
def update(request, uuid):
    current = _warning(request, uuid)
    return _compose(request, lambda data: services.start_update(actor=request.user, reference=str(uuid), data=data),
                    forms.from_warning(current), reference=current)


@login_required
@permission_required(VIEW, raise_exception=True)
def detail(request, uuid):
    warning = _warning(request, uuid)
    preview = targeting.reach_preview(warning, request.user)
    header, rows = presenters.preview_rows(preview)
    thread = scope_to_user(services.thread_of(warning), request.user).select_related("cap")
    return render(request, "alerts/detail.html", {
        "warning": warning, "w": presenters.summary(warning), "actions": presenters.actions(warning, request.user),
        "waiting": presenters.waiting(warning),
        "preview": preview, "preview_header": header, "preview_rows": rows,
        "thread": [(presenters.summary(t), list(t.events.select_related("actor"))) for t in thread],
        "area": area_geojson(warning),
        "can_cancel": warning.in_force and request.user.has_perm("alerts.cancel_warning"),
        "can_update": warning.in_force and request.user.has_perm("alerts.add_warning"),
        "delivered": warning.status != WarningStatus.DRAFT and hasattr(warning, "cap"),
    })


@login_required
@require_POST
def transition(request, uuid, event):
    warning = _warning(request, uuid)
    try:
        warning = services.fire(warning, event, actor=request.user, data={"reason": request.POST.get("reason", "")})
        messages.success(request, _("已完成：%(s)s") % {"s": warning.get_status_display()})
    except DomainError as exc:
        messages.error(request, refuse(request, exc, keep=True, form=f"alert-step-{event}").message)
    return redirect("alerts:detail", uuid=warning.uuid)


@login_required
@require_POST
def cancel(request, uuid):
    try:
        notice = services.cancel(actor=request.user, reference=str(uuid), reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, refuse(request, exc, keep=True, form="cancel-form").message)
        return redirect("alerts:detail", uuid=uuid)
    messages.success(request, _("已发布解除消息"))
    return redirect("alerts:detail", uuid=notice.uuid)


@login_required
@permission_required(VIEW, raise_exception=True)
def progress(request, uuid):
    warning = _warning(request, uuid)
    result = delivery.progress(warning, request.user)
    report = delivery.coverage(warning, request.user)
    names = presenters.channel_names()
    result["coverage"] = [{"township": t, "channel": c, "reached": v[0], "targeted": v[1]}
                          for t, cells in report["rows"].items() for c, v in cells.items()]
    result["failures"] = [{"channel": f["channel__name"], "reason": f["last_error"], "count": f["n"]}
                          for f in report["failures"]]
    result["time_to_95"] = _duration(report["time_to_95"])
    result["channels"] = names
    return JsonResponse(result)


def _duration(value) -> str:
    if value is None:
        return ""
    seconds = int(value.total_seconds())
    return _("%(m)d 分 %(s)d 秒") % {"m": seconds // 60, "s": seconds % 60}
