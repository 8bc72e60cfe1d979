"""Pages for CAP from higher authorities and for the 防御指南 templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yingji.core.errors import DomainError

from . import incoming as inbox
from . import services
from .compose import guidance as guidance_text
from .models import GuidanceTemplate, IncomingCap
from .standards_bridge import level_of
from .types import all_types


@login_required
@permission_required("alerts.view_incomingcap", raise_exception=True)
def incoming(request):
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        xml = upload.read() if upload else request.POST.get("xml", "")
        try:
            record = inbox.receive(actor=request.user, xml=xml)
            messages.success(request, _("已接收并通过校验：%(h)s") % {"h": record.headline or record.identifier})
            return redirect("alerts:incoming")
        except DomainError as exc:
            error = exc
    return render(request, "alerts/incoming.html", {"records": IncomingCap.objects.all()[:100], "error": error},
                  status=400 if error else 200)


@login_required
@require_POST
def reissue(request, uuid):
    record = get_object_or_404(IncomingCap, uuid=uuid)
    data = {**inbox.draft_values(record), "area_kind": "district"}
    try:
        warning = services.create_draft(actor=request.user, data=data)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("alerts:incoming")
    record.reissued_as = warning
    record.save()
    messages.success(request, _("已生成本地预警草稿，请核对区域和内容"))
    return redirect("alerts:edit", uuid=warning.uuid)


@login_required
@permission_required("alerts.view_guidancetemplate", raise_exception=True)
def guidance(request):
    if request.method == "POST":
        try:
            services.save_guidance(actor=request.user, type_code=request.POST.get("type_code", ""),
                                   level=level_of(request.POST.get("level") or "blue"),
                                   text=request.POST.get("text", ""))
            messages.success(request, _("防御指南已保存"))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("alerts:guidance")
    labels = {t.code: t.label for t in all_types().values()}
    rows = [(labels.get(t.type_code, t.type_code), t) for t in GuidanceTemplate.objects.all()]
    return render(request, "alerts/guidance.html", {"rows": rows})


@login_required
def guidance_json(request):
    try:
        text = guidance_text(request.GET.get("type_code", ""), level_of(request.GET.get("level") or "blue"))
    except Exception:  # an unknown level is simply no template
        text = ""
    return JsonResponse({"text": text})
