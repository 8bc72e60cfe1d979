"""Housekeeping that rides on the delivery loop: apps register functions to run every so often.

`yingji worker` calls `deliver_pending()` in a loop; when it is called without an explicit `now`
(i.e. by a worker, not by a test driving time), the due hooks run first, at most once per interval
per process. Used for closing expired warnings and escalating unconfirmed messages.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Hook:
    name: str
    func: Callable[[], object]
    every_seconds: float
    last_run: float = float("-inf")


HOOKS: dict[str, Hook] = {}


def register_periodic(name: str, func: Callable[[], object], every_seconds: float = 30.0) -> None:
    HOOKS[name] = Hook(name, func, every_seconds)


def run_due(clock=time.monotonic) -> list[str]:
    ran = []
    for hook in HOOKS.values():
        if clock() - hook.last_run < hook.every_seconds:
            continue
        hook.last_run = clock()
        try:
            hook.func()
            ran.append(hook.name)
        except Exception:  # one failing hook must not stop deliveries
            log.exception("periodic hook %s failed", hook.name)
    return ran
