"""避险转移 during an incident: a transfer covers an area (a township or village, or one danger zone); its
households are the registered ones there. Township staff mark each household; every mark is kept (the latest
is the household's state), and each mark is one submission (core.submissions: an offline re-send marks once)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingji.core.errors import DomainError
from yingji.core.models import RegistryModel

from ..choices import Mark, TransferState
from .base import field_error
from .households import Household
from .registers import DangerZone


class Transfer(RegistryModel):
    """`region` is the area: every registered household in its subtree (or only the danger zone's, if given)."""

    code_prefix = "ZY"

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("关联事件"))
    danger_zone = models.ForeignKey(DangerZone, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="transfers", verbose_name=_("限定危险区"))
    started_at = models.DateTimeField(_("开始转移时间"), default=timezone.now)
    state = models.CharField(_("转移状态"), max_length=16, choices=TransferState.choices,
                             default=TransferState.ACTIVE)

    class Meta(RegistryModel.Meta):
        verbose_name = _("避险转移")
        verbose_name_plural = _("避险转移")
        ordering = ["-started_at", "code"]

    def clean(self):
        super().clean()
        zone_path = getattr(getattr(self.danger_zone, "region", None), "path", "")
        if self.region_id and self.danger_zone_id and not zone_path.startswith(self.region.path):
            raise field_error(DomainError("zone_outside_area", str(_("所选危险区不在转移区域内"))), "danger_zone")

    def households(self):
        queryset = Household.objects.filter(region__path__startswith=self.region.path)
        return queryset.filter(danger_zone=self.danger_zone) if self.danger_zone_id else queryset


class TransferMark(models.Model):
    """One mark of one household in one transfer (append-only; the newest is the household's state)."""

    region_field = "household__region"

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="marks",
                                 verbose_name=_("避险转移"))
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="marks",
                                  verbose_name=_("转移户"))
    mark = models.CharField(_("转移情况"), max_length=16, choices=Mark.choices)
    people = models.PositiveSmallIntegerField(_("人数"), default=0)
    shelter = models.ForeignKey("resources.Shelter", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("安置场所"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    at = models.DateTimeField(_("标记时间"), default=timezone.now)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("标记人"))

    class Meta:
        verbose_name = _("转移标记")
        verbose_name_plural = _("转移标记")
        ordering = ["id"]
        indexes = [models.Index(fields=["transfer", "household", "id"])]

    def __str__(self):
        return f"{self.household} · {self.get_mark_display()}"
