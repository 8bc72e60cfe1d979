"""Code tables of the enforcement app (issue 17; shared/STANDARDS.md §5, §11)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    CHEMICALS = "chemicals", _("危险化学品")
    INDUSTRY_TRADE = "industry_trade", _("工贸")
    FUEL_STATION = "fuel_station", _("加油站")
    CROWDED = "crowded", _("人员密集场所")
    OTHER = "other", _("其他")


# prevention.Enterprise.category → the sector of the inspection item list
SECTOR_OF_CATEGORY = {
    "chem_production": Sector.CHEMICALS, "chem_trade": Sector.CHEMICALS, "chem_storage": Sector.CHEMICALS,
    "chem_use": Sector.CHEMICALS, "chem_transport": Sector.CHEMICALS,
    "metallurgy": Sector.INDUSTRY_TRADE, "nonferrous": Sector.INDUSTRY_TRADE,
    "building_materials": Sector.INDUSTRY_TRADE, "machinery": Sector.INDUSTRY_TRADE, "light": Sector.INDUSTRY_TRADE,
    "textile": Sector.INDUSTRY_TRADE, "tobacco": Sector.INDUSTRY_TRADE, "commerce": Sector.INDUSTRY_TRADE,
    "fuel_station": Sector.FUEL_STATION, "crowded": Sector.CROWDED,
}


def sector_of(category: str) -> str:
    return SECTOR_OF_CATEGORY.get(category, Sector.OTHER)


class Method(models.TextChoices):
    ON_SITE = "on_site", _("现场检查")
    DOCUMENTS = "documents", _("查阅资料")
    INTERVIEW = "interview", _("询问谈话")
    TEST = "test", _("抽查测试")


class SupervisionClass(models.TextChoices):
    KEY = "key", _("重点监管")
    GENERAL = "general", _("一般监管")
    OTHER = "other", _("其他")


class TaskSource(models.TextChoices):
    PLAN = "plan", _("年度计划")
    DRAW = "draw", _("双随机抽查")
    COMPLAINT = "complaint", _("投诉举报")
    RECHECK = "recheck", _("隐患复查")


class TaskState(models.TextChoices):
    ASSIGNED = "assigned", _("已下派")
    DONE = "done", _("已检查")


class ItemResult(models.TextChoices):
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")
    NA = "na", _("不适用")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("制定中")
    REVIEWING = "reviewing", _("审核中")
    APPROVED = "approved", _("已批准")
    PUBLISHED = "published", _("已发布")


class DrawState(models.TextChoices):
    VALID = "valid", _("有效")
    SUPERSEDED = "superseded", _("已重抽作废")


CHEMICAL_KEY_SECTORS = (Sector.CHEMICALS, Sector.FUEL_STATION)  # 重点监管 in the demo directory


class DocumentKind(models.TextChoices):
    """应急管理行政执法文书 this app generates; each numbered per kind and year (船应急检记〔2026〕3号)."""

    RECORD = "record", _("现场检查记录")
    ORDER = "order", _("责令限期整改指令书")
    RECHECK = "recheck", _("整改复查意见书")
    NOTICE = "penalty_notice", _("行政处罚告知书")
    DECISION = "penalty_decision", _("行政处罚决定书")
    HEARING_NOTICE = "hearing_notice", _("听证通知书")
    HEARING_POSTPONEMENT = "hearing_postponed", _("延期举行听证通知书")


# 文号 prefix of each kind (the district's 船应急 + the kind's short name) and its sequence key (core.sequences).
DOCUMENT_PREFIX = {DocumentKind.RECORD: ("船应急检记", "ZFJL"), DocumentKind.ORDER: ("船应急责改", "ZFZG"),
                   DocumentKind.RECHECK: ("船应急复查", "ZFFC"), DocumentKind.NOTICE: ("船应急罚告", "ZFGZ"),
                   DocumentKind.DECISION: ("船应急罚决", "ZFJD"),
                   DocumentKind.HEARING_NOTICE: ("船应急听通", "ZFTZ"),
                   DocumentKind.HEARING_POSTPONEMENT: ("船应急听延", "ZFTY")}


class OrderState(models.TextChoices):
    ORDERED = "ordered", _("限期整改中")
    PASSED = "passed", _("复查合格")
    FAILED = "failed", _("复查不合格")


class PartyType(models.TextChoices):
    UNIT = "unit", _("单位")
    PERSON = "person", _("个人")


class PenaltyKind(models.TextChoices):
    WARNING = "warning", _("警告")
    FINE = "fine", _("罚款")
    CONFISCATION = "confiscation", _("没收违法所得")
    SUSPENSION = "suspension", _("责令停产停业")
    REVOCATION = "revocation", _("吊销许可证")


class CaseState(models.TextChoices):
    FILED = "filed", _("已立案")
    INVESTIGATING = "investigating", _("调查取证")
    REVIEWING = "reviewing", _("案件审核")
    LEGAL_REVIEWED = "legal_reviewed", _("法制审核通过")
    NOTIFIED = "notified", _("已告知")
    DECIDED = "decided", _("已决定")
    SERVED = "served", _("已送达")
    EXECUTED = "executed", _("已执行")
    CLOSED = "closed", _("已结案")


class RightsKind(models.TextChoices):
    """What is recorded of the party's rights after the 告知书 (行政处罚法 第四十四、四十五、六十三、六十四条)."""

    STATEMENT = "statement", _("陈述申辩")
    STATEMENT_WAIVED = "statement_waived", _("放弃陈述申辩")
    HEARING_REQUEST = "hearing_request", _("申请听证")
    HEARING_WAIVED = "hearing_waived", _("放弃听证")
    HEARING_NOTICE = "hearing_notice", _("听证通知")
    HEARING_POSTPONED = "hearing_postponed", _("听证延期")
    HEARING_HELD = "hearing_held", _("举行听证（听证笔录）")
