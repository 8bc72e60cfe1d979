"""Stock per depot × material × batch, and the ledger of every movement (库存台账).

Quantities change only through `yingji.resources.services` (row locks, never negative); each change
writes one StockMovement. The ledger is append-only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import MovementKind
from .depots import Depot, Material

QUANTITY = {"max_digits": 14, "decimal_places": 2}


class StockBatch(models.Model):
    audited = True
    region_field = "depot__region"  # jurisdiction scoping goes through the depot

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="batches", verbose_name=_("库点"))
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="batches", verbose_name=_("物资"))
    batch_no = models.CharField(_("批次号"), max_length=64)
    quantity = models.DecimalField(_("库存数量"), default=0, **QUANTITY)
    reserved = models.DecimalField(_("已预占"), default=0, **QUANTITY)
    expiry_date = models.DateField(_("有效期至"), null=True, blank=True, db_index=True)
    received = models.DateField(_("入库日期"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["depot", "material", "expiry_date", "batch_no"]
        verbose_name = _("库存批次")
        verbose_name_plural = _("库存")
        constraints = [
            models.UniqueConstraint(fields=["depot", "material", "batch_no"], name="one_batch_per_depot_material"),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="stock_never_negative"),
            models.CheckConstraint(condition=models.Q(reserved__gte=0) & models.Q(reserved__lte=models.F("quantity")),
                                   name="reserved_within_stock"),
        ]
        indexes = [models.Index(fields=["material", "depot"])]

    def __str__(self):
        return f"{self.depot} · {self.material} · {self.batch_no}"

    @property
    def available(self):
        return self.quantity - self.reserved


class StockMovement(models.Model):
    audited = False  # the ledger is itself the trace: append-only, one row per change of a batch
    region_field = "depot__region"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.UUIDField(_("业务单号"), db_index=True, help_text=_("一次调拨的调出与调入共用一个单号"))
    kind = models.CharField(_("类型"), max_length=16, choices=MovementKind.choices)
    batch = models.ForeignKey(StockBatch, on_delete=models.PROTECT, related_name="movements", verbose_name=_("批次"))
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="movements", verbose_name=_("库点"))
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="movements",
                                 verbose_name=_("物资"))
    quantity = models.DecimalField(_("数量变化"), **QUANTITY, help_text=_("入为正，出为负；预占/释放为预占量的变化"))
    balance = models.DecimalField(_("变动后库存"), **QUANTITY)
    reserved_balance = models.DecimalField(_("变动后预占"), **QUANTITY)
    counterpart = models.ForeignKey(Depot, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("对方库点"))
    reason = models.CharField(_("事由"), max_length=300, blank=True)
    reference = models.CharField(_("关联单据"), max_length=100, blank=True, help_text=_("如事件编号、调令号"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("经办人"))
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("出入库记录")
        verbose_name_plural = _("库存台账")

    def __str__(self):
        return f"{self.get_kind_display()} {self.material} {self.quantity}"
