"""The relief page of an incident: the 8-hour clock per township (clock.py) and links to the registers."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from yingji.core.registry import registry_for
from yingji.core.scoping import scope_to_user
from yingji.incidents.models import Incident

from .clock import relief_clock
from .models import AffectedPerson, Distribution


def incident_for(user, uuid):
    return get_object_or_404(scope_to_user(Incident.objects.all(), user), uuid=uuid)


@login_required
@permission_required("census.view_affectedperson", raise_exception=True)
def relief_page(request, uuid):
    incident = incident_for(request.user, uuid)
    clock = relief_clock(incident, request.user)
    return render(request, "census/relief.html", {
        "incident": incident, "total": clock["total"], "townships": clock["townships"],
        "people_url": registry_for(AffectedPerson).list_url + f"?incident={incident.code}",
        "distributions_url": registry_for(Distribution).list_url + f"?incident={incident.code}",
        "incident_url": reverse("incidents:detail", kwargs={"uuid": incident.uuid})})
