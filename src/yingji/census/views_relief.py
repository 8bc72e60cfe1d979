"""The relief page of an incident: the 8-hour clock per township (clock.py), the shelters' relief stock (调入,
发放, 结存 per material, relief_stock.balances), the form 调拨到安置场所 (relief_stock.allocate: depot → shelter
through the stock ledger) and links to the registers."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError
from yingji.core.registry import registry_for
from yingji.core.scoped_fields import scope_choices
from yingji.core.scoping import scope_to_user
from yingji.incidents.models import Incident
from yingji.resources.models import Depot, Material, Shelter

from . import relief_stock
from .clock import relief_clock
from .models import AffectedPerson, Allocation, Distribution


class AllocationForm(forms.Form):
    shelter = forms.ModelChoiceField(label=gettext_lazy("调入安置场所"), queryset=Shelter.objects.defer("geometry"))
    depot = forms.ModelChoiceField(label=gettext_lazy("调出仓库"), queryset=Depot.objects.defer("geometry"))
    material = forms.ModelChoiceField(label=gettext_lazy("物资品目"), queryset=Material.objects.all())
    quantity = forms.DecimalField(label=gettext_lazy("数量"), max_digits=12, decimal_places=2,
                                  min_value=Decimal("0.01"))
    note = forms.CharField(label=gettext_lazy("备注"), max_length=200, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope_choices(self, user)
        store_depots = relief_stock.ShelterStore.objects.values("depot_id")
        self.fields["depot"].queryset = self.fields["depot"].queryset.exclude(pk__in=store_depots)


def incident_for(user, uuid):
    return get_object_or_404(scope_to_user(Incident.objects.all(), user), uuid=uuid)


@login_required
@permission_required("census.view_affectedperson", raise_exception=True)
def relief_page(request, uuid):
    incident = incident_for(request.user, uuid)
    form = None
    if request.user.has_perm(relief_stock.PERMISSION):
        form = AllocationForm(request.user, request.POST or None)
    if request.method == "POST" and form is not None:
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = relief_stock.allocate(actor=request.user, incident=incident, shelter=data["shelter"],
                                               depot=data["depot"], material=data["material"],
                                               quantity=data["quantity"], note=data["note"])
            except DomainError as exc:
                for name, texts in (exc.fields or {None: [exc.message]}).items():
                    for text in texts:
                        form.add_error(name if name in form.fields else None, text)
            else:
                messages.success(request, _("已调拨：%(c)s %(m)s %(q)s%(u)s → %(s)s") % {
                    "c": record.code, "m": record.material.name, "q": f"{record.quantity.normalize():f}",
                    "u": record.material.unit, "s": record.shelter.name})
                return redirect(reverse("census:relief", kwargs={"uuid": incident.uuid}) + "#relief-stock")
    elif request.method == "POST":
        return render(request, "census/relief.html", _context(request, incident, None), status=403)
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "census/relief.html", _context(request, incident, form), status=status)


def _context(request, incident, form) -> dict:
    clock = relief_clock(incident, request.user)
    allocations = scope_to_user(Allocation.objects.filter(incident=incident), request.user).select_related(
        "shelter", "depot", "material").defer("shelter__geometry", "depot__geometry")
    return {
        "incident": incident, "total": clock["total"], "townships": clock["townships"], "form": form,
        "stock": relief_stock.balances(request.user), "allocations": list(allocations[:100]),
        "people_url": registry_for(AffectedPerson).list_url + f"?incident={incident.code}",
        "distributions_url": registry_for(Distribution).list_url + f"?incident={incident.code}",
        "incident_url": reverse("incidents:detail", kwargs={"uuid": incident.uuid})}
