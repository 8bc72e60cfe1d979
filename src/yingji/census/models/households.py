"""建档立卡: a household living in a danger zone or threatened by a hazard point, with its shelter, route and the
village cadre responsible for moving it (包保)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.errors import DomainError
from yingji.core.models import RegistryModel

from .base import field_error, not_more_than
from .registers import DangerZone, HazardPoint


class Household(RegistryModel):
    """`name` is the householder; `region` the village (or community) the household lives in."""

    code_prefix = "HH"

    danger_zone = models.ForeignKey(DangerZone, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="households", verbose_name=_("所在危险区"))
    hazard_point = models.ForeignKey(HazardPoint, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="households", verbose_name=_("受威胁隐患点"))
    members = models.PositiveSmallIntegerField(_("家庭人数"), default=1)
    elderly = models.PositiveSmallIntegerField(_("老人"), default=0)
    disabled = models.PositiveSmallIntegerField(_("残疾人"), default=0)
    children = models.PositiveSmallIntegerField(_("儿童"), default=0)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    shelter = models.ForeignKey("resources.Shelter", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("安置场所"))
    route = models.CharField(_("转移路线"), max_length=300, blank=True)
    cadre = models.CharField(_("包保干部"), max_length=50, blank=True)
    cadre_phone = models.CharField(_("包保干部电话"), max_length=20, blank=True)
    last_drill = models.DateField(_("最近演练日期"), null=True, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("避险转移户")
        verbose_name_plural = _("危险区域人员建档立卡")

    def clean(self):
        super().clean()
        if self.danger_zone_id is None and self.hazard_point_id is None:
            raise field_error(DomainError("zone_required", str(_("请选择所在危险区或受威胁隐患点"))), "danger_zone")
        if not self.members:
            raise field_error(DomainError("members_required", str(_("家庭人数至少为 1"))), "members")
        not_more_than(self, "members", "elderly", "disabled", "children")
