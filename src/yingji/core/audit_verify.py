"""`yingji audit verify`: is the audit trail complete and unaltered?

It recomputes every sealed entry's HMAC and link (from the chain's base: the last archived entry), checks
the chain head, every anchor written outside the database (an entry removed or re-chained before an anchor
is found even if the head row was rewound), the link to an archived head after a purge, any archive files
given, and that no entry has waited longer than settings.AUDIT_SEAL_BOUND_SECONDS to be sealed.
"""

import itertools
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from .audit import seal_pending
from .audit_anchor import read_anchors
from .audit_keys import keyring, signed_by
from .models.audit import AuditAction, AuditChainHead, AuditEntry, canonical


@dataclass
class Verdict:
    ok: bool = True
    first_bad_seq: int | None = None  # the first entry found missing or altered
    reason: str = ""
    checked: int = 0  # sealed entries checked in the database
    anchors: int = 0  # anchors compared with the chain
    pending: int = 0  # entries not sealed yet (within the bound)
    archived: int = 0  # entries checked in archive files

    def fail(self, reason: str, seq: int | None = None) -> "Verdict":
        self.ok, self.first_bad_seq, self.reason = False, seq, reason
        return self


def link_error(fields: dict, mac: str, expected_seq: int, prev_hash: str, keys: dict) -> tuple[int, str] | None:
    """(first bad sequence number, why) if this entry does not continue the chain at expected_seq."""
    if fields["seq"] != expected_seq:
        return expected_seq, f"缺失第 {expected_seq} 条记录（删除）"
    if fields["prev_hash"] != prev_hash:
        return fields["seq"], "前序哈希不一致（链被改动）"
    if fields["key_id"] not in keys:
        return fields["seq"], f"缺少密钥 {fields['key_id']}，无法校验（请把该密钥文件放回密钥目录）"
    if not signed_by(canonical(fields), fields["key_id"], mac, keys):
        return fields["seq"], "内容校验码不一致（记录被篡改）"
    return None


def verify_chain(*, seal_first: bool = False, archives=(), now=None, batch_size: int = 2000) -> Verdict:
    if seal_first:
        seal_pending()
    verdict, keys = Verdict(), keyring()
    anchors, unreadable = read_anchors()  # before the head: an anchor is never ahead of the head read after it
    if unreadable:
        return verdict.fail(f"锚点文件 {unreadable} 无法解析")
    for anchor in anchors:
        if not anchor.signed(keys):
            return verdict.fail(f"锚点 {anchor.place} 签名无效（锚点被改动，或缺少密钥 {anchor.key_id}）")
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        if AuditEntry.objects.filter(seq__isnull=False).exists() or anchors:
            return verdict.fail("链头记录缺失（被删除）", 1)
        head = AuditChainHead()
    wanted = {anchor.seq for anchor in anchors}
    hashes = _check_database_chain(verdict, head, keys, wanted, batch_size)
    if verdict.ok:
        _check_base(verdict, head)
    if verdict.ok and archives:
        hashes |= _check_archives(verdict, head, archives, keys, wanted)
    if verdict.ok:
        _check_anchors(verdict, head, anchors, hashes)
    if verdict.ok:
        _check_unsealed(verdict, now or timezone.now())
    return verdict


def _check_database_chain(verdict, head, keys, wanted, batch_size) -> dict[int, str]:
    expected_seq, prev_hash, hashes = head.base_seq + 1, head.base_hash, {}
    entries = AuditEntry.objects.filter(seq__isnull=False, seq__lte=head.last_seq).order_by("seq")
    for entry in entries.iterator(chunk_size=batch_size):
        error = link_error(entry.fields(), entry.hash, expected_seq, prev_hash, keys)
        if error:
            verdict.fail(error[1], error[0])
            return hashes
        if entry.seq in wanted:
            hashes[entry.seq] = entry.hash
        prev_hash, expected_seq, verdict.checked = entry.hash, expected_seq + 1, verdict.checked + 1
    last_seq = expected_seq - 1
    if last_seq < head.last_seq:
        verdict.fail(f"链尾缺失：应有第 {head.last_seq} 条，实际只到第 {last_seq} 条", last_seq + 1)
    elif last_seq > head.base_seq and prev_hash != head.last_hash:
        verdict.fail("链头记录与最后一条不符（链头被改动）", last_seq)
    else:
        # Entries are sealed and the head moved in one transaction: a sealed entry beyond a head read after it
        # means the head row was set back.
        beyond = AuditEntry.objects.aggregate(last=Max("seq"))["last"] or 0
        current_head = AuditChainHead.objects.filter(pk=1).values_list("last_seq", flat=True).first() or 0
        if beyond > current_head:
            verdict.fail(f"链头记录落后：库中已有第 {beyond} 条，链头只记到第 {current_head} 条（链头被回退）",
                         current_head + 1)
    return hashes


