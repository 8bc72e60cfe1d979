"""Stock movements (库存变动): every change of stock goes through here and writes the ledger.

Each function runs in one transaction, locks the batch rows it touches (select_for_update, in id order so
two movements never deadlock), refuses anything that would make stock or reservations negative, and
writes one StockMovement per batch changed. A transfer is one transaction: the source loses exactly what
the destination gains, or nothing happens. Issues, transfers and reservations take the batch that
expires first (FEFO) and never touch expired batches; expired stock leaves through `scrap`.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.events import publish
from yingji.core.scoping import ensure_in_jurisdiction, ensure_in_scope

from .choices import MovementKind as K
from .models import Depot, Material, StockBatch, StockMinimum, StockMovement

PERMISSION = "resources.add_stockmovement"


@dataclass
class Movement:
    """What one call did: the ledger rows it wrote, sharing one `group` number."""

    group: uuid.UUID
    rows: list[StockMovement]


def _check(actor, *depots):
    if actor is not None and not actor.has_perm(PERMISSION):
        raise PermissionDeniedError("permission_denied", _("没有办理出入库的权限"))
    for depot in depots:
        ensure_in_jurisdiction(actor, depot.region, field="depot")


def _positive(quantity) -> Decimal:
    if not isinstance(quantity, Decimal) or not quantity.is_finite():
        raise DomainError("invalid_quantity", _("数量必须是数字"), field="quantity")
    if quantity < 0:
        raise DomainError("negative_quantity", _("数量不能为负数"), field="quantity")
    if quantity == 0:
        raise DomainError("zero_quantity", _("数量必须大于 0"), field="quantity")
    return quantity


def _locked(depot, material, *, usable_only=False, today=None):
    """The batches of a material in a depot, locked, first to expire first."""
    batches = StockBatch.objects.select_for_update().filter(depot=depot, material=material)
    if usable_only:
        batches = batches.exclude(expiry_date__lt=today or timezone.localdate())
    return sorted(batches.order_by("id"), key=lambda b: (b.expiry_date or date.max, b.id))


def _plan(batches, quantity, amount, material):
    """Split `quantity` over the batches (FEFO) by what each can give, or refuse if they cannot."""
    plan, remaining = [], quantity
    for batch in batches:
        take = min(amount(batch), remaining)
        if take > 0:
            plan.append((batch, take))
            remaining -= take
    if remaining > 0:
        have = quantity - remaining
        raise DomainError("insufficient_stock", _("%(m)s 可用数量不足：现有 %(have)s %(unit)s，需要 %(need)s %(unit)s")
                          % {"m": material.name, "have": _n(have), "need": _n(quantity), "unit": material.unit},
                          field="quantity")
    return plan


def _n(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _write(batch, kind, group, actor, *, delta=Decimal(0), reserved=Decimal(0), counterpart=None, reason="",
           reference=""):
    batch.quantity += delta
    batch.reserved += reserved
    batch.save()
    return StockMovement.objects.create(
        group=group, kind=kind, batch=batch, depot=batch.depot, material=batch.material,
        quantity=reserved if kind in (K.RESERVE, K.RELEASE) else delta, balance=batch.quantity,
        reserved_balance=batch.reserved, counterpart=counterpart, reason=reason, reference=reference,
        actor=actor if getattr(actor, "pk", None) else None, is_demo=batch.is_demo)


def _after(rows, group) -> Movement:
    for depot_id, material_id in {(row.depot_id, row.material_id) for row in rows}:
        _warn_if_low(depot_id, material_id)
    return Movement(group=group, rows=rows)


def receive(*, actor, depot: Depot, material: Material, quantity: Decimal, batch_no: str = "",
            expiry_date: date | None = None, reason: str = "", reference: str = "", demo: bool = False) -> Movement:
    """入库: add to a batch (created when new). The expiry defaults to today + the material's shelf life."""
    quantity = _positive(quantity)
    _check(actor, depot)
    today = timezone.localdate()
    if expiry_date is None and material.shelf_life_days:
        expiry_date = today + timedelta(days=material.shelf_life_days)
    group = uuid.uuid4()
    with transaction.atomic():
        batch, created = StockBatch.objects.get_or_create(
            depot=depot, material=material, batch_no=batch_no or f"{today:%Y%m%d}",
            defaults={"expiry_date": expiry_date, "received": today, "is_demo": demo})
        batch = StockBatch.objects.select_for_update().get(pk=batch.pk)
        if not created and batch.expiry_date != expiry_date and expiry_date is not None:
            raise DomainError("batch_expiry_mismatch", _("批次 %(b)s 已有有效期 %(d)s，同一批次的有效期必须一致")
                              % {"b": batch.batch_no, "d": batch.expiry_date}, field="expiry_date")
        row = _write(batch, K.RECEIVE, group, actor, delta=quantity, reason=reason, reference=reference)
    return Movement(group=group, rows=[row])


def issue(*, actor, depot: Depot, material: Material, quantity: Decimal, reason: str = "", reference: str = "",
          from_reserved: bool = False) -> Movement:
    """出库: take from unexpired batches, first to expire first. `from_reserved` fulfils a reservation."""
    quantity = _positive(quantity)
    _check(actor, depot)
    group = uuid.uuid4()
    with transaction.atomic():
        batches = _locked(depot, material, usable_only=True)
        amount = (lambda b: b.reserved) if from_reserved else (lambda b: b.available)
        rows = [_write(batch, K.ISSUE, group, actor, delta=-take, reserved=-take if from_reserved else Decimal(0),
                       reason=reason, reference=reference)
                for batch, take in _plan(batches, quantity, amount, material)]
        return _after(rows, group)


