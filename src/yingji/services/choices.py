"""Code tables of the enterprise services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    PLAN_FILING = "plan_filing", _("生产经营单位应急预案备案")
    LICENCE = "licence", _("安全生产行政许可")


class CaseState(models.TextChoices):
    SUBMITTED = "submitted", _("已提交待审查")
    RETURNED = "returned", _("退回补正")
    ACCEPTED = "accepted", _("已受理")
    SITE_CHECKED = "site_checked", _("已现场核查")
    APPROVED = "approved", _("准予许可")
    DONE = "done", _("已办结")
    REFUSED = "refused", _("不予许可")


OPEN_STATES = (CaseState.SUBMITTED, CaseState.ACCEPTED, CaseState.SITE_CHECKED, CaseState.APPROVED)
CLOCK_STATES = OPEN_STATES  # the legal time limit runs while the bureau holds the case


class PlanKind(models.TextChoices):
    GENERAL = "general", _("综合应急预案")
    SPECIAL = "special", _("专项应急预案")
    ONSITE = "onsite", _("现场处置方案")


# The documents of a filing (令第2号 第二十六条): the three plan files and the evaluation record; attachment kinds.
FILING_DOCUMENTS = {
    "plan_general": _("综合应急预案"),
    "plan_special": _("专项应急预案"),
    "plan_onsite": _("现场处置方案"),
    "plan_evaluation": _("应急预案评审（论证）意见"),
}
LICENCE_DOCUMENTS = {
    "licence_application": _("许可申请书"),
    "licence_premises": _("经营场所产权或租赁证明"),
    "licence_rules": _("安全生产规章制度和岗位操作规程"),
    "licence_staff": _("主要负责人和安全管理人员考核合格证明"),
}


class RiskState(models.TextChoices):
    LOW = "low", _("低风险")
    NORMAL = "normal", _("一般风险")
    ELEVATED = "elevated", _("较大风险")
    MAJOR = "major", _("重大风险")


class LicenceStatus(models.TextChoices):
    VALID = "valid", _("有效")
    REVOKED = "revoked", _("已吊销")
    CANCELLED = "cancelled", _("已注销")


class CreditEventKind(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    ENFORCEMENT_PENALTY = "enforcement_penalty", _("本局执法案件作出处罚决定")
    MAJOR_HAZARD_OVERDUE = "major_hazard_overdue", _("重大事故隐患逾期未整改")
    COMMITMENT_MISSED = "commitment_missed", _("未按时作出安全承诺")
    ACCIDENT = "accident", _("发生生产安全事故")
    LICENCE_REVOKED = "licence_revoked", _("许可证被吊销")
    FILING_OVERDUE = "filing_overdue", _("应急预案未按期备案")
    STANDARDISATION = "standardisation", _("取得安全生产标准化证书")
    HONOUR = "honour", _("获得安全生产表彰")


class CreditList(models.TextChoices):
    BLACKLIST = "blacklist", _("失信惩戒对象名单")
    WATCHLIST = "watchlist", _("重点关注名单")


class CommitmentFrequency(models.TextChoices):
    DAILY = "daily", _("每日")
    WEEKLY = "weekly", _("每周")


class SignupState(models.TextChoices):
    SIGNED_UP = "signed_up", _("已报名")
    CONFIRMED = "confirmed", _("已确认")
    TAKEN = "taken", _("已考")
    PASSED = "passed", _("通过")
    FAILED = "failed", _("未通过")
    CANCELLED = "cancelled", _("已取消")


LIVE_SIGNUPS = (SignupState.SIGNED_UP, SignupState.CONFIRMED, SignupState.TAKEN, SignupState.PASSED,
                SignupState.FAILED)  # the sign-ups that hold a seat
