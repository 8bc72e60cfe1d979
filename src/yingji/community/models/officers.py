"""The three-level disaster information officer roster (区、乡镇、村三级灾害信息员) and grid workers (网格员)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.core.models.regions import RegionLevel

from ..choices import OfficerLevel
from .base import field_error
from .volunteers import PHONE

OFFICER_ROLE = "grid_worker"  # core.roles.Role.GRID_WORKER: 网格员/灾害信息员
REGION_LEVEL = {OfficerLevel.DISTRICT: RegionLevel.DISTRICT, OfficerLevel.TOWNSHIP: RegionLevel.TOWNSHIP,
                OfficerLevel.VILLAGE: RegionLevel.VILLAGE}


class InfoOfficer(RegistryModel):
    code_prefix = "XXY"
    level = models.CharField(_("层级"), max_length=16, choices=OfficerLevel.choices)
    phone = models.CharField(_("联系电话"), max_length=20)
    organization = models.CharField(_("所在单位"), max_length=100, blank=True)
    account_username = models.CharField(_("信息员账号"), max_length=150, blank=True,
                                        help_text=_("角色为“网格员/灾害信息员”的用户名；关联后可向其派发巡查任务"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("关联账号"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("灾害信息员")
        verbose_name_plural = _("灾害信息员与网格员")

    def clean(self):
        super().clean()
        if self.phone and not PHONE.match(self.phone.strip()):
            raise field_error("phone", "invalid_phone", _("请填写有效的电话号码"))
        wanted = REGION_LEVEL.get(self.level)
        region = self.region if self.region_id else None
        if region is not None and wanted is not None and region.level != wanted:
            raise field_error("region", "level_region_mismatch",
                              _("%(l)s的负责区域应为%(r)s") % {"l": self.get_level_display(),
                                                          "r": RegionLevel(wanted).label})
        if region is not None and self.level == OfficerLevel.GRID and region.level < RegionLevel.VILLAGE:
            raise field_error("region", "level_region_mismatch", _("网格员的负责区域应为村（社区）或网格"))
        self._link_account()

    def _link_account(self):
        """The account named by `account_username` (an active 网格员/灾害信息员 account whose region reaches the
        officer's area): prevention's patrol tasks are given to that account. Empty: no account."""
        from yingji.core.models import User

        username = (self.account_username or "").strip()
        self.account_username = username
        if not username:
            self.user = None
            return
        user = User.objects.filter(username=username, role=OFFICER_ROLE, is_active=True).first()
        if user is None:
            raise field_error("account_username", "unknown_officer_account",
                              _("没有该账号（须为在用的、角色为“网格员/灾害信息员”的账号）"))
        region = self.region if self.region_id else None
        if region is not None and (user.region is None or not region.path.startswith(user.region.path)):
            raise field_error("account_username", "officer_account_out_of_area", _("该账号的管辖范围不包含此负责区域"))
        self.user = user
