"""Retention (等保: at least six months) and archiving of old audit entries.

Entries younger than settings.AUDIT_RETENTION_MONTHS (never less than six months) cannot be purged. Older
ones are first written to a signed archive file in settings.AUDIT_ARCHIVE_DIR — JSON lines: a header with
the hash the first entry links to, one line per entry with everything its HMAC covers, and an end line
whose mac is an HMAC of all the bytes before it under the current key — then removed in one transaction
that moves the chain's base to the last archived entry and records an "archive" entry naming the file.
The chain still verifies (its first remaining entry links to the archived head), and
`yingji audit verify --archive FILE` checks the file and that link.
"""

import calendar
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import record, seal_pending
from .audit_keys import current_key_id, keyring, sign, signed_by
from .audit_verify import link_error
from .errors import ConflictError, DomainError
from .models.audit import AuditAction, AuditChainHead, AuditEntry, canonical

MINIMUM_RETENTION_MONTHS = 6


class ArchiveError(Exception):
    def __init__(self, reason: str, seq: int | None = None):
        super().__init__(reason)
        self.reason, self.seq = reason, seq


@dataclass
class Archive:
    name: str
    from_seq: int
    to_seq: int
    count: int
    prev_hash: str
    last_hash: str
    hashes: dict[int, str] = field(default_factory=dict)  # only the sequence numbers asked for


