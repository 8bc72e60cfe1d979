from .cases import PenaltyCase, RightsRecord
from .directories import InspectionItem, Inspector, Target
from .documents import IssuedDocument, RectificationOrder
from .draws import Draw
from .plans import AnnualPlan, PlanLine
from .tasks import Finding, InspectionTask

__all__ = ["AnnualPlan", "Draw", "Finding", "InspectionItem", "InspectionTask", "Inspector", "IssuedDocument",
           "PenaltyCase", "PlanLine", "RectificationOrder", "RightsRecord", "Target"]
