"""Stock pages: stock and alerts, a movement with a confirmation step, the ledger, one depot's stock."""

import uuid as uuid_module

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError
from yingji.core.scoping import PICK, scope_to_user

from . import movements, stock
from .choices import MovementKind
from .models import Depot, Material, StockMovement


def _choices(user):
    """The depots and materials the forms offer: those the user may pick (core.scoping)."""
    depots = scope_to_user(Depot.objects.all(), user, PICK).order_by("code")
    return {"depots": depots, "all_depots": depots,
            "materials": scope_to_user(Material.objects.all(), user, PICK).order_by("code")}


@login_required
@permission_required("resources.view_stockbatch", raise_exception=True)
def stock_page(request):
    batches = stock.batches_for(request.user).filter(quantity__gt=0).order_by("depot__code", "material__code",
                                                                                "expiry_date")
    depot, material = request.GET.get("depot", ""), request.GET.get("material", "")
    if depot:
        batches = batches.filter(depot__code=depot)
    if material:
        batches = batches.filter(material__code=material)
    page = Paginator(batches, 100).get_page(request.GET.get("page"))
    return render(request, "resources/stock.html", {
        "page": page, "depot": depot, "material": material, "low": stock.low_stock(request.user),
        "expiring": stock.expiring(request.user)[:200], "expiring_days": stock.EXPIRING_DAYS, **_choices(request.user)})


@login_required
@permission_required("resources.add_stockmovement", raise_exception=True)
def move_page(request):
    """GET: the form. POST: check and show what will happen; POST with confirm=1: do it."""
    data = request.POST if request.method == "POST" else request.GET
    context = {"data": data, "kinds": movements.KINDS, **_choices(request.user)}
    if request.method != "POST":
        return render(request, "resources/move.html", context)
    try:
        args = movements.check(data, request.user)
        if data.get("confirm") != "1":
            return render(request, "resources/move.html", {**context, "summary": movements.describe(args)})
        result = movements.run(request.user, args)
    except DomainError as exc:
        return render(request, "resources/move.html", {**context, "error": exc}, status=400)
    messages.success(request, _("已办理：%(s)s（单号 %(g)s）") % {"s": movements.describe(args), "g": result.group})
    return redirect(f"{reverse('resources:ledger')}?group={result.group}")


@login_required
@permission_required("resources.view_stockmovement", raise_exception=True)
def ledger_page(request):
    rows = scope_to_user(StockMovement.objects.select_related("depot", "material", "batch", "counterpart", "actor"),
                         request.user)
    filters = {key: request.GET.get(key, "") for key in ("depot", "material", "kind", "group")}
    lookups = {"depot": "depot__code", "material": "material__code", "kind": "kind", "group": "group"}
    if filters["group"] and not _is_uuid(filters["group"]):
        rows = rows.none()  # a malformed number finds nothing
    for key, value in filters.items():
        if value and (key != "group" or _is_uuid(value)):
            rows = rows.filter(**{lookups[key]: value})
    page = Paginator(rows.order_by("-at", "-id"), 100).get_page(request.GET.get("page"))
    return render(request, "resources/ledger.html", {"page": page, "filters": filters,
                                                     "kinds": MovementKind.choices, **_choices(request.user)})


@login_required
@permission_required("resources.view_stockbatch", raise_exception=True)
def depot_stock(request, uuid):
    depot = get_object_or_404(scope_to_user(Depot.objects.all(), request.user), uuid=uuid)
    batches = stock.batches_for(request.user).filter(depot=depot, quantity__gt=0).order_by("material__code",
                                                                                           "expiry_date")
    low = stock.low_stock(request.user).filter(depot=depot)
    return render(request, "resources/depot_stock.html", {"depot": depot, "batches": batches, "low": low})


def _is_uuid(value: str) -> bool:
    try:
        uuid_module.UUID(value)
    except ValueError:
        return False
    return True
