from .accounts import User
from .attachments import Attachment
from .audit import AuditAction, AuditChainHead, AuditEntry
from .base import RegistryModel
from .organizations import (
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommitteePost,
    Establishment,
    Organization,
    OrganizationKind,
    Person,
    Staffing,
)
from .outbox import DeliveryStatus, OutboxDelivery, OutboxEvent
from .regions import Region, RegionLevel
from .sequences import DailySequence
from .submissions import Submission

__all__ = [
    "Attachment",
    "AuditAction",
    "AuditChainHead",
    "AuditEntry",
    "Committee",
    "CommitteeKind",
    "CommitteeMember",
    "CommitteePost",
    "DailySequence",
    "DeliveryStatus",
    "Establishment",
    "Organization",
    "OrganizationKind",
    "OutboxDelivery",
    "OutboxEvent",
    "Person",
    "Region",
    "RegionLevel",
    "RegistryModel",
    "Staffing",
    "Submission",
    "User",
]
