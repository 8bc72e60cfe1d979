"""Pages: the resources dashboard (资源指标看板) and "near here" (就近查找)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from yingji.core.errors import DomainError
from yingji.core.registry import registry_for
from yingji.core.scoping import PICK, scope_to_user

from . import indicators, nearby
from .choices import SPECIALITIES, EquipmentKind, ExpertField, Readiness
from .models import Depot, Equipment, Material, RescueTeam, Shelter


@login_required
@permission_required("resources.view_rescueteam", raise_exception=True)
def dashboard(request):
    figures = indicators.compute(request.user)
    links = {name: registry_for(model).list_url for name, model in
             (("teams", RescueTeam), ("shelters", Shelter), ("depots", Depot), ("equipment", Equipment))}
    return render(request, "resources/dashboard.html", {"figures": figures, "links": links})


@login_required
@permission_required("resources.view_rescueteam", raise_exception=True)
def nearby_page(request):
    params = request.GET
    result, error = None, None
    if params.get("lon") or params.get("lat"):
        try:
            result = nearby.find(request.user, params)
        except DomainError as exc:
            error = exc
    return render(request, "resources/nearby.html", {
        "params": params, "result": result, "error": error, "kinds": nearby.KINDS,
        "materials": scope_to_user(Material.objects.all(), request.user, PICK).order_by("code"),
        "fields": ExpertField.choices,
        "readiness": Readiness.choices, "specialities": SPECIALITIES,
        "equipment_kinds": EquipmentKind.choices}, status=400 if error else 200)
