"""Rescue teams (救援队伍), their members, and equipment and vehicles (装备)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yingji.core.models import RegistryModel
from yingji.core.scoping import REQUEST

from ..choices import SPECIALITIES, EquipmentCondition, EquipmentKind, Readiness, TeamType
from .tags import clean_tags, split_tags


class RescueTeam(RegistryModel):
    code_prefix = "TEAM"
    location_required = True  # the home base
    # The district-wide forces, which any township may ask for (dispatch recommendations, core.scoping).
    jurisdiction_shared = {REQUEST: Q(team_type__in=(TeamType.FIRE_NATIONAL, TeamType.PROFESSIONAL,
                                                     TeamType.SOCIAL))}

    team_type = models.CharField(_("队伍类型"), max_length=32, choices=TeamType.choices)
    readiness = models.CharField(_("战备状态"), max_length=16, choices=Readiness.choices, default=Readiness.STANDBY,
                                 db_index=True)
    headcount = models.PositiveIntegerField(_("人数"))
    specialities = models.CharField(_("专业特长"), max_length=200, blank=True,
                                    help_text=_("用顿号分隔，如：水域、防汛"))
    leader = models.CharField(_("负责人"), max_length=50, blank=True)
    leader_phone = models.CharField(_("负责人电话"), max_length=20, blank=True)
    base_address = models.CharField(_("驻地地址"), max_length=200, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("救援队伍")
        verbose_name_plural = _("救援队伍")

    def clean(self):
        super().clean()
        self.specialities = clean_tags(self.specialities, SPECIALITIES, "specialities")

    @property
    def speciality_list(self) -> list[str]:
        return split_tags(self.specialities)


class TeamMember(RegistryModel):
    code_prefix = "TM"

    team = models.ForeignKey(RescueTeam, on_delete=models.CASCADE, related_name="members",
                             verbose_name=_("所属队伍"))
    post = models.CharField(_("岗位"), max_length=50, blank=True, help_text=_("如：队长、驾驶员、队员"))
    mobile = models.CharField(_("手机"), max_length=20, blank=True)
    skills = models.CharField(_("技能"), max_length=200, blank=True)
    certificates = models.CharField(_("证书"), max_length=300, blank=True)
    training = models.TextField(_("培训记录"), blank=True, max_length=4000, help_text=_("每行一条：日期 内容"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("队员")
        verbose_name_plural = _("队伍成员")


class Equipment(RegistryModel):
    code_prefix = "EQ"

    kind = models.CharField(_("装备类型"), max_length=32, choices=EquipmentKind.choices)
    quantity = models.PositiveIntegerField(_("数量"), default=1)
    unit = models.CharField(_("单位"), max_length=16, default="台")
    condition = models.CharField(_("装备状态"), max_length=16, choices=EquipmentCondition.choices,
                                 default=EquipmentCondition.READY)
    last_maintained = models.DateField(_("上次维护日期"), null=True, blank=True)
    next_maintenance = models.DateField(_("下次维护日期"), null=True, blank=True)
    team = models.ForeignKey(RescueTeam, null=True, blank=True, on_delete=models.PROTECT, related_name="equipment",
                             verbose_name=_("所属队伍"))
    depot = models.ForeignKey("resources.Depot", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="equipment", verbose_name=_("存放库点"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("装备")
        verbose_name_plural = _("装备与车辆")

    def clean(self):
        owner = self.team or self.depot
        if self.lon is None and owner is not None:
            self.lon, self.lat = owner.lon, owner.lat  # carried equipment is where its owner is
        super().clean()
        if self.team_id and self.depot_id:
            raise ValidationError({"depot": ValidationError(_("装备只能属于一支队伍或一个库点"), code="two_owners")})
        if self.last_maintained and self.next_maintenance and self.next_maintenance < self.last_maintained:
            raise ValidationError({"next_maintenance": ValidationError(_("下次维护日期不能早于上次维护日期"),
                                                                       code="maintenance_dates")})
