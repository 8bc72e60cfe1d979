"""Work a process must finish before it ends: buffers written at once instead of per request (the exchange log's
gathered rows, the rule passes of pushed readings). Registered with `on_shutdown`, run once by `run`: from the ASGI
server's lifespan shutdown (yingji/asgi.py), which comes after the last request has been answered, and at exit for
every other kind of process. The server path matters because uvicorn, after a graceful SIGTERM shutdown, raises
the signal again and the process dies of it: `atexit` never runs in a web process stopped the usual way."""

import atexit
import threading
from collections.abc import Callable

_hooks: list[Callable[[], None]] = []
_lock = threading.Lock()


def on_shutdown(hook: Callable[[], None]) -> None:
    """Call `hook` once when the process ends (server shutdown or interpreter exit)."""
    with _lock:
        if hook not in _hooks:
            _hooks.append(hook)


def run() -> None:
    """Run every registered hook once, in the order registered; later calls run only hooks added since."""
    while True:
        with _lock:
            if not _hooks:
                return
            hook = _hooks.pop(0)
        hook()


atexit.register(run)
