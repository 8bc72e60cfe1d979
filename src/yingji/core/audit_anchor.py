"""Anchors: the chain's head written outside the database, so that what was sealed before an anchor cannot
be removed or re-chained unnoticed, even by someone who can rewrite the database.

An anchor is one JSON line {"seq", "hash", "at", "key_id", "mac"}: the last sealed entry's sequence number
and HMAC, the time, and an HMAC of those under the current audit key. It is appended to the day's file
`anchors-YYYY-MM-DD.jsonl` (Asia/Shanghai date) in settings.AUDIT_ANCHOR_DIR and, when configured, sent
to a syslog collector (AUDIT_ANCHOR_SYSLOG, host:port over UDP) and a webhook (AUDIT_ANCHOR_WEBHOOK). The
worker writes one every AUDIT_ANCHOR_SECONDS when the chain has grown (and at least one a day);
`yingji audit anchor` writes one now. `yingji audit verify` checks the chain against every anchor.
"""

import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import httpx
from django.conf import settings
from django.utils import timezone

from .audit import seal_pending
from .audit_keys import current_key_id, keyring, sign, signed_by
from .models.audit import AuditEntry, canonical

log = logging.getLogger(__name__)
SYSLOG_PRIORITY = 13 * 8 + 6  # facility "log audit", severity "informational"


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: str
    key_id: str
    mac: str
    place: str  # file and line, for messages

    def signed(self, keys: dict[str, bytes]) -> bool:
        return signed_by(canonical(_payload(self.seq, self.hash, self.at, self.key_id)), self.key_id, self.mac, keys)


def _payload(seq, hash_, at, key_id) -> dict:
    return {"seq": seq, "hash": hash_, "at": at, "key_id": key_id}


def write_anchor(now=None, *, force: bool = False) -> dict | None:
    """Seal what is pending, then anchor the chain's last entry. Without `force`, nothing is written when the
    day's file already ends with this entry. Returns the anchor written, or None."""
    seal_pending()
    last = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").first()
    if last is None:
        return None
    now = now or timezone.now()
    path = Path(settings.AUDIT_ANCHOR_DIR) / f"anchors-{timezone.localtime(now).date().isoformat()}.jsonl"
    if not force and _last_seq(path) == last.seq:
        return None
    keys = keyring()
    key_id = current_key_id(keys)
    anchor = _payload(last.seq, last.hash, now.astimezone(UTC).isoformat(timespec="seconds"), key_id)
    anchor["mac"] = sign(canonical(anchor), key_id, keys)
    line = canonical(anchor)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(line + "\n")
        file.flush()
        os.fsync(file.fileno())
    _send(anchor, line)
    return anchor


def _last_seq(path: Path) -> int | None:
    if not path.exists():
        return None
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        return json.loads(lines[-1])["seq"] if lines else None
    except (ValueError, KeyError, TypeError):
        return None


def _send(anchor: dict, line: str) -> None:
    """Copies elsewhere are a bonus: a collector that is down must not stop the file from being written."""
    if settings.AUDIT_ANCHOR_SYSLOG:
        host, _, port = settings.AUDIT_ANCHOR_SYSLOG.rpartition(":")
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.sendto(f"<{SYSLOG_PRIORITY}>yingji-audit-anchor: {line}".encode(), (host, int(port)))
        except (OSError, ValueError):
            log.warning("audit anchor %s not sent to syslog %s", anchor["seq"], settings.AUDIT_ANCHOR_SYSLOG)
    if settings.AUDIT_ANCHOR_WEBHOOK:
        try:
            httpx.post(settings.AUDIT_ANCHOR_WEBHOOK, json=anchor, timeout=10).raise_for_status()
        except httpx.HTTPError:
            log.warning("audit anchor %s not sent to %s", anchor["seq"], settings.AUDIT_ANCHOR_WEBHOOK)


def read_anchors() -> tuple[list[Anchor], str]:
    """Every anchor in the anchor directory, and the place of the first line that is not one ("" if none)."""
    anchors = []
    for path in sorted(Path(settings.AUDIT_ANCHOR_DIR).glob("anchors-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            place = f"{path.name}:{number}"
            try:
                data = json.loads(line)
                anchors.append(Anchor(int(data["seq"]), data["hash"], data["at"], data["key_id"], data["mac"], place))
            except (ValueError, KeyError, TypeError):
                return anchors, place
    return anchors, ""
