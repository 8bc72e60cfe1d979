"""The background worker's loop, shared by `yingji worker`, the demo's embedded thread and Celery's tasks.

One round dispatches the outbox (core.events) and runs every registered worker step (the channels app's
message delivery, …). Periodic hooks (core.extensions.PERIODIC_HOOKS) run at most once per interval per
process; tests drive time explicitly and call the pieces they need instead.
"""

import logging
import time

from .context import acting
from .events import dispatch_pending
from .extensions import PERIODIC_HOOKS, WORKER_STEPS

log = logging.getLogger(__name__)


def run_due(clock=time.monotonic) -> list[str]:
    """Run the periodic hooks whose interval has passed; one failing hook does not stop the others."""
    ran = []
    for hook in PERIODIC_HOOKS:
        if clock() - hook.last_run < hook.every_seconds:
            continue
        hook.last_run = clock()
        try:
            hook.run()
            ran.append(hook.key)
        except Exception:
            log.exception("periodic hook %s failed", hook.key)
    return ran


def work_once(now=None) -> int:
    """One round: the due periodic hooks (real time only), the outbox, then each worker step."""
    if now is None:
        run_due()
    handled = dispatch_pending(now=now)
    for step in WORKER_STEPS:
        handled += step.run(now)
    return handled


def run_forever(interval: float = 1.0, once: bool = False) -> int:
    with acting(source="task"):
        while True:
            handled = work_once()
            if once:
                return handled
            if not handled:
                time.sleep(interval)
