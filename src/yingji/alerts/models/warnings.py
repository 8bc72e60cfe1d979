"""Warnings: the composed content, its place in the 制作→审核→签发→发布 flow, its CAP messages and history.

An Update or a Cancel is its own Warning row that references the earlier one (`references`) and the
first one (`original`); together they are one warning thread whose current state is that of its
latest published row. Every published row has exactly one CAP message (CapMessage).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from yingji.core.scoping import READ
from yingji.standards.warnings import WarningLevel

from ..types import level_choice

# 一级（红色） / Level 1 (red): shown in the reader's language, evaluated when shown.
LEVEL_CHOICES = [(lv.value, lazy(level_choice, str)(lv)) for lv in WarningLevel]


class WarningStatus(models.TextChoices):
    DRAFT = "draft", _("制作中")
    PENDING_REVIEW = "pending_review", _("待审核")
    PENDING_SIGN = "pending_sign", _("待签发")
    SIGNED = "signed", _("已签发")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已更新")
    CANCELLED = "cancelled", _("已解除")
    EXPIRED = "expired", _("已过期")


class MsgType(models.TextChoices):
    ALERT = "Alert", _("首发")
    UPDATE = "Update", _("更新")
    CANCEL = "Cancel", _("解除")


class AreaKind(models.TextChoices):
    REGIONS = "regions", _("乡镇/村（社区）")
    POLYGON = "polygon", _("地图上绘制的多边形")
    CIRCLE = "circle", _("地图上绘制的圆形")
    DISTRICT = "district", _("全区")


def _user_fk(label):
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=label)


PUBLISHED_STATES = (WarningStatus.PUBLISHED, WarningStatus.SUPERSEDED, WarningStatus.CANCELLED, WarningStatus.EXPIRED)


class Warning(models.Model):
    audited = True
    # Once published a warning is public (the /cap/ feed): every user may read it. Drafts stay with their region.
    jurisdiction_shared = {READ: Q(status__in=PUBLISHED_STATES)}
    # and so is the news of its publication, update and end on the live feed (core.scoping.scope_events)
    jurisdiction_shared_events = ("warning.published", "warning.publish", "warning.urgent", "warning.issue_cancel",
                                  "warning.supersede", "warning.cancel", "warning.expire")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    msg_type = models.CharField(_("消息类型"), max_length=8, choices=MsgType.choices, default=MsgType.ALERT)
    original = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="thread",
                                 verbose_name=_("首发预警"))
    references = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("引用的预警"))
    type_code = models.CharField(_("预警类型"), max_length=32)
    level = models.CharField(_("级别"), max_length=16, choices=LEVEL_CHOICES)
    headline = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("预警内容"), max_length=4000)
    instructions = models.TextField(_("防御指南"), max_length=4000, blank=True)
    # Optional English, published as a second CAP <info> block (en-US) when filled.
    headline_en = models.CharField(_("英文标题"), max_length=200, blank=True)
    description_en = models.TextField(_("英文预警内容"), max_length=4000, blank=True)
    instructions_en = models.TextField(_("英文防御指南"), max_length=4000, blank=True)
    effective = models.DateTimeField(_("生效时间"))
    onset = models.DateTimeField(_("开始时间"), null=True, blank=True)
    expires = models.DateTimeField(_("失效时间"))
    source = models.CharField(_("信息来源"), max_length=200, blank=True, help_text=_("如：转发区气象局"))
    incident_uuid = models.CharField(_("关联事件"), max_length=36, blank=True)
    area_kind = models.CharField(_("预警区域类型"), max_length=16, choices=AreaKind.choices)
    area_regions = models.ManyToManyField("core.Region", blank=True, related_name="+", verbose_name=_("预警区域"))
    area_shape = models.JSONField(_("绘制的区域"), null=True, blank=True)
    area_desc = models.CharField(_("区域描述"), max_length=1000, blank=True)
    population = models.PositiveIntegerField(_("区域内人口"), default=0)
    committees = models.ManyToManyField("core.Committee", blank=True, related_name="+",
                                        verbose_name=_("通知的议事协调机构"))
    status = models.CharField(_("状态"), max_length=16, choices=WarningStatus.choices, default=WarningStatus.DRAFT)
    urgent = models.BooleanField(_("急发"), default=False)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("发布单位辖区"))
    author = _user_fk(_("制作人"))
    reviewer = _user_fk(_("审核人"))
    signer = _user_fk(_("签发人"))
    publisher = _user_fk(_("发布人"))
    retro_approver = _user_fk(_("补审人"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        permissions = [
            ("submit_warning", _("提交预警审核")),
            ("review_warning", _("审核预警")),
            ("sign_warning", _("签发预警")),
            ("publish_warning", _("发布预警")),
            ("urgent_warning", _("急发预警")),
            ("cancel_warning", _("解除预警")),
        ]
        indexes = [models.Index(fields=["status", "expires"])]

    def __str__(self):
        return self.headline

    @property
    def level_enum(self) -> WarningLevel:
        return WarningLevel(self.level)

    @property
    def root(self) -> "Warning":
        return self.original or self

    @property
    def in_force(self) -> bool:
        return self.status == WarningStatus.PUBLISHED and self.msg_type != MsgType.CANCEL


class CapMessage(models.Model):
    """The CAP 1.2 document of one published message, served at /cap/<identifier>.xml. Never changed."""

    identifier = models.CharField(_("标识符"), max_length=64, unique=True)
    warning = models.OneToOneField(Warning, on_delete=models.PROTECT, related_name="cap", verbose_name=_("预警"))
    sent = models.DateTimeField(_("发送时间"))
    xml = models.TextField(_("CAP XML"))

    class Meta:
        ordering = ["-sent"]
        verbose_name = _("CAP 消息")
        verbose_name_plural = _("CAP 消息")


class WarningEvent(models.Model):
    """The readable history of a warning: each step, who did it, when, and any note."""

    warning = models.ForeignKey(Warning, on_delete=models.CASCADE, related_name="events", verbose_name=_("预警"))
    at = models.DateTimeField(_("时间"))
    actor = _user_fk(_("操作人"))
    event = models.CharField(_("操作"), max_length=32)
    label = models.CharField(_("说明"), max_length=200)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        ordering = ["at", "id"]


class GuidanceTemplate(models.Model):
    """防御指南 per warning type and level, editable; a new warning starts from it."""

    audited = True

    type_code = models.CharField(_("预警类型"), max_length=32)
    level = models.CharField(_("级别"), max_length=16, choices=LEVEL_CHOICES)
    text = models.TextField(_("防御指南"), max_length=4000)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["type_code", "level"]
        unique_together = [("type_code", "level")]
        verbose_name = _("防御指南模板")
        verbose_name_plural = _("防御指南模板")

    def __str__(self):
        return f"{self.type_code}/{self.level}"
