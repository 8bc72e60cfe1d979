"""One adapter per kind of channel. Each takes a Channel (its config) and a Message and either returns
an Outcome or raises SendError with a reason a duty officer can read. Kinds whose far end takes many
recipients per request also have a batch adapter (BATCH_ADAPTERS): a list of messages of the same text in,
one Outcome per message out (a recipient the far end refused has an Outcome with an error)."""

import base64
import hashlib
import hmac
import json
import smtplib
import time
import urllib.parse
from dataclasses import dataclass
from email.message import EmailMessage
from string import Template

import httpx

from .models import ChannelKind


class SendError(Exception):
    """A failed attempt; the message says why in Chinese (shown in the coverage report)."""


@dataclass
class Outcome:
    delivered: bool = False  # the far end confirmed delivery (not only acceptance)
    provider_id: str = ""
    error: str = ""  # this recipient failed (why, in Chinese)


_CLIENT: httpx.Client | None = None


def _client() -> httpx.Client:
    """One pooled client per worker process, so requests reuse their keep-alive connections."""
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = httpx.Client()
    return _CLIENT


def _post_json(channel, url: str, payload: dict, key: str) -> httpx.Response:
    all_headers = {"Idempotency-Key": key, **channel.config.get("headers", {})}
    try:
        response = _client().post(url, json=payload, headers=all_headers, timeout=channel.timeout_seconds)
    except httpx.TimeoutException as exc:
        raise SendError(f"连接超时（{channel.timeout_seconds} 秒）") from exc
    except httpx.HTTPError as exc:
        raise SendError(f"无法连接：{exc}") from exc
    if response.status_code >= 300:
        raise SendError(f"对方返回 HTTP {response.status_code}：{response.text[:200]}")
    return response


def _fields(message) -> dict:
    return {
        "id": str(message.uuid),
        "key": message.idempotency_key,
        "address": message.address,
        "name": message.recipient_name,
        "subject": message.subject,
        "text": message.body,
    }


def send_sms_http(channel, message) -> Outcome:
    """Generic SMS gateway: POST to config.url; config.body_template (JSON with $address, $text, $id, $key)."""
    template = channel.config.get("body_template") or json.dumps(
        {"phone": "$address", "content": "$text", "id": "$id", "key": "$key"}
    )
    escaped = {k: json.dumps(v, ensure_ascii=False)[1:-1] for k, v in _fields(message).items()}
    payload = json.loads(Template(template).safe_substitute(escaped))
    response = _post_json(channel, channel.config["url"], payload, message.idempotency_key)
    data = _json(response)
    return Outcome(delivered=data.get("status") == "delivered", provider_id=str(data.get("id", "")))


def send_sms_http_batch(channel, messages) -> list[Outcome]:
    """Generic SMS gateway, one text to many numbers per request (the JSON is in docs/alerts.md):
    {"content", "messages": [{"id", "key", "phone", "name"}]} → {"results": [{"id", "status", "provider_id",
    "error"}]}, one result per recipient."""
    payload = {"content": messages[0].body, "messages": [
        {"id": str(m.uuid), "key": m.idempotency_key, "phone": m.address, "name": m.recipient_name} for m in messages]}
    return _batch_results(_post_json(channel, channel.config["url"], payload, _batch_key(messages)), messages)


def _batch_key(messages) -> str:
    """The request's own idempotency key: the same recipients again (a resend after a crash) give the same key."""
    return "batch:" + hashlib.sha256("\n".join(m.idempotency_key for m in messages).encode()).hexdigest()[:32]


ACCEPTED = {"accepted", "sent", "delivered"}


def _batch_results(response, messages) -> list[Outcome]:
    results = {str(r.get("id")): r for r in _json(response).get("results") or [] if isinstance(r, dict)}
    outcomes = []
    for message in messages:
        result = results.get(str(message.uuid))
        if result is None:
            outcomes.append(Outcome(error="网关未返回该接收人的结果"))
        elif result.get("status") in ACCEPTED:
            outcomes.append(Outcome(delivered=result["status"] == "delivered",
                                    provider_id=str(result.get("provider_id") or "")))
        else:
            outcomes.append(Outcome(error=f"网关拒收：{result.get('error') or result.get('status') or '未说明原因'}"))
    return outcomes


def _robot_result(response) -> Outcome:
    data = _json(response)
    if data.get("errcode", 0) != 0:
        raise SendError(f"机器人返回错误 {data.get('errcode')}：{data.get('errmsg', '')}")
    return Outcome()


def send_wecom_robot(channel, message) -> Outcome:
    return send_wecom_robot_batch(channel, [message])[0]


def send_wecom_robot_batch(channel, messages) -> list[Outcome]:
    """企业微信群机器人: POST {"msgtype":"text", ...} to the robot's webhook URL (with its key), @-mentioning each
    recipient; the robot answers for the whole message."""
    payload = {"msgtype": "text", "text": {"content": _text(messages[0]),
                                           "mentioned_mobile_list": [m.address for m in messages if m.address]}}
    return [_robot_result(_post_json(channel, channel.config["url"], payload, _key(messages)))] * len(messages)


