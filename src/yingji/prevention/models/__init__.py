from .criteria import HazardCriterion
from .enterprises import Enterprise, EnterpriseAccount, MajorHazardSource
from .hazards import Hazard, HazardStep
from .patrols import PatrolTask, PatrolVisit
from .risks import RiskPoint
from .selfchecks import CheckItem, CheckList, SelfCheck, SelfCheckResult

__all__ = ["CheckItem", "CheckList", "Enterprise", "EnterpriseAccount", "Hazard", "HazardCriterion", "HazardStep",
           "MajorHazardSource", "PatrolTask", "PatrolVisit", "RiskPoint", "SelfCheck", "SelfCheckResult"]
