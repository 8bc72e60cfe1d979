"""Pull feeds (the periodic hook `exchange.pull`): 水文/雨量 JSON or CSV over HTTP, each row mapped into monitoring
readings; CAP/Atom feeds go through the alerts app's CAP feed (alerts.polling, the incoming-CAP code), which keeps
their health. Fetching uses alerts.fetching (no redirects to the bureau's intranet: private hosts must be listed in
YINGJI_CAP_FETCH_HOSTS). Network work happens outside any transaction.

Mapping of a JSON/CSV feed: {"device": <column of the station's device id>, "time": <column of the time>,
"values": {<quantity>: <column>}, "items": <key of the row list in a JSON object, optional>}."""

import csv
import io
import json
import logging
from datetime import timedelta

import httpx
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from .choices import FeedKind
from .models import PullFeed

log = logging.getLogger(__name__)
MAX_BYTES = 5_000_000
MAX_ROWS = 20_000


def pull_due(now=None) -> int:
    now = now or timezone.now()
    due = [f for f in PullFeed.objects.filter(enabled=True).exclude(kind=FeedKind.CAP).select_related("partner")
           if f.partner.enabled and (f.last_polled_at is None
                                     or f.last_polled_at <= now - timedelta(seconds=f.every_seconds))]
    for feed in due:
        pull(feed, now)
    return len(due)


def pull(feed: PullFeed, now=None) -> int:
    """Fetch once and store what is new; how many readings were stored."""
    from yingji.alerts import fetching, polling

    now = now or timezone.now()
    if feed.kind == FeedKind.CAP:
        return polling.poll(feed.cap_feed, now) if feed.cap_feed_id else 0
    feed.last_polled_at = now
    try:
        raw = fetching.fetch(feed.url, MAX_BYTES, feed_url=feed.url)
        messages = messages_of(raw, feed.kind, feed.mapping)
    except (httpx.HTTPError, OSError) as exc:
        return _failed(feed, now, f"{type(exc).__name__}: {exc}")
    except DomainError as exc:
        return _failed(feed, now, exc.message)
    from .push import ingest_messages

    outcome = ingest_messages(messages, evaluate=True) if messages else None
    stored = outcome.stored if outcome else 0
    feed.last_success_at, feed.errors_in_row, feed.imported = now, 0, feed.imported + stored
    times = [m["time"] for m in messages]
    newest = max((t for t in (_moment(t) for t in times) if t is not None), default=None)
    feed.lag_seconds = max(0.0, (now - newest).total_seconds()) if newest else feed.lag_seconds
    refused = [i for i in outcome.refused if i.reason != "duplicate"] if outcome else []
    if refused:
        feed.last_error = _("%(n)d 条数据被拒收，如：%(d)s") % {"n": len(refused), "d": refused[0].detail}
        feed.last_error_at = now
    feed.save()
    return stored


def _moment(text):
    from yingji.monitoring.parsing import parse_time

    return parse_time(text)[0]


def _failed(feed: PullFeed, now, reason: str) -> int:
    feed.errors_in_row += 1
    feed.last_error, feed.last_error_at = reason[:2000], now
    feed.save(update_fields=["last_polled_at", "errors_in_row", "last_error", "last_error_at"])
    log.warning("exchange feed %s: %s", feed.url, reason)
    return 0


def messages_of(raw: bytes, kind: str, mapping: dict) -> list[dict]:
    """Monitoring messages ({"device", "time", "values"}) from a JSON or CSV document."""
    device, moment, values = mapping.get("device"), mapping.get("time"), mapping.get("values")
    if not device or not moment or not isinstance(values, dict) or not values:
        raise DomainError("invalid_mapping", _("字段映射须包含 device、time 和 values"), field="mapping")
    rows = _json_rows(raw, mapping.get("items")) if kind == FeedKind.JSON else _csv_rows(raw)
    messages = []
    for row in rows[:MAX_ROWS]:
        if not isinstance(row, dict) or row.get(device) in (None, ""):
            continue
        found = {q: _number(row.get(column)) for q, column in values.items()}
        found = {q: v for q, v in found.items() if v is not None}
        if found:
            time_value = row.get(moment)
            messages.append({"device": str(row[device]).strip(), "time": str(time_value).strip()
                             if not isinstance(time_value, int | float) else time_value, "values": found})
    return messages


def _number(value):
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _json_rows(raw: bytes, items: str | None) -> list:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise DomainError("malformed_feed", _("数据源返回的不是有效的 JSON")) from None
    if isinstance(data, dict):
        data = data.get(items or "data")
    if not isinstance(data, list):
        raise DomainError("malformed_feed", _("JSON 数据源应为数组，或在映射的 items 键下给出数组"))
    return data


def _csv_rows(raw: bytes) -> list[dict]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise DomainError("malformed_feed", _("CSV 数据源编码无法识别（应为 UTF-8 或 GB18030）")) from None
    return [{(k or "").strip(): v for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def health(feed: PullFeed) -> dict:
    """Last success, errors in a row, last error, lag: from the alerts CAP feed for CAP feeds."""
    source = feed.cap_feed if feed.kind == FeedKind.CAP and feed.cap_feed_id else feed
    return {"last_polled_at": source.last_polled_at, "last_success_at": source.last_success_at,
            "errors_in_row": source.errors_in_row, "last_error": source.last_error,
            "last_error_at": source.last_error_at, "imported": source.imported, "lag_seconds": source.lag_seconds,
            "ok": source.last_success_at is not None and source.errors_in_row == 0}