def send_dingtalk_robot(channel, message) -> Outcome:
    return send_dingtalk_robot_batch(channel, [message])[0]


def send_dingtalk_robot_batch(channel, messages) -> list[Outcome]:
    """钉钉群机器人, with the optional 加签 (HMAC-SHA256 of timestamp + secret) added to the URL."""
    url = channel.config["url"]
    secret = channel.config.get("secret")
    if secret:
        timestamp = str(int(time.time() * 1000))
        digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
        sign = urllib.parse.quote_plus(base64.b64encode(digest))
        url = f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"
    payload = {"msgtype": "text", "text": {"content": _text(messages[0])},
               "at": {"atMobiles": [m.address for m in messages]}}
    return [_robot_result(_post_json(channel, url, payload, _key(messages)))] * len(messages)


def _key(messages) -> str:
    return messages[0].idempotency_key if len(messages) == 1 else _batch_key(messages)


def send_email(channel, message) -> Outcome:
    config = channel.config
    email = EmailMessage()
    email["From"] = config.get("from", "yingji@localhost")
    email["To"] = message.address
    email["Subject"] = message.subject or message.body[:40]
    email["Message-ID"] = f"<{message.idempotency_key.replace(':', '.')}@yingji>"
    email.set_content(message.body)
    try:
        with smtplib.SMTP(
            config.get("host", "127.0.0.1"), int(config.get("port", 25)), timeout=channel.timeout_seconds
        ) as smtp:
            if config.get("username"):
                smtp.login(config["username"], config.get("password", ""))
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError(f"邮件发送失败：{exc}") from exc
    return Outcome()


def send_broadcast_http(channel, message) -> Outcome:
    """应急广播: an HTTP command to the broadcast platform: play this text on this device."""
    payload = {
        "device": message.address,
        "text": message.body,
        "repeat": channel.config.get("repeat", 3),
        "id": str(message.uuid),
    }
    _post_json(channel, channel.config["url"], payload, message.idempotency_key)
    return Outcome()


def send_broadcast_http_batch(channel, messages) -> list[Outcome]:
    """应急广播, one command for many devices: {"text", "repeat", "messages": [{"id", "key", "device"}]}, answered
    like the SMS batch ({"results": [...]})."""
    payload = {"text": messages[0].body, "repeat": channel.config.get("repeat", 3), "messages": [
        {"id": str(m.uuid), "key": m.idempotency_key, "device": m.address} for m in messages]}
    return _batch_results(_post_json(channel, channel.config["url"], payload, _batch_key(messages)), messages)


def send_mqtt(channel, message) -> Outcome:
    import paho.mqtt.publish as publish

    config = channel.config
    topic = config.get("topic", "yingji/alerts/{address}").format(address=message.address)
    payload = json.dumps(_fields(message), ensure_ascii=False)
    try:
        publish.single(
            topic,
            payload,
            qos=1,
            hostname=config.get("host", "127.0.0.1"),
            port=int(config.get("port", 1883)),
            client_id=f"yingji-{message.uuid.hex[:12]}",
            keepalive=channel.timeout_seconds,
        )
    except (OSError, ValueError) as exc:
        raise SendError(f"MQTT 发布失败：{exc}") from exc
    return Outcome()


def send_webhook(channel, message) -> Outcome:
    _post_json(channel, channel.config["url"], _fields(message), message.idempotency_key)
    return Outcome()


def send_in_app(channel, message) -> Outcome:
    return Outcome(delivered=True)


def send_in_app_batch(channel, messages) -> list[Outcome]:
    return [Outcome(delivered=True)] * len(messages)


ADAPTERS = {
    ChannelKind.SMS_HTTP: send_sms_http,
    ChannelKind.WECOM_ROBOT: send_wecom_robot,
    ChannelKind.DINGTALK_ROBOT: send_dingtalk_robot,
    ChannelKind.EMAIL: send_email,
    ChannelKind.BROADCAST_HTTP: send_broadcast_http,
    ChannelKind.MQTT: send_mqtt,
    ChannelKind.WEBHOOK: send_webhook,
    ChannelKind.IN_APP: send_in_app,
}
# The kinds listed in models.BATCH_LIMIT.
BATCH_ADAPTERS = {
    ChannelKind.SMS_HTTP: send_sms_http_batch,
    ChannelKind.WECOM_ROBOT: send_wecom_robot_batch,
    ChannelKind.DINGTALK_ROBOT: send_dingtalk_robot_batch,
    ChannelKind.BROADCAST_HTTP: send_broadcast_http_batch,
    ChannelKind.IN_APP: send_in_app_batch,
}


def _text(message) -> str:
    return f"{message.subject}\n{message.body}" if message.subject else message.body


def _json(response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
