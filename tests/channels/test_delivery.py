"""Channel adapters against real local peers, and the durable message outbox."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yingji.channels.models import Channel, Message
from yingji.channels.services import Recipient, acknowledge, claim, deliver_pending, enqueue
from yingji.core.models import OutboxEvent

pytestmark = pytest.mark.django_db
PEOPLE = [
    Recipient(name="张三", contacts={"phone": "13800000001", "email": "a@example.cn", "device": "gb-01"}),
    Recipient(name="李四", contacts={"phone": "13800000002", "email": "b@example.cn", "device": "gb-02"}),
]


def _channel(kind, code=None, **config):
    return Channel.objects.create(code=code or kind, name=kind, kind=kind, config=config, max_attempts=2)


def _send_all(now=None):
    now = now or timezone.now()
    return deliver_pending(now=now)


def test_sms_gateway_receives_each_message_with_its_key(http_sink):
    channel = _channel("sms_http", url=f"{http_sink.url}/sms")
    assert enqueue(channel=channel, recipients=PEOPLE, subject="暴雨红色预警", body="请立即转移", key_prefix="w1") == 2
    assert _send_all() == 2
    phones = sorted(r["json"]["phone"] for r in http_sink.requests)
    assert phones == ["13800000001", "13800000002"] and http_sink.requests[0]["json"]["content"] == "请立即转移"
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}


def test_queueing_twice_writes_nothing_new():
    channel = _channel("in_app")
    people = [Recipient(name="值班员", contacts={"username": "duty"})]
    assert enqueue(channel=channel, recipients=people, subject="", body="x", key_prefix="k") == 1
    assert enqueue(channel=channel, recipients=people, subject="", body="x", key_prefix="k") == 0


def test_failure_backs_off_then_falls_back_to_sms(http_sink):
    sms = _channel("sms_http", url=f"{http_sink.url}/sms")
    robot = _channel("wecom_robot", code="wecom", url=f"{http_sink.url}/robot")
    robot.fallback = sms
    robot.save()
    enqueue(channel=robot, recipients=PEOPLE[:1], subject="", body="请确认", key_prefix="w2")
    http_sink.robot_error(93000)
    now = timezone.now()
    _send_all(now)
    message = Message.objects.get(channel=robot)
    assert message.status == "pending" and "93000" in message.last_error
    assert _send_all(now) == 0  # backing off, nothing due yet
    http_sink.robot_error(0)
    http_sink.fail_next(5)
    _send_all(now + timedelta(hours=1))
    message.refresh_from_db()
    assert message.status == "failed" and "HTTP 500" in message.last_error
    fallback = Message.objects.get(fallback_of=message)
    assert fallback.channel == sms and fallback.address == "13800000001"
    http_sink.fail_next(0)
    _send_all(now + timedelta(hours=2))
    fallback.refresh_from_db()
    assert fallback.status == "sent" and http_sink.requests[-1]["path"] == "/sms"


def test_a_crashed_send_is_retried_after_its_lease_with_the_same_key(http_sink):
    channel = _channel("webhook", url=f"{http_sink.url}/hook")
    enqueue(channel=channel, recipients=PEOPLE[:1], subject="", body="x", key_prefix="w3")
    message = Message.objects.get()
    claim(channel, 10, timezone.now(), lease_seconds=30)  # a worker took it, then died before recording
    assert _send_all() == 0 and http_sink.requests == []  # its lease still holds
    assert _send_all(timezone.now() + timedelta(seconds=31)) == 1
    assert http_sink.keys() == {message.idempotency_key: 1}


def test_dingtalk_robot_signs_its_url(http_sink):
    channel = _channel("dingtalk_robot", url=f"{http_sink.url}/robot/send?access_token=abc", secret="SEC123")
    enqueue(channel=channel, recipients=PEOPLE[:1], subject="预警", body="内容", key_prefix="w4")
    _send_all()
    request = http_sink.requests[0]
    assert "timestamp=" in request["path"] and "sign=" in request["path"]
    assert request["json"]["at"]["atMobiles"] == ["13800000001"]


def test_email_reaches_the_smtp_server(smtp_sink):
    channel = _channel("email", host="127.0.0.1", port=smtp_sink.port, **{"from": "yjj@chuanshan.gov.cn"})
    enqueue(channel=channel, recipients=PEOPLE, subject="值班通知", body="请于今晚到岗", key_prefix="w5")
    assert _send_all() == 2
    assert sorted(m["to"][0] for m in smtp_sink.messages) == ["a@example.cn", "b@example.cn"]
    assert "值班通知" in smtp_sink.messages[0]["data"] or "=?utf-8?" in smtp_sink.messages[0]["data"]


def test_mqtt_publish_reaches_a_subscriber(mqtt_listener):
    topic_root = f"yingji-test/{timezone.now().timestamp()}"
    listener = mqtt_listener(f"{topic_root}/#")
    channel = _channel("mqtt", host="127.0.0.1", port=1883, topic=topic_root + "/{address}")
    enqueue(channel=channel, recipients=PEOPLE, subject="", body="广播内容", key_prefix="w6")
    assert _send_all() == 2
    received = listener.wait_for(2)
    assert sorted(topic.rsplit("/", 1)[1] for topic, _ in received) == ["gb-01", "gb-02"]
    assert received[0][1]["text"] == "广播内容"


def test_unreachable_gateway_is_a_readable_failure():
    channel = _channel("sms_http", url="http://127.0.0.1:9/sms")
    enqueue(channel=channel, recipients=PEOPLE[:1], subject="", body="x", key_prefix="w7")
    _send_all()
    message = Message.objects.get()
    assert message.status == "pending" and "无法连接" in message.last_error


def test_acknowledgement_link(client):
    channel = _channel("in_app")
    enqueue(
        channel=channel,
        recipients=[Recipient(name="带班领导", contacts={"username": "commander"})],
        subject="",
        body="请确认",
        key_prefix="w8",
    )
    message = Message.objects.get()
    page = client.get(f"/ack/{message.ack_token}/")
    assert "我已收到" in page.content.decode()
    assert "已确认收到" in client.post(f"/ack/{message.ack_token}/").content.decode()
    message.refresh_from_db()
    assert message.status == "acknowledged" and message.acknowledged_at is not None
    assert client.post("/ack/not-a-token/").status_code == 400
    with pytest.raises(Exception, match="确认链接无效"):
        acknowledge("nope")


def test_gateway_delivery_receipt(api, http_sink):
    channel = _channel("sms_http", url=f"{http_sink.url}/sms", receipt_secret="s3cret")
    enqueue(channel=channel, recipients=PEOPLE[:1], subject="", body="x", key_prefix="w9")
    _send_all()
    message = Message.objects.get()
    client = api()
    denied = client.post("/api/channels/receipts/", {"id": str(message.uuid), "status": "delivered"}, format="json")
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "invalid_receipt_secret"
    ok = client.post(
        "/api/channels/receipts/",
        {"id": message.provider_id, "status": "delivered"},
        format="json",
        HTTP_X_YINGJI_CHANNEL="sms_http",
        HTTP_X_YINGJI_SECRET="s3cret",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "delivered"


def test_the_system_admin_configures_channels_in_the_admin(client, users):
    """Channels are configured by the 系统管理员 in the admin; the security and audit admins cannot."""
    client.force_login(users["sysadmin"])
    assert client.get("/admin/channels/channel/add/").status_code == 200
    created = client.post("/admin/channels/channel/add/", {
        "code": "sms-main", "name": "区短信网关", "kind": "sms_http", "enabled": "on", "max_attempts": 3,
        "timeout_seconds": 10, "config": '{"url": "http://127.0.0.1:9/sms"}'})
    assert created.status_code == 302, created.content.decode()[-2000:]
    assert Channel.objects.get(code="sms-main").config == {"url": "http://127.0.0.1:9/sms"}
    client.force_login(users["auditor"])
    assert client.get("/admin/channels/channel/").status_code == 403


def test_acknowledging_publishes_one_event_for_the_apps_that_asked(client):
    channel = _channel("in_app")
    enqueue(channel=channel, recipients=[Recipient(name="值班长", contacts={"username": "duty"})], subject="",
            body="请确认", key_prefix="w10")
    message = Message.objects.get()
    acknowledge(message.ack_token)
    acknowledge(message.ack_token)  # a second click changes nothing
    events = OutboxEvent.objects.filter(kind="message.acknowledged")
    assert [e.payload["uuid"] for e in events] == [str(message.uuid)]


def test_a_large_enqueue_writes_each_recipient_once_with_everything_needed_to_send(http_sink):
    """Thousands of recipients (COPY on PostgreSQL, bulk INSERT elsewhere), queued twice: one row each, complete."""
    channel = _channel("sms_http", url=f"{http_sink.url}/sms")
    people = [Recipient(name=f"订阅者{i}", contacts={"phone": f"139{i:08d}", "ack": i == 0}, region_code="510903100")
              for i in range(2500)]
    assert enqueue(channel=channel, recipients=people, subject="暴雨", body="转移", key_prefix="big") == 2500
    assert enqueue(channel=channel, recipients=people, subject="暴雨", body="转移", key_prefix="big") == 0
    messages = Message.objects.filter(channel=channel)
    assert messages.count() == 2500 and len({m.ack_token for m in messages}) == 2500
    first = messages.get(address="13900000000")
    assert first.contacts == {"phone": "13900000000", "ack": True} and first.created is not None
    assert (first.status, first.attempts, first.recipient_name, first.region_code) == ("pending", 0, "订阅者0",
                                                                                        "510903100")
    assert messages.filter(contacts__ack=True).count() == 1  # JSON stays JSON, queryable
    assert deliver_pending(now=timezone.now(), limit=10) == 10 and len(http_sink.requests) == 10
