from .directories import InspectionItem, Inspector, Target
from .draws import Draw
from .plans import AnnualPlan, PlanLine
from .tasks import Finding, InspectionTask

__all__ = ["AnnualPlan", "Draw", "Finding", "InspectionItem", "InspectionTask", "Inspector", "PlanLine", "Target"]
