"""救助: people registered at shelters during an incident, and what was handed out. A distribution covers one
registered entry (person or family) or, without one, everyone registered at its shelter before it."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import RegistryModel

from .base import field_error
from .households import Household


class Need(models.TextChoices):
    FOOD = "food", _("食品")
    WATER = "water", _("饮用水")
    CLOTHING = "clothing", _("衣被")
    MEDICAL = "medical", _("医疗")
    SHELTER = "shelter", _("临时住所")


class AffectedPerson(RegistryModel):
    """`name` is the person (or head of family), `people` how many are registered under it."""

    code_prefix = "SZ"

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("关联事件"))
    shelter = models.ForeignKey("resources.Shelter", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("安置场所"))
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("建档立卡户"))
    people = models.PositiveSmallIntegerField(_("登记人数"), default=1, validators=[MinValueValidator(1)])
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    needs = models.CharField(_("需求"), max_length=100, blank=True,
                             help_text=_("食品、饮用水、衣被、医疗、临时住所，用顿号分隔"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("受灾群众登记")
        verbose_name_plural = _("受灾群众登记")

    def clean(self):
        super().clean()
        labels = {str(label): value for value, label in Need.choices}
        parts = [p.strip() for p in self.needs.replace(",", "、").replace("，", "、").split("、") if p.strip()]
        unknown = [p for p in parts if p not in labels and p not in Need.values]
        if unknown:
            raise field_error(DomainError("unknown_need", str(_("未知的需求：%(n)s")) % {"n": "、".join(unknown)}),
                              "needs")
        self.needs = "、".join(str(Need(labels.get(p, p)).label) for p in parts)


class Distribution(RegistryModel):
    """`name` is what was handed out (方便面, 饮用水, 棉被 …)."""

    code_prefix = "FF"

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("关联事件"))
    shelter = models.ForeignKey("resources.Shelter", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("发放场所"))
    person = models.ForeignKey(AffectedPerson, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="distributions", verbose_name=_("发放对象"),
                               help_text=_("留空则发放给该场所当时已登记的全部受灾群众"))
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2,
                                   validators=[MinValueValidator(Decimal("0.01"))])
    unit = models.CharField(_("单位"), max_length=16, default="份")
    distributed_at = models.DateTimeField(_("发放时间"), default=timezone.now)
    depot = models.ForeignKey("resources.Depot", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("出库仓库"),
                              help_text=_("填写物资品目时从该安置场所的库存出库（留空即为该场所）"))
    material = models.ForeignKey("resources.Material", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("物资品目"))
    movement_group = models.UUIDField(_("出库单号"), null=True, blank=True, editable=False)

    LEDGER_FIELDS = ("depot_id", "material_id", "quantity")

    class Meta(RegistryModel.Meta):
        verbose_name = _("救助物资发放")
        verbose_name_plural = _("救助物资发放")

    def clean(self):
        super().clean()
        person = self.person if self.person_id else None
        if person is not None and (person.incident_id != self.incident_id or person.shelter_id != self.shelter_id):
            raise field_error(DomainError("person_elsewhere", str(_("发放对象不在该事件、该场所登记"))), "person")
        incident = self.incident if self.incident_id else None
        if incident is not None and self.distributed_at and self.distributed_at < incident.occurred_at:
            raise field_error(DomainError("before_incident", str(_("发放时间不能早于事件发生时间"))),
                              "distributed_at")
        if self.depot_id and not self.material_id:
            raise field_error(DomainError("ledger_pair", str(_("从场所库存发放须填写物资品目"))), "material")
        if self.material_id and not self.movement_group and self.shelter_id:
            store = ShelterStore.objects.filter(shelter_id=self.shelter_id).values_list("depot_id", flat=True).first()
            if self.depot_id and self.depot_id != store:
                message = _("救灾物资须先调拨到安置场所，再从该场所的库存发放；出库仓库留空即为该场所")
                raise field_error(DomainError("depot_not_shelter", str(message)), "depot")
            if store is None:
                message = _("该安置场所还没有调入物资，请先办理救灾物资调拨")
                raise field_error(DomainError("insufficient_stock", str(message)), "quantity")
            self.depot_id = store
        if self.pk and self.movement_group:
            before = type(self).objects.filter(pk=self.pk).values(*self.LEDGER_FIELDS).first() or {}
            if any(before.get(name) != getattr(self, name) for name in self.LEDGER_FIELDS):
                message = _("已出库的发放记录不能修改仓库、品目或数量；如有差错请在库存台账办理入库冲正后另行登记")
                raise field_error(DomainError("issued_locked", str(message)), "quantity")
        if self.material_id and not self.movement_group:
            self.unit = self.material.unit

    def save(self, *args, **kwargs):
        """A new distribution of a material issues its quantity from the shelter's store through the stock ledger
        (resources.services, the batch that expires first), in the same transaction: no stock, no distribution."""
        from django.db import transaction

        from yingji.resources import services

        with transaction.atomic():
            issue = self.depot_id and self.material_id and not self.movement_group
            super().save(*args, **kwargs)
            if issue:
                try:
                    movement = services.issue(
                        actor=self.updated_by, depot=self.depot, material=self.material, quantity=self.quantity,
                        reason=str(_("救灾物资发放：%(s)s")) % {"s": self.shelter.name}, reference=self.code)
                except PermissionDeniedError:
                    raise
                except DomainError as exc:
                    raise field_error(exc, "quantity") from exc
                self.movement_group = movement.group
                type(self).objects.filter(pk=self.pk).update(movement_group=movement.group)

    def delete(self, *args, **kwargs):
        if self.movement_group:
            raise DomainError("issued_no_delete", str(_("已出库的发放记录不能删除；如有差错请在库存台账办理入库冲正")))
        return super().delete(*args, **kwargs)


class ShelterStore(models.Model):
    """The stock held at a shelter: a depot of resources' stock ledger (level 乡镇储备站, named after the shelter),
    made on the shelter's first allocation (relief_stock.store_for). Allocations move stock into it (a ledger
    transfer), distributions issue from it; its balances are the ledger's batches."""

    region_field = "shelter__region"

    shelter = models.OneToOneField("resources.Shelter", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("安置场所"))
    depot = models.OneToOneField("resources.Depot", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("场所物资库"))

    class Meta:
        verbose_name = _("安置场所物资库")
        verbose_name_plural = _("安置场所物资库")

    def __str__(self):
        return str(self.depot)


class Allocation(models.Model):
    """救灾物资调拨: `quantity` of a material moved from a depot into a shelter's store for an incident, through the
    stock ledger (resources.services.transfer) in the same transaction (relief_stock.allocate). Append-only: the
    ledger keeps the movement; a mistake is put right by a ledger movement, not by editing this row."""

    audited = True
    region_field = "shelter__region"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("调拨单号"), max_length=32, unique=True, editable=False)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("关联事件"))
    shelter = models.ForeignKey("resources.Shelter", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("调入安置场所"))
    depot = models.ForeignKey("resources.Depot", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("调出仓库"))
    material = models.ForeignKey("resources.Material", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("物资品目"))
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2,
                                   validators=[MinValueValidator(Decimal("0.01"))])
    note = models.CharField(_("备注"), max_length=200, blank=True)
    allocated_at = models.DateTimeField(_("调拨时间"), default=timezone.now)
    movement_group = models.UUIDField(_("台账单号"), editable=False)
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("经办人"))
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        verbose_name = _("救灾物资调拨")
        verbose_name_plural = _("救灾物资调拨")
        ordering = ["-allocated_at", "-id"]

    def __str__(self):
        return f"{self.code} {self.material} {self.quantity:f}"
