"""Configurable rules of the enforcement app (shared/STANDARDS.md §5, §11). Defaults here; a deployment overrides
any of them with ``settings.YINGJI_ENFORCEMENT = {"min_training_hours": 40, ...}`` (read on each call)."""

import dataclasses

from django.conf import settings


@dataclasses.dataclass(frozen=True)
class EnforcementConfig:
    # Yearly inspections per supervision class (重点/一般/其他) [V local]: 重点 at most twice a year (§5).
    frequency: tuple[tuple[str, int], ...] = (("key", 2), ("general", 1), ("other", 0))
    min_training_hours: int = 40  # 执法人员年度培训学时 needed to be drawn or to sign [local]
    own_township_recusal: bool = True  # an inspector is not drawn for a target in their own township
    min_inspectors: int = 2  # 执法人员不得少于两人 (行政处罚法 第四十二条)
    sample_share_percent: int = 5  # default share of the directory drawn in a year (§5) [V local]
    publish_working_days: int = 20  # results public within 20 working days of the inspection (§11) [S]
    publish_amber_days: int = 5  # the publication clock turns amber this many working days before [local]
    certificate_warning_days: int = 60  # a certificate expiring within this many days is flagged
    # 行政处罚 (§11): days from 立案 to the decision, to ask for a hearing after the 告知书, for 陈述申辩, to notify
    # the hearing before it is held, to serve the decision, to pay a fine after service [S]; the hearing and 法制审核
    # thresholds [? local]. 行政处罚法 第八十五条: its 三日、五日、七日 are working days (statement, hearing request,
    # hearing notice, service); the 90 and 15 days are calendar days.
    decision_days: int = 90
    hearing_request_days: int = 5
    statement_days: int = 3
    hearing_notice_days: int = 7
    service_days: int = 7
    payment_days: int = 15
    hearing_threshold_unit: int = 100000  # yuan: a unit fined at or above this may ask for a hearing
    hearing_threshold_person: int = 10000  # yuan: the same for an individual
    hearing_kinds: tuple[str, ...] = ("suspension", "revocation")  # always with a hearing right
    legal_review_threshold: int = 100000  # yuan: a fine at or above this is a 重大执法决定 (法制审核)
    legal_review_kinds: tuple[str, ...] = ("suspension", "revocation")
    # 加处罚款 on a fine paid late: NOT in shared/STANDARDS.md (our reading of 行政处罚法 第七十二条第一款第（一）项:
    # 每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额) [? local] — configurable; 0 turns it off.
    late_fee_percent_per_day: float = 3
    late_fee_cap_percent: float = 100  # the 加处罚款 never exceeds this share of the fine

    def yearly(self, supervision_class: str) -> int:
        return dict(self.frequency).get(supervision_class, 0)


def current() -> EnforcementConfig:
    overrides = dict(getattr(settings, "YINGJI_ENFORCEMENT", None) or {})
    if "frequency" in overrides and isinstance(overrides["frequency"], dict):
        overrides["frequency"] = tuple(overrides["frequency"].items())
    for key in ("hearing_kinds", "legal_review_kinds"):
        if key in overrides:
            overrides[key] = tuple(overrides[key])
    return dataclasses.replace(EnforcementConfig(), **overrides)
