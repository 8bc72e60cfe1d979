"""Code tables and the plan-management rules of the plans app (shared/STANDARDS.md §6, §8).

Sources:
- 突发事件应急预案管理办法（国办发〔2024〕5号）: government plans 总体/专项/部门 and unit/grassroots plans;
  备案 within 20 working days of issue [V]; evaluation every 3 years [S]; 专项/部门 drilled at least once
  every 3 years [V, 2013 text].
- 生产安全事故应急预案管理办法（应急管理部令第2号）: enterprise 综合/专项 plans drilled once a year,
  现场处置方案 every half year; filing within 20 working days [V].
- 防汛抗旱应急响应 Ⅳ (lowest) … Ⅰ (highest) [S]; the triggers are each plan's own data.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yingji.standards import ResponseLevel

# The kinds of incident-timeline entry this app writes (registered in apps.py with core.extensions).
RESPONSE_KIND, TASK_KIND, DISPATCH_KIND = "response", "task", "dispatch"

FILING_WORKING_DAYS = 20
EVALUATION_YEARS = 3


class PlanType(models.TextChoices):
    OVERALL = "overall", _("总体应急预案")
    SPECIAL = "special", _("专项应急预案")
    DEPARTMENT = "department", _("部门应急预案")
    TOWNSHIP = "township", _("乡镇（街道）应急预案")
    VILLAGE = "village", _("村（社区）应急预案")
    ENTERPRISE_OVERALL = "enterprise_overall", _("企业综合应急预案")
    ENTERPRISE_SPECIAL = "enterprise_special", _("企业专项应急预案")
    ENTERPRISE_ONSITE = "enterprise_onsite", _("企业现场处置方案")


# Months between drills, per plan type (None: no statutory interval).
DRILL_MONTHS = {
    PlanType.SPECIAL: 36, PlanType.DEPARTMENT: 36, PlanType.ENTERPRISE_OVERALL: 12,
    PlanType.ENTERPRISE_SPECIAL: 12, PlanType.ENTERPRISE_ONSITE: 6,
}


class FilingStatus(models.TextChoices):
    PENDING = "pending", _("待备案")
    FILED = "filed", _("已备案")
    EXEMPT = "exempt", _("无需备案")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已废止")


ENDED = "ended"
RESPONSE_STATES = [(level.value, lazy(lambda v: level_label(v), str)(level.value)) for level in ResponseLevel] + [
    (ENDED, _("响应已终止"))]
LEVELS_UP = (ResponseLevel.LEVEL_4, ResponseLevel.LEVEL_3, ResponseLevel.LEVEL_2, ResponseLevel.LEVEL_1)


def level_label(value: str) -> str:
    """Ⅳ级应急响应 / Level Ⅳ emergency response, in the reader's language (the standards name it in Chinese)."""
    if value not in ResponseLevel._value2member_map_:
        return str(_("响应已终止"))
    return gettext("%(r)s级应急响应") % {"r": ResponseLevel(value).roman}


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("待接收")
    ACCEPTED = "accepted", _("已接收")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")
    BLOCKED = "blocked", _("受阻")


OPEN_TASK_STATUSES = (TaskStatus.PENDING, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.BLOCKED)


class TeamOrderStatus(models.TextChoices):
    DISPATCHED = "dispatched", _("已派遣")
    RESPONDED = "responded", _("已响应")
    DEPARTED = "departed", _("出发")
    ARRIVED = "arrived", _("到场")
    RETURNING = "returning", _("返回")
    RELEASED = "released", _("解除")


class MaterialOrderStatus(models.TextChoices):
    RESERVED = "reserved", _("已预占")
    ISSUED = "issued", _("已出库")
    RECEIVED = "received", _("已签收")
    CLOSED = "closed", _("已结单")
    CANCELLED = "cancelled", _("已取消")


# Working groups most plans use (a plan may name others).
STANDARD_GROUPS = ("综合协调组", "抢险救援组", "医疗救治组", "群众生活组", "治安交通组", "通信保障组", "宣传报道组",
                   "专家组")
TOWNSHIP_UNIT = "@township"  # a task template unit meaning "the township where the incident is"
