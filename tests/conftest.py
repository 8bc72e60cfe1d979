"""Shared fixtures: the Chuanshan demonstration data is loaded once per test database.

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

from yingji.demo.townships import township

# A smaller generated subscriber list keeps each test database quick to set up.
os.environ.setdefault("YINGJI_DEMO_SUBSCRIBERS", "2000")


def pytest_configure(config):
    # Hashing the demo passwords at full strength would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Audit anchors and archives written by tests (the worker's periodic hooks run in some) stay out of var/.
    audit_files = Path(tempfile.mkdtemp(prefix="yingji-test-audit-"))
    atexit.register(shutil.rmtree, audit_files, ignore_errors=True)
    settings.AUDIT_ANCHOR_DIR, settings.AUDIT_ARCHIVE_DIR = audit_files / "anchors", audit_files / "archive"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from yingji.core.context import acting
    from yingji.core.demo_loading import load_demo

    with django_db_blocker.unblock(), acting(source="demo"):
        load_demo(progress=lambda message: None)


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


@pytest.fixture(scope="session", autouse=True)
def _close_sequence_connections(django_db_setup):
    """On PostgreSQL, record numbers are taken on side connections (core.sequences); close them before the
    test database is dropped."""
    yield
    from yingji.core.sequences import close_side_connections

    close_side_connections()
