"""Helpers for the alerts tests: valid warning input, the demo channels pointed at the local peers."""

from datetime import timedelta

import pytest
from django.utils import timezone

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
