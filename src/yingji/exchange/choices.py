"""Code tables of the data-exchange app (issue 22): scopes, partner kinds, feed kinds, webhook events."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a partner's key may do; a partner's allow-list is a subset of these, a key's scopes a subset of it."""

    INCIDENTS_WRITE = "incidents:write", _("推送突发事件（110/119/120 联动）")
    HAZARDS_WRITE = "hazards:write", _("推送隐患")
    READINGS_WRITE = "readings:write", _("推送监测数据")
    DOCUMENTS_WRITE = "documents:write", _("推送文件（公文、报告及附件）")
    CATALOGUE_READ = "catalogue:read", _("读取数据资源目录")


class ReadFeed(models.TextChoices):
    """What a partner may read (GET) from the platform: each partner's allow-list (`Partner.read_feeds`, set by the
    bureau on the partner's page) names some of these; an empty list reads nothing (deny by default). Every GET
    endpoint of the partner API names its feed (exchange.api.PartnerView.feed)."""

    CATALOGUE = "catalogue", _("数据资源目录")
    WARNINGS = "warnings", _("生效中的预警信息")
    INCIDENTS = "incidents", _("数据范围内的突发事件（近30天）")


class PartnerKind(models.TextChoices):
    DEPARTMENT = "department", _("部门")
    TOWNSHIP = "township", _("乡镇（街道）系统")
    SYSTEM = "system", _("其他系统")


class FeedKind(models.TextChoices):
    CAP = "cap", _("CAP/Atom 预警订阅")
    JSON = "json", _("JSON（HTTP）")
    CSV = "csv", _("CSV（HTTP）")


class Direction(models.TextChoices):
    OFFERED = "offered", _("本平台提供")
    CONSUMED = "consumed", _("本平台接入")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("待投递")
    DELIVERED = "delivered", _("已送达")
    DEAD = "dead", _("投递失败（死信）")


class WebhookEvent(models.TextChoices):
    """Events a partner may subscribe to, and the outbox events they come from (webhooks.event_of)."""

    INCIDENT_OPENED = "incident.opened", _("突发事件接报")
    INCIDENT_GRADED = "incident.graded", _("突发事件定级/等级变更")
    WARNING_PUBLISHED = "warning.published", _("预警发布")
    WARNING_CANCELLED = "warning.cancelled", _("预警解除")
    RESPONSE_LEVEL = "response.level_changed", _("应急响应级别变化")


class DocumentCategory(models.TextChoices):
    """What a pushed document is (部门来文)."""

    NOTICE = "notice", _("通知")
    REPORT = "report", _("情况报告")
    BRIEFING = "briefing", _("简报")
    PLAN = "plan", _("预案方案")
    OTHER = "other", _("其他")
