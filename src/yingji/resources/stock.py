"""Reading stock: totals per depot and material, low-stock and expiring alerts, depot summaries."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from yingji.core.scoping import scope_to_user

from .models import StockBatch, StockMinimum

EXPIRING_DAYS = 30  # a batch that expires within this many days is flagged
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))


def batches_for(user):
    return scope_to_user(StockBatch.objects.select_related("depot", "material", "depot__region"), user)


def expiring(user, days: int = EXPIRING_DAYS):
    """Batches with stock that expire within `days` (already expired ones included), soonest first."""
    limit = timezone.localdate() + timedelta(days=days)
    return batches_for(user).filter(quantity__gt=0, expiry_date__lte=limit).order_by("expiry_date", "depot__code")


def low_stock(user):
    """Minimums not met: each with `total` (all batches of that material in that depot) below `minimum`."""
    total = StockBatch.objects.filter(depot=OuterRef("depot"), material=OuterRef("material")).values(
        "depot").annotate(s=Sum("quantity")).values("s")
    minimums = scope_to_user(StockMinimum.objects.select_related("depot", "material", "depot__region"), user)
    return minimums.annotate(total=Coalesce(Subquery(total), ZERO)).filter(total__lt=F("minimum")).annotate(
        shortage=F("minimum") - F("total")).order_by("depot__code", "material__code")


def depot_summary(depot_ids) -> dict[int, list[dict]]:
    """depot id → [{material, unit, quantity, available}] of what each depot holds, largest lines first."""
    rows = StockBatch.objects.filter(depot_id__in=depot_ids, quantity__gt=0).values(
        "depot_id", "material__name", "material__unit", "material__code").annotate(
        total=Sum("quantity"), free=Sum(F("quantity") - F("reserved"))).order_by("depot_id", "material__code")
    result: dict[int, list[dict]] = {}
    for row in rows:
        result.setdefault(row["depot_id"], []).append({
            "material": row["material__name"], "code": row["material__code"], "unit": row["material__unit"],
            "quantity": row["total"], "available": row["free"]})
    return result


def available_by_depot(material, quantity: Decimal, depots=None) -> dict[int, Decimal]:
    """depot id → unexpired available quantity of `material`, for depots holding at least `quantity`."""
    today = timezone.localdate()
    batches = StockBatch.objects.filter(material=material).filter(Q(expiry_date__isnull=True) |
                                                                  Q(expiry_date__gte=today))
    if depots is not None:
        batches = batches.filter(depot__in=depots)
    rows = batches.values("depot_id").annotate(available=Sum(F("quantity") - F("reserved"))).filter(
        available__gte=quantity)
    return {row["depot_id"]: row["available"] for row in rows}
