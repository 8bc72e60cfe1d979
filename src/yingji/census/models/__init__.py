from .assets import ExposedAsset
from .households import Household
from .jobs import ImportJob, JobState
from .registers import DangerZone, HazardPoint, HistoricalDisaster
from .relief import AffectedPerson, Distribution
from .risk import RiskAssessment
from .transfers import Transfer, TransferMark

__all__ = ["AffectedPerson", "DangerZone", "Distribution", "ExposedAsset", "HazardPoint", "HistoricalDisaster",
           "Household", "ImportJob", "JobState", "RiskAssessment", "Transfer", "TransferMark"]
