"""Dispatch orders (调令): a team sent to an incident, and materials reserved, issued and received."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import MaterialOrderStatus, TeamOrderStatus

QUANTITY = {"max_digits": 14, "decimal_places": 2}


class _Order(models.Model):
    audited = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("调令号"), max_length=32, unique=True)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("事件"))
    response = models.ForeignKey("plans.Response", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("响应"))
    task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("对应任务"))
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属区域"))
    created = models.DateTimeField(_("下达时间"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("下达人"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    times = models.JSONField(_("各环节时间"), default=dict, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created"]

    def __str__(self):
        return self.code


class TeamOrder(_Order):
    team = models.ForeignKey("resources.RescueTeam", on_delete=models.PROTECT, related_name="orders",
                             verbose_name=_("队伍"))
    status = models.CharField(_("状态"), max_length=16, choices=TeamOrderStatus.choices,
                              default=TeamOrderStatus.DISPATCHED)
    active = models.BooleanField(_("执行中"), default=True)
    minutes = models.FloatField(_("预计到达（分钟）"), null=True, blank=True)
    distance_km = models.FloatField(_("距离（公里）"), null=True, blank=True)

    class Meta(_Order.Meta):
        verbose_name = _("队伍调令")
        verbose_name_plural = _("队伍调令")
        constraints = [models.UniqueConstraint(fields=["team"], condition=models.Q(active=True),
                                               name="one_active_order_per_team")]


class MaterialOrder(_Order):
    status = models.CharField(_("状态"), max_length=16, choices=MaterialOrderStatus.choices,
                              default=MaterialOrderStatus.RESERVED)
    total_minutes = models.FloatField(_("总运输时间（分钟·单位）"), null=True, blank=True)

    class Meta(_Order.Meta):
        verbose_name = _("物资调拨单")
        verbose_name_plural = _("物资调拨单")


class MaterialLine(models.Model):
    order = models.ForeignKey(MaterialOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("调拨单"))
    depot = models.ForeignKey("resources.Depot", on_delete=models.PROTECT, related_name="+", verbose_name=_("库点"))
    material = models.ForeignKey("resources.Material", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("物资"))
    quantity = models.DecimalField(_("预占数量"), **QUANTITY)
    issued = models.DecimalField(_("出库数量"), default=0, **QUANTITY)
    received = models.DecimalField(_("签收数量"), default=0, **QUANTITY)
    returned = models.DecimalField(_("退回数量"), default=0, **QUANTITY)
    minutes = models.FloatField(_("运输时间（分钟）"), null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("调拨明细")
        verbose_name_plural = _("调拨明细")
