"""From a message (one JSON object or a list of them) to readings, each either good or with the reason it is not.

A message: {"device": "RG-001", "time": "2026-07-01T08:00:00+08:00", "values": {"rain": 1.5}} — a value may also
be {"value": 1.5, "unit": "mm"}; a list of such objects is a batch. Every quantity value is one reading in."""

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone

from .choices import Reason

MAX_PAYLOAD_CHARS = 2000


@dataclass(slots=True)
class Item:
    """One reading as it came in; `reason` set when it is refused. `record`: the JSON object it came from, written
    out as `payload` only when the reading is refused (a dead letter keeps it; a good reading never needs it)."""

    device: str
    quantity: str = ""
    time: datetime | None = None
    value: float | None = None
    unit: str = ""
    payload: str = ""
    reason: str = ""
    field: str = ""
    detail: str = ""
    record: object = None

    def refuse(self, reason: str, field: str, detail: str) -> "Item":
        self.reason, self.field, self.detail = reason, field, detail[:300]
        if not self.payload and self.record is not None:
            self.payload = json.dumps(self.record, ensure_ascii=False, default=str)[:MAX_PAYLOAD_CHARS]
        return self


def items_of(raw, device: str = "") -> list[Item]:
    """The readings of one message (bytes, text or parsed JSON); `device`: the one the topic or key names."""
    if isinstance(raw, bytes | str):
        try:
            raw = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
            return [Item(device, payload=text[:MAX_PAYLOAD_CHARS]).refuse(Reason.MALFORMED, "payload",
                                                                             "不是有效的 JSON")]
    records = raw if isinstance(raw, list) else [raw]
    if not records:
        return [Item(device, payload="[]").refuse(Reason.MALFORMED, "payload", "空的批量数据")]
    return [item for record in records for item in _items_of_record(record, device)]


def _items_of_record(record, device: str) -> list[Item]:
    if not isinstance(record, dict):
        return [Item(device, record=record).refuse(Reason.MALFORMED, "payload", "每条数据应为 JSON 对象")]
    named = str(record.get("device") or device)
    if device and named != device:
        return [Item(named, record=record).refuse(Reason.DEVICE_MISMATCH, "device",
                                                    f"数据中的设备 {named} 与 {device} 不符")]
    values = record.get("values")
    if not isinstance(values, dict) or not values:
        return [Item(named, record=record).refuse(Reason.MALFORMED, "values", "缺少 values 对象")]
    moment, problem = parse_time(record.get("time"))
    items = []
    for quantity, given in values.items():
        item = Item(named, str(quantity), moment, record=record)
        if problem:
            item.refuse(Reason.MALFORMED, "time", problem)
        else:
            _read_value(item, given)
        items.append(item)
    return items


def _read_value(item: Item, given) -> None:
    if isinstance(given, dict):
        item.unit = str(given.get("unit") or "")
        given = given.get("value")
    if isinstance(given, bool) or not isinstance(given, int | float) or not math.isfinite(given):
        item.refuse(Reason.MALFORMED, f"values.{item.quantity}", "数值应为有限的数字")
    else:
        item.value = float(given)


def parse_time(value) -> tuple[datetime | None, str]:
    """An ISO 8601 time (without an offset: district time) or Unix seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        try:
            return datetime.fromtimestamp(value, tz=UTC), ""
        except (OverflowError, OSError, ValueError):
            return None, "时间超出范围"
    if not isinstance(value, str) or not value.strip():
        return None, "缺少时间（ISO 8601 或 Unix 秒）"
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None, f"无法识别的时间：{value[:40]}"
    return (moment if moment.tzinfo else timezone.make_aware(moment)), ""
