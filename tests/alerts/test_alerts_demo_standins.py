"""The demo works with no network (issue 14 §13): `yingji demo` runs local stand-ins of the SMS gateway, the robots,
the broadcast platform, the mail server and the MQTT broker, and points the demo channels at them, so a warning
published in the demo reaches 100 % (it stalled at 6.7 % "发送中" with nothing listening) and receipts work."""

import pytest

from yingji.alerts import delivery
from yingji.alerts.demo_data import NORTHERN
from yingji.channels import standins
from yingji.channels.models import Channel, MessageStatus
from yingji.channels.services import ack_url
from yingji.core.worker import work_once
from yingji.demo.townships import township

pytestmark = pytest.mark.django_db


@pytest.fixture
def running():
    gateways = standins.start()
    yield gateways
    gateways.close()


def test_every_demo_channel_goes_to_a_stand_in(running):
    pointed = standins.point_demo_channels(running)
    assert {"alert-sms", "alert-wecom", "alert-broadcast", "alert-email", "alert-app", "DUTY-SMS",
            "TASK-SMS"} <= set(pointed)
    for channel in Channel.objects.filter(code__in=pointed):
        assert channel.enabled
        assert f"127.0.0.1:{running.http_url.rsplit(':', 1)[1]}" in channel.config.get("url", "") or \
            channel.config.get("port") in (running.smtp_port, running.mqtt_port)
    assert Channel.objects.get(code="DUTY-INAPP").config.get("url") is None  # in-app needs no gateway


def test_a_warning_published_in_the_demo_reaches_everyone(running, client, warning_data, publish_flow):
    standins.point_demo_channels(running)
    warning = publish_flow(warning_data(level="yellow", committees=["CMT-HQ01"],
                                        area_regions=[township(n).code for n in NORTHERN]))
    for _round in range(200):
        work_once()
        progress = delivery.progress(warning)
        if progress["done"]:
            break
    assert progress["percent"] == 100.0 and progress["total"] > 100
    assert progress["statuses"]["失败"] == 0
    assert progress["statuses"]["已送达"] > 0  # the SMS gateway's delivery receipts
    assert running.received["email"] > 0 and running.received["mqtt"] > 0
    assert running.received["/alert-sms"] + running.received["/alert-broadcast"] > 100

    official = delivery.messages_of(warning).filter(contacts__ack=True).first()
    assert client.post(ack_url(official).split("127.0.0.1:8000")[-1]).status_code == 200
    official.refresh_from_db()
    assert official.status == MessageStatus.ACKNOWLEDGED
