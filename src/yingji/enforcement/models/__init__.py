from .cases import PenaltyCase, PenaltyPayment, RightsRecord
from .directories import InspectionItem, Inspector, Target
from .documents import IssuedDocument, RectificationOrder
from .draws import Draw
from .plans import AnnualPlan, PlanLine
from .tasks import Finding, InspectionTask

__all__ = ["AnnualPlan", "Draw", "Finding", "InspectionItem", "InspectionTask", "Inspector", "IssuedDocument",
           "PenaltyCase", "PenaltyPayment", "PlanLine", "RectificationOrder", "RightsRecord", "Target"]
