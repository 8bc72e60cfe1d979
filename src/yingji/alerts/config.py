"""Settings of warning publication, read from the environment (documented in docs/alerts.md)."""

import json
import os

from django.utils.translation import gettext_lazy as _

from yingji.geo.chuanshan import DISTRICT_CODE


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def sender_code() -> str:
    """GB/T 35965.1 sender code: 6-digit division + 3-digit institution + 3-digit internal + 2-digit extension.

    The institution code of the district emergency bureau is not known [?]: configurable, default 001.
    """
    institution = os.environ.get("YINGJI_CAP_INSTITUTION", "001")
    return f"{DISTRICT_CODE}{institution:0>3}00000"


def sender_name() -> str:
    return os.environ.get("YINGJI_CAP_SENDER_NAME", "遂宁市船山区应急管理局")


def ack_escalation_minutes() -> int:
    """How long an official has to confirm receipt before the superior is told."""
    return _int("YINGJI_ALERT_ACK_MINUTES", 30)


def demo_subscribers() -> int:
    return _int("YINGJI_DEMO_SUBSCRIBERS", 20000)


# Which channel (by Channel.code) carries the warning to each kind of recipient, and to subscribers by
# their preferred channel. Overridable with YINGJI_ALERT_ROUTES (JSON, merged).
ROUTES = {
    "official": "alert-wecom",  # 企业微信 (the channel's fallback, SMS, takes over on failure)
    "grid": "alert-sms",
    "loudspeaker": "alert-broadcast",
    "escalation": "alert-sms",
    "sms": "alert-sms",
    "email": "alert-email",
    "app": "alert-app",
}
ROUTES.update(json.loads(os.environ.get("YINGJI_ALERT_ROUTES", "{}") or "{}"))
SUBSCRIBER_CHANNELS = {"sms": _("短信"), "email": _("电子邮件"), "app": _("APP 推送（MQTT）")}


# CAP interoperability (docs/alerts.md, "CAP 1.2").
def sender_name_en() -> str:
    return os.environ.get("YINGJI_CAP_SENDER_NAME_EN", "Chuanshan District Emergency Management Bureau, Suining")


def cap_contact() -> str:
    """<contact> of our CAP documents: the duty desk [?] (the real number is configuration)."""
    return os.environ.get("YINGJI_CAP_CONTACT", "遂宁市船山区应急管理局值班室")


def cap_feed_days() -> int:
    """How far back the Atom/RSS feeds list published messages (Alert, Update and Cancel alike)."""
    return _int("YINGJI_CAP_FEED_DAYS", 7)


def wmo_event_value_name() -> str:
    """<eventCode><valueName> of the WMO event type (the value comes from alerts.cap.WMO_EVENT_TYPES) [?]."""
    return os.environ.get("YINGJI_CAP_WMO_EVENT_VALUENAME", "WMO_EVENT_TYPE")


def wis2_topic() -> str:
    """WIS2-style MQTT topic of our warnings; the centre id is not assigned [?]."""
    centre = os.environ.get("YINGJI_CAP_WIS2_CENTRE", "cn-chuanshan-emergency")
    return f"origin/a/wis2/{centre}/data/core/weather/advisories-warnings"


def cap_push_targets() -> list[str]:
    """Where published CAP documents are pushed: mqtt://[user:password@]host[:port][/topic] (mqtts:// for TLS; the
    WIS2 topic when none is given) in YINGJI_CAP_PUSH_MQTT, http(s):// URLs in YINGJI_CAP_PUSH_WEBHOOKS, each a
    space-separated list."""
    names = ("YINGJI_CAP_PUSH_MQTT", "YINGJI_CAP_PUSH_WEBHOOKS")
    return [url for name in names for url in os.environ.get(name, "").split()]


def cap_poll_seconds() -> int:
    """How often each external CAP feed is polled."""
    return _int("YINGJI_CAP_POLL_SECONDS", 300)


def cap_fetch_hosts() -> set[str]:
    """Hosts (besides a feed's own) from which polled feeds may fetch CAP documents, and the only hosts allowed
    to resolve to private, loopback or link-local addresses (YINGJI_CAP_FETCH_HOSTS, space-separated)."""
    return {host.lower() for host in os.environ.get("YINGJI_CAP_FETCH_HOSTS", "").split()}
