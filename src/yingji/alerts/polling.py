"""Subscribing to external CAP feeds (Atom or RSS 2.0 whose entries link to, or contain, CAP documents).

The periodic hook `alerts.cap_polling` polls each enabled feed every config.cap_poll_seconds(); new entries are
imported oldest first through incoming.ingest (so an Update or Cancel finds its Alert), with the same rules as an
upload. Per feed: last poll, last success, consecutive failures, last error, messages imported and the lag of the
newest one (received − sent), shown on the 订阅源 page. Network work happens outside database transactions.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urljoin

import httpx
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from yingji.core.errors import DomainError, PermissionDeniedError

from . import capread, config, fetching, incoming
from .models import CapFeed

log = logging.getLogger(__name__)
ATOM = "http://www.w3.org/2005/Atom"
MAX_FEED_BYTES = 5_000_000
KEEP_SEEN = 1000


@dataclass(frozen=True)
class Entry:
    key: str  # the entry's id / guid (or its link)
    url: str = ""  # where its CAP document is
    inline: bytes = b""  # or the CAP alert it carries


def poll_due(now=None) -> int:
    """Poll the enabled feeds whose interval has passed; how many were polled."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=config.cap_poll_seconds())
    due = [f for f in CapFeed.objects.filter(enabled=True) if f.last_polled_at is None or f.last_polled_at <= cutoff]
    for feed in due:
        poll(feed, now)
    return len(due)


def poll(feed: CapFeed, now=None) -> int:
    """Fetch the feed once and import what is new; returns how many messages were imported."""
    now = now or timezone.now()
    feed.last_polled_at = now
    try:
        entries = read_feed(fetching.fetch(feed.url, MAX_FEED_BYTES, feed_url=feed.url), feed.url)
    except (httpx.HTTPError, DomainError, OSError) as exc:
        _failed(feed, now, _reason(exc))
        return 0
    seen, problems, records = list(feed.seen), [], []
    for entry in reversed(entries):  # feeds list newest first
        if entry.key in seen:
            continue
        try:
            records += incoming.ingest(entry.inline or fetching.fetch(entry.url, incoming.MAX_BYTES, feed_url=feed.url),
                                       feed=feed)
        except (httpx.HTTPError, OSError) as exc:  # not seen: tried again next time
            problems.append(f"{entry.url}: {_reason(exc)}")
            continue
        except DomainError as exc:  # this document is refused as it is; it will not change by asking again
            problems.append(f"{entry.key}: {exc.message}")
        except IntegrityError:  # another worker stored it at the same moment
            pass
        seen.append(entry.key)
    _succeeded(feed, now, records, problems, seen[-KEEP_SEEN:])
    return len(records)


def _reason(exc: Exception) -> str:
    return exc.message if isinstance(exc, DomainError) else f"{type(exc).__name__}: {exc}"


def _failed(feed: CapFeed, now, reason: str) -> None:
    feed.errors_in_row += 1
    feed.last_error, feed.last_error_at = reason[:2000], now
    feed.save(update_fields=["last_polled_at", "errors_in_row", "last_error", "last_error_at"])
    log.warning("CAP feed %s: %s", feed.url, reason)


def _succeeded(feed: CapFeed, now, records, problems: list[str], seen: list[str]) -> None:
    feed.last_success_at, feed.errors_in_row, feed.seen = now, 0, seen
    feed.imported += len(records)
    if records:
        newest = max(records, key=lambda r: r.sent)
        feed.lag_seconds = max(0.0, (newest.received - newest.sent).total_seconds())
    if problems:
        feed.last_error, feed.last_error_at = "；".join(problems[:5])[:2000], now
    feed.save()


# Managing the list of feeds.

def add_feed(*, actor, name: str, url: str) -> CapFeed:
    _may_manage(actor)
    name, url = str(name or "").strip(), str(url or "").strip()
    if not name:
        raise DomainError("required", _("请填写订阅源名称"), field="name")
    if len(name) > CapFeed._meta.get_field("name").max_length:
        raise DomainError("too_long", _("名称过长（最多 100 字）"), field="name")
    if not url.lower().startswith(("http://", "https://")) or len(url) > CapFeed._meta.get_field("url").max_length:
        raise DomainError("invalid_url", _("请填写以 http:// 或 https:// 开头的订阅地址（最多 500 字符）"), field="url")
    fetching.check_url(url, feed_url=url)
    if CapFeed.objects.filter(url=url).exists():
        raise DomainError("duplicate_feed", _("该订阅源已添加"), field="url")
    return CapFeed.objects.create(name=name, url=url)


def set_enabled(*, actor, feed: CapFeed, enabled: bool) -> CapFeed:
    _may_manage(actor)
    feed.enabled = enabled
    feed.save(update_fields=["enabled"])
    return feed


def _may_manage(actor) -> None:
    if actor is None or not actor.has_perm("alerts.change_capfeed"):
        raise PermissionDeniedError("permission_denied", _("您没有权限管理 CAP 订阅源"))


# Reading a feed.

def read_feed(raw: bytes, base_url: str) -> list[Entry]:
    """The entries of an Atom or RSS 2.0 feed, in the feed's order."""
    root = capread.parse_xml(raw)
    if root.tag == f"{{{ATOM}}}feed":
        return [e for e in (_atom_entry(x, base_url) for x in root.iter(f"{{{ATOM}}}entry")) if e]
    if etree.QName(root).localname == "rss":
        return [e for e in (_rss_item(x, base_url) for x in root.iter("item")) if e]
    raise DomainError("not_a_feed", _("不是 Atom 或 RSS 订阅源（根元素 %(r)s）") % {"r": etree.QName(root).localname})


def _inline_alert(element) -> bytes:
    alert = next((e for e in element.iter() if e is not element and capread.is_alert(e)), None)
    return etree.tostring(alert, xml_declaration=True, encoding="UTF-8") if alert is not None else b""


def _atom_entry(entry, base_url: str) -> Entry | None:
    links = entry.findall(f"{{{ATOM}}}link")
    cap_link = next((link for link in links if "cap" in (link.get("type") or "")), None)
    cap_link = cap_link if cap_link is not None else next(
        (link for link in links if link.get("rel", "alternate") == "alternate"), None)
    url = urljoin(base_url, cap_link.get("href", "")) if cap_link is not None else ""
    inline = _inline_alert(entry)
    key = (entry.findtext(f"{{{ATOM}}}id") or url).strip()
    return Entry(key, url, inline) if key and (url or inline) else None


def _rss_item(item, base_url: str) -> Entry | None:
    enclosure = item.find("enclosure")
    href = enclosure.get("url") if enclosure is not None and "xml" in (enclosure.get("type") or "xml") else None
    url = urljoin(base_url, (href or item.findtext("link") or "").strip())
    inline = _inline_alert(item)
    key = (item.findtext("guid") or url).strip()
    return Entry(key, url, inline) if key and (url != base_url or inline) else None
