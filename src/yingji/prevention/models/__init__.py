from .enterprises import Enterprise, EnterpriseAccount, MajorHazardSource
from .hazards import Hazard, HazardStep
from .risks import RiskPoint

__all__ = ["Enterprise", "EnterpriseAccount", "Hazard", "HazardStep", "MajorHazardSource", "RiskPoint"]