def transfer(*, actor, depot: Depot, to_depot: Depot, material: Material, quantity: Decimal, reason: str = "",
             reference: str = "") -> Movement:
    """调拨: one atomic movement out of `depot` and into `to_depot`, batch by batch (numbers and expiry kept)."""
    quantity = _positive(quantity)
    if depot.pk == to_depot.pk:
        raise DomainError("same_depot_transfer", _("调出与调入不能是同一库点"), field="to_depot")
    _check(actor, depot)
    ensure_in_scope(actor, to_depot, field="to_depot")  # not into another township's depot
    group = uuid.uuid4()
    with transaction.atomic():
        first, second = sorted((depot, to_depot), key=lambda d: d.pk)  # one lock order for every transfer
        _locked(first, material), _locked(second, material)
        rows = []
        for batch, take in _plan(_locked(depot, material, usable_only=True), quantity, lambda b: b.available,
                                 material):
            rows.append(_write(batch, K.TRANSFER_OUT, group, actor, delta=-take, counterpart=to_depot,
                               reason=reason, reference=reference))
            target, _created = StockBatch.objects.get_or_create(
                depot=to_depot, material=material, batch_no=batch.batch_no,
                defaults={"expiry_date": batch.expiry_date, "received": timezone.localdate(), "is_demo": batch.is_demo})
            target = StockBatch.objects.select_for_update().get(pk=target.pk)
            rows.append(_write(target, K.TRANSFER_IN, group, actor, delta=take, counterpart=depot, reason=reason,
                               reference=reference))
        return _after(rows, group)


def _one_batch(depot, material, batch_no):
    batch = StockBatch.objects.select_for_update().filter(depot=depot, material=material, batch_no=batch_no).first()
    if batch is None:
        raise DomainError("unknown_batch", _("该库点没有 %(m)s 的批次“%(b)s”") % {"m": material.name, "b": batch_no},
                          field="batch_no")
    return batch


def adjust(*, actor, depot: Depot, material: Material, batch_no: str, counted: Decimal, reason: str = "") -> Movement:
    """盘点调整: set a batch to the counted quantity; the ledger keeps the difference."""
    if not isinstance(counted, Decimal) or not counted.is_finite() or counted < 0:
        raise DomainError("negative_quantity", _("盘点数量不能为负数"), field="quantity")
    _check(actor, depot)
    group = uuid.uuid4()
    with transaction.atomic():
        batch = _one_batch(depot, material, batch_no)
        if counted < batch.reserved:
            raise DomainError("count_below_reserved", _("盘点数量 %(c)s 少于已预占的 %(r)s，请先释放预占")
                              % {"c": _n(counted), "r": _n(batch.reserved)}, field="quantity")
        rows = [_write(batch, K.ADJUST, group, actor, delta=counted - batch.quantity, reason=reason or _("盘点"))]
        return _after(rows, group)


def scrap(*, actor, depot: Depot, material: Material, batch_no: str, quantity: Decimal, reason: str = "") -> Movement:
    """报废: remove unreserved quantity of one batch (expired or damaged)."""
    quantity = _positive(quantity)
    _check(actor, depot)
    group = uuid.uuid4()
    with transaction.atomic():
        batch = _one_batch(depot, material, batch_no)
        _plan([batch], quantity, lambda b: b.available, material)
        return _after([_write(batch, K.SCRAP, group, actor, delta=-quantity, reason=reason)], group)


def reserve(*, actor, depot: Depot, material: Material, quantity: Decimal, reference: str = "",
            reason: str = "") -> Movement:
    """预占: hold available stock for a task so that nobody else issues it."""
    quantity = _positive(quantity)
    _check(actor, depot)
    group = uuid.uuid4()
    with transaction.atomic():
        plan = _plan(_locked(depot, material, usable_only=True), quantity, lambda b: b.available, material)
        rows = [_write(b, K.RESERVE, group, actor, reserved=take, reason=reason, reference=reference)
                for b, take in plan]
        return _after(rows, group)


def release(*, actor, depot: Depot, material: Material, quantity: Decimal, reference: str = "",
            reason: str = "") -> Movement:
    """释放: give reserved stock back (the latest-expiring reservations first)."""
    quantity = _positive(quantity)
    _check(actor, depot)
    group = uuid.uuid4()
    with transaction.atomic():
        batches = list(reversed(_locked(depot, material)))
        try:
            plan = _plan(batches, quantity, lambda b: b.reserved, material)
        except DomainError as exc:
            raise DomainError("insufficient_reserved", _("释放数量超过已预占数量"), field="quantity") from exc
        rows = [_write(b, K.RELEASE, group, actor, reserved=-take, reason=reason, reference=reference)
                for b, take in plan]
        return _after(rows, group)


def _warn_if_low(depot_id, material_id) -> None:
    minimum = StockMinimum.objects.filter(depot_id=depot_id, material_id=material_id).select_related(
        "depot", "material").first()
    if minimum is None:
        return
    total = sum((b.quantity for b in StockBatch.objects.filter(depot_id=depot_id, material_id=material_id)),
                Decimal(0))
    if total < minimum.minimum:
        publish("resources.stock_low", {"title": _("%(d)s %(m)s 库存低于定额") % {"d": minimum.depot.name,
                                                                            "m": minimum.material.name},
                                        "depot": minimum.depot.code, "material": minimum.material.code,
                                        "quantity": _n(total), "minimum": _n(minimum.minimum)},
                aggregate=minimum.depot, region=minimum.depot.region)
