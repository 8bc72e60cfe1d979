"""The test suite's own machinery: which demo template a run may reuse (tests/dbtemplate.py) and which modules a
-m expression lets it skip (tests/selection.py)."""

import time
from datetime import datetime, timedelta

import pytest

import dbtemplate
from selection import may_select


def test_the_template_changes_with_what_shapes_the_demo():
    env = {"YINGJI_DEMO_SUBSCRIBERS": "2000", "DJANGO_SETTINGS_MODULE": "yingji.settings"}
    key = dbtemplate.fingerprint(env, fast_passwords=True)
    assert dbtemplate.fingerprint(dict(env), fast_passwords=True) == key
    assert dbtemplate.fingerprint({**env, "YINGJI_DEMO_SUBSCRIBERS": "400"}, fast_passwords=True) != key
    assert dbtemplate.fingerprint(env, fast_passwords=False) != key  # full-strength password hashes
    # A run's own directory and variables the source never reads do not shape it.
    assert dbtemplate.fingerprint({**env, "YINGJI_VAR_DIR": "/tmp/x", "HOME": "/nowhere"}, fast_passwords=True) == key


def test_a_template_from_an_hour_ago_or_an_earlier_day_is_built_again():
    now = time.time()
    assert dbtemplate._fresh(now - 60)
    assert not dbtemplate._fresh(now - dbtemplate.MAX_AGE_SECONDS - 1)
    midnight = datetime.now(dbtemplate.LOCAL_TIME).replace(hour=0, minute=0, second=0, microsecond=0)
    assert not dbtemplate._fresh((midnight - timedelta(seconds=1)).timestamp())
    assert dbtemplate._needs_build(None, rebuild=False)
    assert not dbtemplate._needs_build({"built_at": now, "run": dbtemplate.RUN}, rebuild=True)  # once per run
    assert dbtemplate._needs_build({"built_at": now, "run": "an earlier run"}, rebuild=True)


@pytest.mark.parametrize(("markexpr", "selects_fuzz"), [
    ("not browser and not fuzz", False), ("not fuzz", False), ("not (fuzz or browser)", False),
    ("", True), ("fuzz", True), ("browser or fuzz", True), ("fuzz and not slow", True), ("django_db and fuzz", True),
    ("not browser and not fuzz and not slow", False), ("slow", False), ("not browser and not fuzz", False),
])
def test_a_module_is_skipped_only_when_the_marker_expression_can_select_none_of_its_tests(markexpr, selects_fuzz):
    assert may_select(markexpr, "fuzz") is selects_fuzz


def test_make_test_skips_the_slow_worker_modules_and_make_test_slow_imports_them():
    assert not may_select("not browser and not fuzz and not slow", "slow")
    assert may_select("slow", "slow") and may_select("not browser and not fuzz", "slow")


def test_test_modules_have_unique_names():
    """The test folders are not packages: two modules with one name stop the whole suite at collection, which a
    run of one folder never shows."""
    from collections import Counter
    from pathlib import Path

    names = Counter(path.name for path in Path(__file__).parent.rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []


def test_no_test_flushes_the_demo_database():
    """A transactional test (django_db(transaction=True), transactional_db) empties every table when it ends, and the
    tests after it in the same worker lose the demo data they read outside a transaction. Threads and committed
    counters are tested the way tests/core/test_sequences.py does (django_db_blocker, clean up what was written)."""
    import re
    from pathlib import Path

    pattern = re.compile(r"\btransaction\s*=\s*True|\btransactional_db\b|\blive_server\b")
    here = Path(__file__)
    offenders = [str(path.relative_to(here.parent)) for path in here.parent.rglob("test_*.py")
                 if path != here and pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.django_db
def test_a_request_outside_the_exchange_tests_leaves_no_thread_writing_behind(api):
    """The exchange log is written by a thread of the process a second later in a server; in a test that thread
    wrote outside the test's transaction and, on in-memory SQLite, locked the next test out (the API fuzz's
    "database table is locked"). Here the call is logged in the request, inside the test."""
    import threading

    from yingji.exchange.models import ExchangeCall

    reply = api().get("/api/exchange/catalogue/", HTTP_AUTHORIZATION="Partner yjp_not_a_key")
    assert reply.status_code == 401
    assert ExchangeCall.objects.filter(path="/api/exchange/catalogue/", status=401).exists()
    assert [t.name for t in threading.enumerate() if t.name.startswith("exchange-")] == []
