"""Relief stock through the shelters (救灾物资：仓库 → 安置场所 → 受灾群众). Each shelter that receives relief
supplies holds them in its own store: a depot of resources' stock ledger (ShelterStore), so there is one ledger, not
a second one. An allocation (models.Allocation) is a ledger transfer from a depot into the shelter's store; a
distribution of a material (models.Distribution) is a ledger issue from the shelter's store to the people registered
there. resources.services locks the batches and refuses anything that would make stock negative
(`insufficient_stock` on `quantity`); the allocation, the distribution, the store's depot and its batches are
audited, and the ledger rows are append-only and name the allocation's or distribution's code."""

import uuid
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user
from yingji.resources.choices import DepotLevel
from yingji.resources.models import Depot, Shelter, StockBatch

from .models import Allocation, Distribution, ShelterStore


def store_for(shelter, *, actor=None) -> ShelterStore:
    """The shelter's store, made on its first allocation (the shelter's row locked: two first allocations at once
    make one store)."""
    with transaction.atomic():
        Shelter.objects.select_for_update().filter(pk=shelter.pk).first()
        store = ShelterStore.objects.select_related("depot").filter(shelter=shelter).first()
        if store is not None:
            return store
        depot = Depot(code=f"AZ-{shelter.code}"[:64], name=_("%(s)s物资储备点") % {"s": shelter.name},
                      level=DepotLevel.TOWNSHIP, region_id=shelter.region_id, lon=shelter.lon, lat=shelter.lat,
                      manager=shelter.manager, manager_phone=shelter.manager_phone, address=shelter.address,
                      description=str(_("安置场所的救灾物资（由救灾物资调拨调入，向受灾群众发放）")),
                      is_demo=shelter.is_demo, created_by=_user(actor), updated_by=_user(actor))
        depot.full_clean()
        depot.save()
        return ShelterStore.objects.create(shelter=shelter, depot=depot)


PERMISSION = "census.add_allocation"


def allocate(*, actor, incident, shelter, depot, material, quantity, note: str = "", at=None,
             demo: bool = False) -> Allocation:
    """Move `quantity` of `material` from `depot` into the shelter's store (a ledger transfer, the batches that
    expire first) and record the allocation, in one transaction: too little stock → `insufficient_stock` on
    `quantity`, nothing saved. The depot must be one the actor may issue from (resources.services)."""
    from yingji.resources import services

    if actor is not None and not actor.has_perm(PERMISSION):
        raise PermissionDeniedError("permission_denied", _("没有办理救灾物资调拨的权限"))
    at = at or timezone.now()
    if at < incident.occurred_at:
        raise DomainError("before_incident", _("调拨时间不能早于事件发生时间"), field="allocated_at")
    with transaction.atomic():
        store = store_for(shelter, actor=actor)
        if store.depot_id == depot.pk:
            raise DomainError("same_depot_transfer", _("调出仓库不能是该安置场所自己的物资库"), field="depot")
        code = f"DB{timezone.localtime(at):%Y%m%d}-{uuid.uuid4().hex[:6].upper()}"
        try:
            movement = services.transfer(actor=actor, depot=depot, to_depot=store.depot, material=material,
                                         quantity=quantity, reference=code,
                                         reason=_("救灾物资调拨至安置场所：%(s)s") % {"s": shelter.name})
        except DomainError as exc:
            if exc.fields and "to_depot" in exc.fields:
                raise type(exc)(exc.code, exc.message, field="shelter") from exc
            raise
        return Allocation.objects.create(
            code=code, incident=incident, shelter=shelter, depot=depot, material=material, quantity=quantity,
            note=(note or "")[:200], allocated_at=at, movement_group=movement.group, allocated_by=_user(actor),
            is_demo=demo)


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def balances(user, shelters=None) -> list[dict]:
    """Per shelter and material: 调入 (allocations), 发放 (distributions issued from its store) and 结存 (the store's
    batches, the ledger's figure) — for the shelters the user may see (or those given)."""
    stores = ShelterStore.objects.select_related("shelter", "depot").defer("shelter__geometry", "depot__geometry")
    stores = stores.filter(shelter__in=scope_to_user(Shelter.objects.all(), user))
    if shelters is not None:
        stores = stores.filter(shelter__in=shelters)
    stores = {store.depot_id: store for store in stores}
    if not stores:
        return []
    on_hand = _sums(StockBatch.objects.filter(depot_id__in=stores), "depot_id", "quantity")
    shelter_of = {store.shelter_id: depot for depot, store in stores.items()}
    allocated = {(shelter_of[s], m): q for (s, m), q in _sums(Allocation.objects.filter(
        shelter_id__in=shelter_of, movement_group__isnull=False), "shelter_id", "quantity").items()}
    issued = _sums(Distribution.objects.filter(depot_id__in=stores, movement_group__isnull=False), "depot_id",
                   "quantity")
    from yingji.resources.models import Material

    keys = sorted(set(on_hand) | set(allocated) | set(issued))
    materials = Material.objects.in_bulk({m for _d, m in keys})
    rows = []
    for depot, material in keys:
        store, item = stores[depot], materials[material]
        rows.append({"shelter": store.shelter, "depot": store.depot, "material": item, "unit": item.unit,
                     "allocated": allocated.get((depot, material), Decimal(0)),
                     "issued": issued.get((depot, material), Decimal(0)),
                     "balance": on_hand.get((depot, material), Decimal(0))})
    rows.sort(key=lambda row: (row["shelter"].code, row["material"].code))
    return rows


def _sums(queryset, owner: str, quantity: str) -> dict:
    return {(owner_id, material): total or Decimal(0) for owner_id, material, total in
            queryset.values(owner, "material_id").annotate(total=Sum(quantity)).values_list(
                owner, "material_id", "total")}
