"""Shared fixtures: every test database is a copy of the Chuanshan demonstration data, loaded once per run
(tests/dbtemplate.py).

Each test runs in a transaction that is rolled back, so tests see the same demo district.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

import dbtemplate
import selection
from yingji.demo.townships import township

# A smaller generated subscriber list keeps each test database quick to set up.
os.environ.setdefault("YINGJI_DEMO_SUBSCRIBERS", "2000")
# Work a request leaves for a thread of the process (exchange/gathering.py: pushed readings' rules, the exchange
# log) is done in the request: a thread would write outside the test's transaction, and on the in-memory SQLite
# database its table lock made the next test's BEGIN fail ("database table is locked"). A test of the gathering
# itself sets it.
os.environ.setdefault("YINGJI_EXCHANGE_GATHER_SECONDS", "0")


def pytest_ignore_collect(collection_path, config):
    """A module whose every test the -m expression deselects is not even imported (tests/selection.py)."""
    return True if selection.wholly_deselected(collection_path, config.getoption("markexpr")) else None


def pytest_configure(config):
    # Hashing the demo passwords at full strength would dominate the suite's run time.
    settings.PASSWORD_HASHERS = dbtemplate.FAST_HASHERS  # the demo template is hashed the same way
    # Audit anchors and archives written by tests (the worker's periodic hooks run in some) stay out of var/.
    audit_files = Path(tempfile.mkdtemp(prefix="yingji-test-audit-"))
    atexit.register(shutil.rmtree, audit_files, ignore_errors=True)
    settings.AUDIT_ANCHOR_DIR, settings.AUDIT_ARCHIVE_DIR = audit_files / "anchors", audit_files / "archive"


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_createdb, django_db_modify_db_settings):
    """Replaces pytest-django's: the test database is copied from the demo template, not migrated and loaded
    again (--create-db builds the template afresh)."""
    from django.db import connection

    from yingji.core.sequences import close_side_connections

    with django_db_blocker.unblock():
        old_name = dbtemplate.create_test_database(connection, rebuild=django_db_createdb)
    yield
    with django_db_blocker.unblock():
        close_side_connections()  # PostgreSQL: record numbers are taken on side connections (core.sequences)
        connection.creation.destroy_test_db(old_name, verbosity=0)


@pytest.fixture
def users(db):
    from yingji.core.models import User

    return {user.username: user for user in User.objects.filter(is_demo=True)}


@pytest.fixture
def api(db):
    """api(user) → an APIClient authenticated as that user (or anonymous with None)."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def regions(db):
    from yingji.core.models import Region

    return {
        "district": Region.objects.get(level=1),
        "guihua": Region.objects.get(code=township("桂花镇").code),
        "longfeng": Region.objects.get(code=township("龙凤镇").code),
    }


@pytest.fixture
def http_sink():
    from peers import HttpSink

    sink = HttpSink()
    yield sink
    sink.close()


@pytest.fixture
def smtp_sink():
    from peers import SmtpSink

    sink = SmtpSink()
    yield sink
    sink.close()


@pytest.fixture
def mqtt_listener():
    from peers import MqttListener

    listeners = []

    def listen(topic):
        listener = MqttListener(topic)
        listeners.append(listener)
        return listener

    yield listen
    for listener in listeners:
        listener.close()


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Each test starts in the default language: a request in English leaves English active in the thread,
    and text a later test builds outside a request (event titles) would come out in English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
