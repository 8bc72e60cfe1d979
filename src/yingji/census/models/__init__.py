from .assets import ExposedAsset
from .households import Household
from .jobs import ImportJob, JobState
from .registers import DangerZone, HazardPoint, HistoricalDisaster
from .relief import AffectedPerson, Allocation, Distribution, ShelterStore
from .risk import RiskAssessment
from .transfers import Transfer, TransferMark

__all__ = ["AffectedPerson", "Allocation", "DangerZone", "Distribution", "ExposedAsset", "HazardPoint",
           "HistoricalDisaster", "Household", "ImportJob", "JobState", "RiskAssessment", "ShelterStore", "Transfer",
           "TransferMark"]
