"""Code tables of the duty desk (值班值守)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PatternKind(models.TextChoices):
    FULL_DAY = "full_day", _("24小时班")
    DAY_NIGHT = "day_night", _("白班/夜班")
    CUSTOM = "custom", _("自定义")


class PostRole(models.TextChoices):
    LEADER = "leader", _("带班领导")
    CHIEF = "chief", _("值班长")
    OFFICER = "officer", _("值班员")
    DESK = "desk", _("乡镇（街道）值班")
    DEPARTMENT = "department", _("部门值班")


class ShiftSource(models.TextChoices):
    GENERATED = "generated", _("轮班生成")
    MANUAL = "manual", _("手工安排")
    SWAP = "swap", _("调班")


class SwapStatus(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已驳回")
    CANCELLED = "cancelled", _("已撤回")


class LogKind(models.TextChoices):
    CALL_IN = "call_in", _("来电")
    CALL_OUT = "call_out", _("去电")
    INSTRUCTION = "instruction", _("上级指示批示")
    EVENT = "event", _("其他事项")


class InstructionStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    DONE = "done", _("已办结")


class HandoverStatus(models.TextChoices):
    DRAFT = "draft", _("待交班")
    SUBMITTED = "submitted", _("待接班")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已接班")


class RollCallResult(models.TextChoices):
    PENDING = "pending", _("待应答")
    ON_TIME = "on_time", _("按时应答")
    LATE = "late", _("超时应答")
    MISSED = "missed", _("未应答")


class StepTarget(models.TextChoices):
    OFFICER = "officer", _("当班值班员")
    CHIEF = "chief", _("值班长")
    LEADER = "leader", _("带班领导")
    DESK = "desk", _("事发乡镇（街道）值班人员")
    PERSON = "person", _("指定人员（如分管领导）")


class EscalationStatus(models.TextChoices):
    ACTIVE = "active", _("升级中")
    ACKNOWLEDGED = "acknowledged", _("已确认")
    EXHAUSTED = "exhausted", _("已通知全部层级")


class FireStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("待执行")
    FIRED = "fired", _("已通知")
    CANCELLED = "cancelled", _("已取消")
