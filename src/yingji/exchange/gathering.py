"""Work a push leaves behind, done for many pushes at once by one thread of the process: the monitoring rules of
the sensors that pushes stored (RULES) and the exchange log's rows (LOG). A partner pushing small records hundreds
of times a second would otherwise pay, per push, a rule pass (the accumulation windows' sums) and a transaction of
its own for its log line. Each waits at most `seconds()` (YINGJI_EXCHANGE_GATHER_SECONDS, default 1; 0 does the
work at once, in the request, as the tests do). The thread ends when nothing is left; the next push starts another.
A process ending flushes what it holds (core/shutdown.py: the server's graceful shutdown, or exit); a process killed
loses at most that much: log lines, and rule passes that the sensor's next reading makes up (the readings themselves
are committed before they are handed over)."""

import contextlib
import os
import threading
from collections.abc import Callable

from yingji.core import shutdown


def seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("YINGJI_EXCHANGE_GATHER_SECONDS", "1")))
    except ValueError:
        return 1.0


class Gathered:
    def __init__(self, handle: Callable[[list], None], name: str):
        self.handle, self.name = handle, name
        self.lock = threading.Lock()
        self.pending: list = []
        self.thread: threading.Thread | None = None
        self.closing = threading.Event()  # set at shutdown: the thread's wait ends at once

    def add(self, items) -> None:
        every = seconds()
        if every <= 0:
            self._handle(list(items))
            return
        with self.lock:
            self.pending.extend(items)
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, args=(every,), name=self.name, daemon=True)
                self.thread.start()

    def flush(self) -> None:
        """Do now what is waiting (a page about to show the log; the process ending)."""
        with self.lock:
            items, self.pending = self.pending, []
        if items:
            self._handle(items)

    def close(self) -> None:
        """At exit: let the thread finish the pass it may be in the middle of, then do what is left."""
        self.closing.set()
        thread = self.thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(10)
        self.flush()

    def _run(self, every: float) -> None:
        from django.db import connection

        try:
            while True:
                self.closing.wait(every)
                with self.lock:
                    items, self.pending = self.pending, []
                    if not items:
                        self.thread = None
                        return
                self._handle(items)
        finally:
            with self.lock:  # however it ended, the next push may start another
                if self.thread is threading.current_thread():
                    self.thread = None
            connection.close()

    def _handle(self, items: list) -> None:
        with contextlib.suppress(Exception):  # never a push's error: see the module's note on what is lost
            self.handle(items)


def _evaluate(sensors: list) -> None:
    from yingji.monitoring.alarms import evaluate_sensors

    evaluate_sensors(set(sensors))


def _write_log(rows: list) -> None:
    from .models import ExchangeCall

    ExchangeCall.objects.bulk_create(rows)


RULES = Gathered(_evaluate, "exchange-rules")
LOG = Gathered(_write_log, "exchange-log")
shutdown.on_shutdown(LOG.close)
shutdown.on_shutdown(RULES.close)
