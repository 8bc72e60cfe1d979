from .criteria import HazardCriterion
from .enterprises import Enterprise, EnterpriseAccount, MajorHazardSource
from .hazards import Hazard, HazardStep
from .risks import RiskPoint
from .selfchecks import CheckItem, CheckList, SelfCheck, SelfCheckResult

__all__ = ["CheckItem", "CheckList", "Enterprise", "EnterpriseAccount", "Hazard", "HazardCriterion", "HazardStep",
           "MajorHazardSource", "RiskPoint", "SelfCheck", "SelfCheckResult"]
