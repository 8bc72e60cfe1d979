"""Organizations, people (通讯录) and command bodies (committees and headquarters)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import RegistryModel


class OrganizationKind(models.TextChoices):
    PARTY_GOVERNMENT = "government", _("党委政府")
    EMERGENCY_BUREAU = "emergency", _("应急管理部门")
    DEPARTMENT = "department", _("职能部门")
    FIRE_RESCUE = "fire_rescue", _("消防救援机构")
    TOWNSHIP = "township", _("乡镇政府/街道办事处")
    VILLAGE = "village", _("村(居)委会")
    ENTERPRISE = "enterprise", _("企业")
    SOCIAL = "social", _("社会组织")
    OTHER = "other", _("其他")


class Organization(RegistryModel):
    code_prefix = "ORG"

    kind = models.CharField(_("机构类型"), max_length=32, choices=OrganizationKind.choices)
    short_name = models.CharField(_("简称"), max_length=64, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级机构")
    )
    phone = models.CharField(_("值班电话"), max_length=32, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)

    class Meta(RegistryModel.Meta):
        verbose_name = _("机构")
        verbose_name_plural = _("机构")


class Staffing(models.TextChoices):
    """Whether a person works on emergency management full time (plan indicator 3.1: ≥2 专职 per township)."""

    FULL_TIME = "full_time", _("专职")
    PART_TIME = "part_time", _("兼职")


class Establishment(models.TextChoices):
    """编制: the established posts of a department (plan indicator 3.2 counts the 在编 staff)."""

    ESTABLISHED = "established", _("在编")
    OUTSIDE = "outside", _("编外")


class Person(RegistryModel):
    """An entry of the contact book. Phones are personal data: masked unless the role needs them.
    `staffing`, `establishment` and `qualification` feed plan indicators 3.1 and 3.2 (core/indicators.py)."""

    code_prefix = "P"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="people", verbose_name=_("所在机构")
    )
    title = models.CharField(_("职务"), max_length=64, blank=True)
    mobile = models.CharField(_("手机"), max_length=20, blank=True)
    office_phone = models.CharField(_("办公电话"), max_length=32, blank=True)
    staffing = models.CharField(_("应急管理专兼职"), max_length=16, choices=Staffing.choices, blank=True)
    establishment = models.CharField(_("编制"), max_length=16, choices=Establishment.choices, blank=True)
    qualification = models.CharField(_("专业学历或职业资格"), max_length=200, blank=True,
                                     help_text=_("应急管理相关专业学历或注册安全工程师等职业资格；无则留空"))

    class Meta(RegistryModel.Meta):
        verbose_name = _("联系人")
        verbose_name_plural = _("通讯录")
        permissions = [("view_contact_phone", _("查看完整联系电话"))]


class CommitteeKind(models.TextChoices):
    EMERGENCY_COMMITTEE = "emergency_committee", _("应急委员会")
    SAFETY_COMMITTEE = "safety_committee", _("安全生产专业委员会")
    HEADQUARTERS = "headquarters", _("专项指挥部")
    DISASTER_REDUCTION = "disaster_reduction", _("减灾委员会")


class Committee(RegistryModel):
    code_prefix = "CMT"

    kind = models.CharField(_("机构类别"), max_length=32, choices=CommitteeKind.choices)
    lead_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_committees", verbose_name=_("牵头单位")
    )

    class Meta(RegistryModel.Meta):
        verbose_name = _("议事协调机构")
        verbose_name_plural = _("议事协调机构")


class CommitteePost(models.TextChoices):
    COMMANDER = "commander", _("指挥长/主任")
    DEPUTY = "deputy", _("副指挥长/副主任")
    OFFICE_DIRECTOR = "office_director", _("办公室主任")
    MEMBER = "member", _("成员单位")


class CommitteeMember(models.Model):
    audited = True

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name=_("议事协调机构")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("成员单位")
    )
    post = models.CharField(_("职务"), max_length=32, choices=CommitteePost.choices, default=CommitteePost.MEMBER)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts", verbose_name=_("人员")
    )
    responsibility = models.CharField(_("职责"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["committee", "order", "id"]
        verbose_name = _("成员与职务")
        verbose_name_plural = _("成员与职务")

    def __str__(self):
        return f"{self.committee} · {self.get_post_display()} · {self.organization}"
