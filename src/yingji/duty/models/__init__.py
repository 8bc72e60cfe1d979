from .escalation import Escalation, EscalationChain, EscalationFire, EscalationStep
from .handover import Handover
from .log import ImmutableEntryError, Instruction, LogEntry
from .rollcall import RollCall, RollCallTarget
from .rosters import DutyPost, Leave, Roster, Shift, ShiftPattern, SwapRequest

__all__ = [
    "DutyPost",
    "Escalation",
    "EscalationChain",
    "EscalationFire",
    "EscalationStep",
    "Handover",
    "ImmutableEntryError",
    "Instruction",
    "Leave",
    "LogEntry",
    "RollCall",
    "RollCallTarget",
    "Roster",
    "Shift",
    "ShiftPattern",
    "SwapRequest",
]
