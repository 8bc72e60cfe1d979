"""Pages of the prevention app (the registries give the lists, records and forms)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from yingji.core.registry import registry_for

from . import dashboard as figures
from .choices import COLOUR_HEX, Colour, HazardState
from .models import Enterprise, Hazard, RiskPoint


@login_required
@permission_required("prevention.view_hazard", raise_exception=True)
def dashboard(request):
    data = figures.figures(request.user)
    links = {name: registry_for(model).list_url for name, model in
             (("hazards", Hazard), ("risks", RiskPoint), ("enterprises", Enterprise))}
    states = [(s.value, s.label, data["hazards_by_state"][s.value]) for s in HazardState]
    colours = [(c.value, c.label, COLOUR_HEX[c.value], data["risks_by_colour"][c.value]) for c in Colour]
    return render(request, "prevention/dashboard.html", {
        "figures": data, "lists": figures.lists(request.user), "links": links, "states": states,
        "colours": colours, "colour_keys": Colour.values})
