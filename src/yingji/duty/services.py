"""The duty desk's write services in one place. The UI, the API, the demo loader and the scheduler all
call these; each is atomic and takes keyword arguments (`now=` for tests that drive the clock)."""

from .chains import delete_chain, save_chain, set_enabled
from .dutylog import complete_instruction, correct, log_call, log_event, log_instruction
from .escalation import acknowledge as acknowledge_escalation
from .escalation import run_escalations
from .handovers import accept as accept_handover
from .handovers import open_handover, return_handover
from .handovers import submit as submit_handover
from .rollcalls import acknowledge as acknowledge_roll_call
from .rollcalls import send_roll_call
from .rostering import generate_roster
from .shifts import assign_shift, change_leave, record_leave, staff_shift, withdraw_leave
from .swaps import decide_swap, request_swap

__all__ = [
    "accept_handover",
    "acknowledge_escalation",
    "acknowledge_roll_call",
    "assign_shift",
    "change_leave",
    "complete_instruction",
    "correct",
    "decide_swap",
    "delete_chain",
    "generate_roster",
    "log_call",
    "log_event",
    "log_instruction",
    "open_handover",
    "record_leave",
    "request_swap",
    "return_handover",
    "run_escalations",
    "save_chain",
    "send_roll_call",
    "set_enabled",
    "staff_shift",
    "submit_handover",
    "withdraw_leave",
]