def retention_limit(now=None) -> date:
    """The latest `before` date a purge may use: today (Asia/Shanghai) less the retention period."""
    months = max(settings.AUDIT_RETENTION_MONTHS, MINIMUM_RETENTION_MONTHS)
    today = timezone.localdate(now or timezone.now())
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def purge(before: date | datetime, *, now=None) -> Archive | None:
    """Archive and remove the entries written before `before` (a date, Asia/Shanghai, or an aware time).
    Refused when that would remove anything younger than the retention period; None when nothing is due."""
    limit = retention_limit(now)
    cutoff = before if isinstance(before, datetime) else timezone.make_aware(datetime.combine(before, time.min))
    if cutoff > timezone.make_aware(datetime.combine(limit, time.min)):
        months = max(settings.AUDIT_RETENTION_MONTHS, MINIMUM_RETENTION_MONTHS)
        message = _("审计日志须保存至少 %(months)s 个月：只能清理 %(limit)s 之前的记录") % {"months": months,
                                                                                       "limit": limit}
        raise DomainError("audit_retention", message, field="before")
    seal_pending()
    head = AuditChainHead.objects.get_or_create(pk=1)[0]
    archive = _write_archive(head, cutoff)
    if archive is None:
        return None
    with transaction.atomic():
        locked = AuditChainHead.objects.select_for_update().get(pk=1)
        if locked.base_seq != head.base_seq:
            raise ConflictError("audit_purge_running", _("另一次审计日志清理刚刚完成，请重新执行"))
        table = connection.ops.quote_name(AuditEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE seq >= %s AND seq <= %s", [archive.from_seq, archive.to_seq])
        locked.base_seq, locked.base_hash = archive.to_seq, archive.last_hash
        locked.save(update_fields=["base_seq", "base_hash"])
        path = Path(settings.AUDIT_ARCHIVE_DIR) / archive.name
        record(
            AuditAction.ARCHIVE,
            model_label=AuditEntry._meta.label,
            object_repr=f"第 {archive.from_seq}–{archive.to_seq} 条 → {archive.name}",
            after={
                "from_seq": archive.from_seq,
                "to_seq": archive.to_seq,
                "last_hash": archive.last_hash,
                "file": archive.name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            },
        )
    seal_pending()
    return archive


def _write_archive(head, cutoff) -> Archive | None:
    """Write the entries after the base and before `cutoff`, checking each link on the way (an altered
    chain is never archived as if it were sound); the file is complete on disk before anything is removed."""
    keys = keyring()
    key_id = current_key_id(keys)
    entries = AuditEntry.objects.filter(seq__gt=head.base_seq, seq__lte=head.last_seq).order_by("seq")
    directory = Path(settings.AUDIT_ARCHIVE_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    partial = directory / f".partial-{os.getpid()}.jsonl"
    expected_seq, prev_hash, count = head.base_seq + 1, head.base_hash, 0
    with partial.open("wb") as file:
        body = _Body(file)
        body.line({"type": "header", "prev_hash": head.base_hash, "written_at": timezone.now().isoformat()})
        for entry in entries.iterator(chunk_size=2000):
            if entry.at >= cutoff:
                break
            fields = entry.fields()
            error = link_error(fields, entry.hash, expected_seq, prev_hash, keys)
            if error:
                partial.unlink()
                seq, reason = error
                message = _("审计链第 %(seq)s 条校验失败（%(reason)s），不能归档") % {"seq": seq, "reason": reason}
                raise DomainError("audit_chain_broken", message)
            body.line({"type": "entry", **fields, "hash": entry.hash})
            prev_hash, expected_seq, count = entry.hash, expected_seq + 1, count + 1
        end = {"type": "end", "from_seq": head.base_seq + 1, "to_seq": expected_seq - 1, "count": count,
               "last_hash": prev_hash, "sha256": body.sha256.hexdigest(), "key_id": key_id}
        end["mac"] = sign(canonical(end), key_id, keys)
        file.write((canonical(end) + "\n").encode())
        file.flush()
        os.fsync(file.fileno())
    if count == 0:
        partial.unlink()
        return None
    name = f"audit-{head.base_seq + 1:010d}-{expected_seq - 1:010d}.jsonl"
    partial.replace(directory / name)
    return read_archive(directory / name, keys)


class _Body:
    """Writes the lines before the end line, whose SHA-256 the end line states (and its HMAC covers)."""

    def __init__(self, file):
        self.file, self.sha256 = file, hashlib.sha256()

    def line(self, data: dict) -> None:
        raw = (canonical(data) + "\n").encode()
        self.file.write(raw)
        self.sha256.update(raw)


def read_archive(path: Path, keys: dict, wanted=frozenset()) -> Archive:
    """Check an archive file: its signature, and that its entries form an unbroken signed chain."""
    body, chain_error, end = hashlib.sha256(), None, None
    try:
        with path.open("rb") as file:
            first = file.readline()
            body.update(first)
            header = json.loads(first)
            first_seq, expected_seq, prev_hash, hashes = None, None, header["prev_hash"], {}
            for raw in file:
                row = json.loads(raw)
                if row.pop("type") == "end":
                    end = row
                    break
                body.update(raw)
                mac = row.pop("hash")
                if first_seq is None:
                    first_seq = expected_seq = row["seq"]
                chain_error = chain_error or link_error(row, mac, expected_seq, prev_hash, keys)
                if row["seq"] in wanted:
                    hashes[row["seq"]] = mac
                prev_hash, expected_seq = mac, expected_seq + 1
    except OSError as error:
        raise ArchiveError(f"无法读取（{error.strerror}）") from error
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ArchiveError("格式错误（不是审计归档文件）") from error
    if end is None:
        raise ArchiveError("缺少签名行（文件不完整）")
    mac = end.pop("mac", "")
    if not signed_by(canonical({"type": "end", **end}), end.get("key_id", ""), mac, keys):
        raise ArchiveError(f"签名无效（签名行被改动，或缺少密钥 {end.get('key_id')}）")
    if end["sha256"] != body.hexdigest():
        raise ArchiveError("内容与签名不符（文件被改动）")
    if chain_error:
        raise ArchiveError(chain_error[1], chain_error[0])
    archive = Archive(path.name, end["from_seq"], end["to_seq"], end["count"], header["prev_hash"], end["last_hash"])
    archive.hashes = hashes
    if first_seq != archive.from_seq or expected_seq - 1 != archive.to_seq or prev_hash != archive.last_hash:
        raise ArchiveError("条目与签名行不符", archive.to_seq)
    return archive
