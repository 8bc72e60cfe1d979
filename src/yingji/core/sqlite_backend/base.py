"""SQLite, with writers served in turn.

SQLite has one write lock, and a writer that finds it taken polls for it with growing sleeps (its busy handler): in a
surge the one that has just written tends to get it again, and some reports wait out the busy timeout while the
median waits half a second. Here every write transaction (the IMMEDIATE BEGIN of an outermost atomic block, or a
write statement run in autocommit) first takes an OS file lock (flock, exclusive) on ``<database>.write-lock``,
shared by every process and thread, and gives it back at commit or rollback. Waiting writers sleep in the kernel
and are woken as soon as it is free instead of polling. Reads never take it (WAL). Savepoints of nested atomic
blocks are inside the outer transaction and take nothing. The lock belongs to an open file: a process that dies
gives it back with its descriptors. An in-memory database (one process) needs no queue.
"""

import fcntl
import os
from contextlib import nullcontext

from django.db.backends.sqlite3 import base

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class WriteQueue:
    """One holder at a time across processes; one per connection (flock locks belong to an open file)."""

    def __init__(self, path: str):
        self.path, self.fd, self.pid, self.held = path, None, None, False

    def acquire(self):
        if self.fd is None or self.pid != os.getpid():  # a forked child opens its own file
            self.fd, self.pid = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600), os.getpid()
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        self.held = True

    def release(self):
        if self.held:
            self.held = False
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def close(self):
        self.release()
        if self.fd is not None and self.pid == os.getpid():
            os.close(self.fd)
        self.fd = None


class QueuedCursorWrapper(base.SQLiteCursorWrapper):
    """A write statement outside any transaction (a plain ``save()``) queues for its own moment."""

    def execute(self, query, params=None):
        with self._turn(query):
            return super().execute(query, params)

    def executemany(self, query, param_list):
        with self._turn(query):
            return super().executemany(query, param_list)

    def _turn(self, query):
        queue = self.wrapper.queue
        if queue is None or queue.held or not query.lstrip()[:7].upper().startswith(WRITES):
            return nullcontext()
        return _Holding(queue)


class DatabaseWrapper(base.DatabaseWrapper):
    queue = None

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if self.settings_dict.get("OPTIONS", {}).get("write_queue", True) and not self.is_in_memory_db():
            self.queue = WriteQueue(f"{self.settings_dict['NAME']}.write-lock")
        return connection

    def get_connection_params(self):
        params = super().get_connection_params()
        params.pop("write_queue", None)
        return params

    def create_cursor(self, name=None):
        cursor = self.connection.cursor(factory=QueuedCursorWrapper)
        cursor.wrapper = self
        return cursor

    def _start_transaction_under_autocommit(self):
        if self.queue is None or self.queue.held:
            return super()._start_transaction_under_autocommit()
        self.queue.acquire()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self.queue.release()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release()

    def _close(self):
        try:
            return super()._close()
        finally:
            if self.queue is not None:
                self.queue.close()

    def _release(self):
        if self.queue is not None:
            self.queue.release()


class _Holding:
    """Held for one autocommitted statement (SQLite commits it before the statement returns)."""

    def __init__(self, queue):
        self.queue = queue

    def __enter__(self):
        self.queue.acquire()

    def __exit__(self, *exc):
        self.queue.release()
