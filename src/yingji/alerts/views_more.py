"""Pages for the 防御指南 templates (received CAP: views_incoming.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.refusals import refuse

from . import services
from .compose import guidance as guidance_text
from .models import GuidanceTemplate
from .standards_bridge import level_of
from .types import all_types


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
            messages.error(request, refuse(request, exc, keep=True).message)
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
