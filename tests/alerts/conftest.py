"""Helpers for the alerts tests: valid warning input, the demo channels pointed at the local peers."""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from process_db import own_database
from yingji.demo.townships import township

THREE = ("桂花镇", "老池镇", "龙凤镇")


@pytest.fixture
def warning_data():
    def make(**changes):
        now = timezone.now()
        data = {
            "type_code": "met.rainstorm", "level": "red", "headline": "船山区暴雨红色预警",
            "description": "预计 3 小时内降雨量将达 100 毫米以上。", "instructions": "",
            "effective": now.isoformat(), "expires": (now + timedelta(hours=12)).isoformat(),
            "source": "转发区气象局", "area_kind": "regions",
            "area_regions": [township(n).code for n in THREE],
        }
        return {**data, **changes}

    return make


@pytest.fixture
def sink_channels(http_sink, db):
    """The demo channels, sending to the HTTP sink (and Mosquitto for APP push)."""
    from yingji.channels.models import Channel

    for code, path in (("alert-sms", "sms"), ("alert-wecom", "wecom"), ("alert-broadcast", "broadcast")):
        channel = Channel.objects.get(code=code)
        channel.config = {**channel.config, "url": f"{http_sink.url}/{path}"}
        channel.max_attempts = 2
        channel.save()
    return http_sink


@pytest.fixture
def publish_flow(users):
    """duty drafts → duty-chief reviews → commander signs (and so publishes)."""
    from yingji.alerts import services

    def run(data):
        warning = services.create_draft(actor=users["duty"], data=data)
        warning = services.fire(warning, "submit", actor=users["duty"])
        warning = services.fire(warning, "review", actor=users["duty-chief"])
        return services.fire(warning, "sign", actor=users["commander"])

    return run


# Real worker processes (the restart test, the Celery tests) cannot see the test's rolled-back transaction: each
# test gives them a database of its own (tests/process_db.py).


@pytest.fixture
def worker_env(tmp_path, http_sink):
    """Environment for worker subprocesses: a fresh copy of the template, its channels pointed at the HTTP sink."""
    with own_database(tmp_path) as env:
        subprocess.run([sys.executable, "-m", "yingji.cli", "manage", "alerts_channels", "--base-url", http_sink.url],
                       env=env, check=True, capture_output=True)
        yield env


@pytest.fixture
def worker_helper():
    """worker_helper(env, "publish", code…) → stdout of tests/alerts/worker_helper.py run on that database."""
    helper = str(Path(__file__).with_name("worker_helper.py"))

    def run(env, *args):
        return subprocess.run([sys.executable, helper, *args], env=env, check=True, capture_output=True,
                              text=True).stdout

    return run
