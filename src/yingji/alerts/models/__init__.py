from .incoming import CapFeed, IncomingCap, IncomingState, SignatureStatus
from .recipients import Loudspeaker, Subscriber
from .warnings import CapMessage, GuidanceTemplate, Warning, WarningEvent, WarningStatus

__all__ = [
    "CapFeed",
    "CapMessage",
    "GuidanceTemplate",
    "IncomingCap",
    "IncomingState",
    "Loudspeaker",
    "SignatureStatus",
    "Subscriber",
    "Warning",
    "WarningEvent",
    "WarningStatus",
]
