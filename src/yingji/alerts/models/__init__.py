from .incoming import IncomingCap
from .recipients import Loudspeaker, Subscriber
from .warnings import CapMessage, GuidanceTemplate, Warning, WarningEvent, WarningStatus

__all__ = [
    "CapMessage",
    "GuidanceTemplate",
    "IncomingCap",
    "Loudspeaker",
    "Subscriber",
    "Warning",
    "WarningEvent",
    "WarningStatus",
]