def _check_base(verdict, head) -> None:
    """After a purge the chain starts at the base; the sealed "archive" entry says where that must be."""
    if head.base_seq == 0:
        return
    latest = AuditEntry.objects.filter(action=AuditAction.ARCHIVE, seq__isnull=False).order_by("-seq").first()
    archived = json.loads(latest.after) if latest else {}
    if archived.get("to_seq") != head.base_seq or archived.get("last_hash") != head.base_hash:
        start = archived.get("to_seq", 0) + 1
        verdict.fail(f"链首缺失：库中记录从第 {head.base_seq + 1} 条开始，最近一次归档只到第 {start - 1} 条", start)


def _check_anchors(verdict, head, anchors, hashes) -> None:
    for anchor in anchors:
        if anchor.seq > head.last_seq:
            where, last = f"锚点 {anchor.place}（{anchor.at}）", head.last_seq
            verdict.fail(f"链尾被截断：{where}记录到第 {anchor.seq} 条，库中只到第 {last} 条", last + 1)
            return
        if anchor.seq not in hashes:
            continue  # archived, and its archive file was not given
        if hashes[anchor.seq] != anchor.hash:
            verdict.fail(f"与锚点 {anchor.place}（{anchor.at}）不一致（链被重写）", anchor.seq)
            return
        verdict.anchors += 1


def _check_unsealed(verdict, now) -> None:
    pending = AuditEntry.objects.filter(seq__isnull=True)
    bound = timedelta(seconds=settings.AUDIT_SEAL_BOUND_SECONDS)
    overdue = pending.filter(at__lt=now - bound).order_by("id")
    first = overdue.first()
    if first is not None:
        seconds = settings.AUDIT_SEAL_BOUND_SECONDS
        bound_text = f"{seconds // 60} 分钟" if seconds % 60 == 0 and seconds else f"{seconds} 秒"
        verdict.fail(
            f"有 {overdue.count()} 条记录超过 {bound_text}仍未封存（最早一条写于 "
            f"{timezone.localtime(first.at):%Y-%m-%d %H:%M:%S}）：封存进程（yingji worker）是否在运行？"
        )
        return
    verdict.pending = pending.count()


def _check_archives(verdict, head, paths, keys, wanted) -> dict[int, str]:
    from .audit_archive import ArchiveError, read_archive

    hashes, archives = {}, []
    for path in paths:
        try:
            archive = read_archive(Path(path), keys, wanted)
        except ArchiveError as error:
            verdict.fail(f"归档文件 {Path(path).name}：{error.reason}", error.seq)
            return hashes
        archives.append(archive)
        hashes |= archive.hashes
        verdict.archived += archive.count
    archives.sort(key=lambda archive: archive.from_seq)
    for earlier, later in itertools.pairwise(archives):
        if later.from_seq == earlier.to_seq + 1 and later.prev_hash != earlier.last_hash:
            verdict.fail(f"归档文件 {later.name} 与 {earlier.name} 不衔接", later.from_seq)
            return hashes
    for archive in archives:
        if archive.to_seq > head.base_seq or (archive.to_seq == head.base_seq and archive.last_hash != head.base_hash):
            verdict.fail(f"归档文件 {archive.name} 与库中链首不衔接", archive.to_seq)
            return hashes
    return hashes
