"""Sealing under real concurrency, on PostgreSQL (threads with their own connections, a process killed with
SIGKILL): every entry is chained exactly once, and what a crash left unsealed is chained by the next run.
SQLite serialises writers as a whole and its test database is not shared between processes: skipped there."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from yingji.core.audit import record, seal_pending
from yingji.core.audit_verify import verify_chain
from yingji.core.models import AuditEntry


@pytest.fixture
def committed(django_db_blocker, settings, tmp_path):
    settings.AUDIT_ANCHOR_DIR = tmp_path / "anchors"
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("sealing races are tested on PostgreSQL (DATABASE_URL=postgres://…)")
        yield f"test.seal.{uuid.uuid4().hex[:8]}"


def _threads(*targets):
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    return threads


def test_two_sealers_racing_with_writers_seal_every_entry_exactly_once(committed):
    pending_before = AuditEntry.objects.filter(seq__isnull=True).count()
    start, writing_done, sealed, errors = threading.Barrier(6), threading.Event(), [], []

    def writer(number):
        try:
            start.wait(30)
            for n in range(25):
                with transaction.atomic():
                    record("export", model_label=committed, object_repr=f"{number}-{n}")
        finally:
            connections.close_all()

    def sealer():
        total = 0
        try:
            start.wait(30)
            while not writing_done.is_set():
                total += seal_pending(batch_size=7)
            total += seal_pending(batch_size=7)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            sealed.append(total)
            connections.close_all()

    writers = _threads(*[lambda n=n: writer(n) for n in range(4)])
    sealers = _threads(sealer, sealer)
    for thread in writers:
        thread.join(120)
    writing_done.set()
    for thread in sealers:
        thread.join(120)
    last = seal_pending()

    assert errors == []
    assert sum(sealed) + last == pending_before + 100  # each entry sealed by one sealer, once
    entries = AuditEntry.objects.filter(model=committed)
    assert entries.count() == 100 and not entries.filter(seq__isnull=True).exists()
    assert entries.values("seq").distinct().count() == 100
    assert verify_chain().ok


def test_a_process_killed_after_commit_leaves_entries_that_the_next_seal_run_chains(committed):
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    script = textwrap.dedent(f"""
        import os, signal, django
        os.environ["DJANGO_SETTINGS_MODULE"] = "yingji.settings"
        django.setup()
        from django.db import transaction
        from yingji.core.audit import record
        with transaction.atomic():
            for n in range(3):
                record("export", model_label="{committed}", object_repr=str(n))
        os.kill(os.getpid(), signal.SIGKILL)  # committed, never sealed
    """)
    killed = subprocess.run([sys.executable, "-c", script], env={**os.environ, "DATABASE_URL": url}, timeout=120)
    assert killed.returncode == -signal.SIGKILL

    entries = AuditEntry.objects.filter(model=committed)
    assert entries.count() == 3 and not entries.filter(seq__isnull=False).exists()
    later = timezone.now() + timedelta(minutes=11)
    verdict = verify_chain(now=later)
    assert not verdict.ok and "仍未封存" in verdict.reason
    assert seal_pending() >= 3
    assert entries.filter(seq__isnull=False).count() == 3 and verify_chain(now=later).ok
