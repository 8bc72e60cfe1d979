"""The audit chain against someone with database access (issue 12 §6), sealed after commit instead of under a
platform-wide lock (issue 13 §1): keyed HMACs with rotation, anchors outside the database, sealing, and the
等保 retention with signed archives. Tampering is done with raw SQL, as an intruder would."""

import hashlib
import hmac
import itertools
import json
import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yingji.cli import main as yingji
from yingji.core.audit import record, seal_pending
from yingji.core.audit_anchor import write_anchor
from yingji.core.audit_archive import purge, retention_limit
from yingji.core.audit_keys import keyring
from yingji.core.audit_verify import verify_chain
from yingji.core.errors import DomainError
from yingji.core.extensions import PERIODIC_HOOKS, WORKER_STEPS
from yingji.core.models import AuditChainHead, AuditEntry
from yingji.core.models.audit import canonical

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outside(settings, tmp_path):
    """Anchors and archives of each test in a directory of its own."""
    settings.AUDIT_ANCHOR_DIR, settings.AUDIT_ARCHIVE_DIR = tmp_path / "anchors", tmp_path / "archive"
    settings.AUDIT_ANCHOR_SYSLOG = settings.AUDIT_ANCHOR_WEBHOOK = ""
    return tmp_path


def _write(count=3, label="test.Thing"):
    return [record("export", model_label=label, object_repr=f"导出 {i}") for i in range(count)]


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _sealed_tail(count):
    return list(AuditEntry.objects.filter(seq__isnull=False).order_by("-seq")[:count])[::-1]


def _rewrite_from(entry, sign):
    """What an intruder does to hide an edit: recompute every following link with `sign`, move the head."""
    prev_hash = entry.prev_hash
    for later in AuditEntry.objects.filter(seq__gte=entry.seq).order_by("seq"):
        later.prev_hash = prev_hash
        if later.pk == entry.pk:
            later.after = '{"name":"改过"}'
        later.hash = sign(later.canonical())
        _sql("UPDATE core_auditentry SET after = %s, prev_hash = %s, hash = %s WHERE id = %s",
             [later.after, later.prev_hash, later.hash, later.pk])
        prev_hash = later.hash
    _sql("UPDATE core_auditchainhead SET last_hash = %s WHERE id = 1", [prev_hash])


# ---- sealing instead of a lock ------------------------------------------------------------------------------
def test_an_audited_write_takes_no_lock_and_waits_for_the_sealer():
    with CaptureQueriesContext(connection) as queries:
        entry = _write(1)[0]
    assert not [q for q in queries.captured_queries if "auditchainhead" in q["sql"].lower()]
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.seq is None and entry.hash is None and not entry.sealed

    assert seal_pending() >= 1
    entry = AuditEntry.objects.get(pk=entry.pk)
    head = AuditChainHead.objects.get()
    assert entry.sealed and entry.seq == head.last_seq and entry.hash == head.last_hash and entry.key_id == "demo"
    assert verify_chain().ok


def test_entries_are_chained_in_the_order_they_were_written():
    _write(5)
    seal_pending()
    tail = _sealed_tail(6)
    assert [e.seq for e in tail] == list(range(tail[0].seq, tail[0].seq + 6))
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(tail))
    assert [e.object_repr for e in tail[1:]] == [f"导出 {i}" for i in range(5)]


def test_the_worker_seals_and_anchors_through_its_registered_hooks(outside):
    seal_pending()
    _write(2)
    assert WORKER_STEPS.get("core.audit_seal").run(None) == 2
    assert not AuditEntry.objects.filter(seq__isnull=True).exists()
    _write(1)
    PERIODIC_HOOKS.get("core.audit_anchor").run()
    line = json.loads(next((outside / "anchors").glob("anchors-*.jsonl")).read_text().splitlines()[-1])
    assert line["seq"] == AuditChainHead.objects.get().last_seq  # sealed first, then anchored


def test_the_demo_is_sealed_when_it_is_loaded():
    assert not AuditEntry.objects.filter(source="demo", seq__isnull=True).exists()
    assert AuditEntry.objects.filter(source="demo").exists()


def test_entries_left_unsealed_too_long_fail_verify_until_the_next_seal_run(settings):
    """A crash between a request's commit and sealing leaves entries without their link; verify says so once
    they are older than the bound, and the next sealer run chains them."""
    seal_pending()
    _write(2, label="test.Crash")  # committed by the request; the process died before any sealer ran
    later = timezone.now() + timedelta(minutes=11)

    assert verify_chain().ok and verify_chain().pending == 2  # within the bound: fine, and counted
    verdict = verify_chain(now=later)
    assert not verdict.ok and "2 条记录超过 10 分钟仍未封存" in verdict.reason
    settings.AUDIT_SEAL_BOUND_SECONDS = 0
    with pytest.raises(CommandError, match="仍未封存"):
        call_command("audit", "verify")
    assert seal_pending() == 2
    assert verify_chain(now=later).ok
    assert AuditEntry.objects.filter(model="test.Crash", seq__isnull=False).count() == 2


def test_verify_can_seal_first(capsys):
    _write(2)
    call_command("audit", "verify", "--seal")
    assert not AuditEntry.objects.filter(seq__isnull=True).exists()
    assert "审计日志完好" in capsys.readouterr().out


# ---- the two rewrites of issue 12 §6 ------------------------------------------------------------------------
def test_deleting_the_last_entries_and_rewinding_the_head_is_found_by_the_anchor():
    _write(3)
    seal_pending()
    write_anchor()
    kept, *removed = _sealed_tail(3)
    _sql("DELETE FROM core_auditentry WHERE seq > %s", [kept.seq])
    _sql("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [kept.seq, kept.hash])

    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == removed[0].seq and "截断" in verdict.reason
    with pytest.raises(CommandError, match=f"第 {removed[0].seq} 条"):
        call_command("audit", "verify")


def test_editing_an_entry_and_recomputing_the_following_hashes_is_found():
    _write(3)
    seal_pending()
    victim = _sealed_tail(3)[0]
    _rewrite_from(victim, lambda text: hashlib.sha256(text.encode()).hexdigest())  # no key: plain SHA-256

    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == victim.seq and "篡改" in verdict.reason


def test_a_rewrite_with_a_guessed_key_is_found_too():
    _write(2)
    seal_pending()
    victim = _sealed_tail(2)[0]
    _rewrite_from(victim, lambda text: hmac.new(b"guess" * 8, text.encode(), "sha256").hexdigest())
    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == victim.seq


def test_even_with_the_key_a_rewrite_before_an_anchor_is_found():
    _write(3)
    seal_pending()
    anchor = write_anchor()
    victim = _sealed_tail(3)[0]
    keys = keyring()
    _rewrite_from(victim, lambda text: hmac.new(keys["demo"], text.encode(), "sha256").hexdigest())

    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == anchor["seq"] and "锚点" in verdict.reason


def test_the_key_id_is_part_of_what_is_signed(settings, tmp_path):
    _use_keys(settings, tmp_path, "k1", "k2")
    _write(1)
    seal_pending()
    entry = _sealed_tail(1)[0]
    _sql("UPDATE core_auditentry SET key_id = 'k2' WHERE id = %s", [entry.pk])
    assert not verify_chain().ok


# ---- keys -----------------------------------------------------------------------------------------------------
def _use_keys(settings, tmp_path, *key_ids, current=None):
    directory = tmp_path / "keys"
    directory.mkdir(exist_ok=True)
    for key_id in key_ids:
        (directory / f"{key_id}.key").write_text(hashlib.sha256(key_id.encode()).hexdigest() + "\n")
    settings.AUDIT_KEY_DIR, settings.AUDIT_KEY_ID = directory, current or key_ids[0]
    return directory


def test_keys_rotate_and_old_entries_verify_with_their_own_key(settings, tmp_path):
    directory = _use_keys(settings, tmp_path, "k1")
    _write(2)
    seal_pending()
    _use_keys(settings, tmp_path, "k2")
    _write(2)
    seal_pending()
    assert [e.key_id for e in _sealed_tail(4)] == ["k1", "k1", "k2", "k2"]
    assert verify_chain().ok

    (directory / "k1.key").unlink()
    verdict = verify_chain()
    assert not verdict.ok and "缺少密钥 k1" in verdict.reason


def test_a_key_given_in_the_environment_signs(settings):
    settings.AUDIT_KEY, settings.AUDIT_KEY_ID = "e" * 40, "env-2026"
    _write(1)
    seal_pending()
    assert _sealed_tail(1)[0].key_id == "env-2026" and verify_chain().ok


def _start(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("YINGJI_") and k != "DATABASE_URL"}
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='yingji.settings'; django.setup(); print('ok')"
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True)


def test_production_refuses_to_start_without_an_audit_key(tmp_path):
    production = {"YINGJI_MODE": "production", "YINGJI_VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://x@h/y",
                  "YINGJI_SECRET_KEY": "Vq3-xR8_Lm2pZt7aKc9Wn4bYe6Hs1Jd5Gf0Uo_Pi8Tr3Qw7Ex2Cv6Bn9Mk4Lj1Hg5Fd0Sa"}
    refused = _start(**production)
    assert refused.returncode != 0 and "audit key" in refused.stderr
    assert _start(**production, YINGJI_AUDIT_KEY="short").returncode != 0
    (tmp_path / "k7.key").write_text("f" * 64)
    started = _start(**production, YINGJI_AUDIT_KEY_DIR=str(tmp_path), YINGJI_AUDIT_KEY_ID="k7")
    assert started.returncode == 0, started.stderr


# ---- anchors --------------------------------------------------------------------------------------------------
def test_anchors_go_to_a_signed_daily_file_when_the_chain_has_grown(outside):
    _write(1)
    first = write_anchor()
    assert write_anchor() is None  # nothing new
    _write(1)
    second = write_anchor()
    path = outside / "anchors" / f"anchors-{timezone.localdate().isoformat()}.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines == [first, second] and second["seq"] == first["seq"] + 1
    assert set(first) == {"seq", "hash", "at", "key_id", "mac"}
    assert verify_chain().anchors == 2


def test_a_forged_anchor_is_refused(outside):
    _write(1)
    anchor = write_anchor()
    path = next((outside / "anchors").glob("*.jsonl"))
    path.write_text(path.read_text() + canonical({**anchor, "seq": anchor["seq"] + 5}) + "\n")
    verdict = verify_chain()
    assert not verdict.ok and "签名无效" in verdict.reason


def test_anchors_are_also_sent_to_syslog_and_a_webhook(settings, http_sink):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as collector:
        collector.bind(("127.0.0.1", 0))
        collector.settimeout(10)
        settings.AUDIT_ANCHOR_SYSLOG = f"127.0.0.1:{collector.getsockname()[1]}"
        settings.AUDIT_ANCHOR_WEBHOOK = f"{http_sink.url}/audit-anchor"
        _write(1)
        anchor = write_anchor()
        message = collector.recv(4096).decode()
    assert message.startswith("<110>yingji-audit-anchor: ") and json.loads(message.split(": ", 1)[1]) == anchor
    assert http_sink.requests[-1]["path"] == "/audit-anchor" and http_sink.requests[-1]["json"] == anchor


def test_a_collector_that_is_down_does_not_stop_the_anchor_file(settings, outside):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.AUDIT_ANCHOR_WEBHOOK = f"http://127.0.0.1:{port}/"
    _write(1)
    assert write_anchor() is not None and verify_chain().anchors == 1


def test_the_anchor_command(capsys):
    _write(1)
    call_command("audit", "anchor")
    assert "已写入锚点" in capsys.readouterr().out


# ---- retention and archives ----------------------------------------------------------------------------------
def test_entries_younger_than_six_months_cannot_be_purged():
    young = timezone.localdate() - timedelta(days=150)
    with pytest.raises(DomainError) as refused:
        purge(young)
    assert refused.value.code == "audit_retention" and "6 个月" in refused.value.message
    with pytest.raises(CommandError, match="6 个月"):
        call_command("audit", "purge", "--before", young.isoformat())
    assert purge(retention_limit()) is None  # nothing in the demo is that old


def _purge_the_oldest(count):
    """Purge the first `count` entries, as if seven months had passed."""
    seal_pending()
    head = AuditChainHead.objects.get()
    boundary = AuditEntry.objects.get(seq=head.base_seq + count + 1)
    return purge(boundary.at, now=timezone.now() + timedelta(days=215))


def test_old_entries_are_archived_to_a_signed_file_and_the_chain_still_verifies(outside):
    _write(1)
    anchor = write_anchor()  # an anchor inside the archived part is checked against the file
    _write(1)
    seal_pending()
    archive = _purge_the_oldest(anchor["seq"])

    head = AuditChainHead.objects.get()
    assert archive.to_seq == anchor["seq"] and head.base_seq == archive.to_seq and head.base_hash == archive.last_hash
    assert not AuditEntry.objects.filter(seq__lte=archive.to_seq).exists()
    note = AuditEntry.objects.get(action="archive")
    assert note.sealed and json.loads(note.after)["to_seq"] == archive.to_seq and archive.name in note.object_repr
    path = outside / "archive" / archive.name
    assert len(path.read_text().splitlines()) == archive.count + 2  # header, entries, signature

    assert verify_chain().ok
    with_file = verify_chain(archives=[path])
    assert with_file.ok and with_file.archived == archive.count and with_file.anchors == 1
    call_command("audit", "verify", "--archive", str(path))


def test_an_edited_archive_file_fails_verify(outside):
    archive = _purge_the_oldest(20)
    path = outside / "archive" / archive.name
    lines = path.read_text().splitlines()
    entry = json.loads(lines[5])
    entry["object_repr"] = "改过"
    path.write_text("\n".join([*lines[:5], canonical(entry), *lines[6:]]) + "\n")
    verdict = verify_chain(archives=[path])
    assert not verdict.ok and archive.name in verdict.reason and "被改动" in verdict.reason
    with pytest.raises(CommandError, match="被改动"):
        call_command("audit", "verify", "--archive", str(path))


def test_removing_the_oldest_entries_and_moving_the_base_is_found():
    _purge_the_oldest(10)
    head = AuditChainHead.objects.get()
    removed = list(AuditEntry.objects.filter(seq__gt=head.base_seq).order_by("seq")[:3])
    _sql("DELETE FROM core_auditentry WHERE seq <= %s", [removed[-1].seq])
    _sql("UPDATE core_auditchainhead SET base_seq = %s, base_hash = %s WHERE id = 1", [removed[-1].seq,
                                                                                      removed[-1].hash])
    verdict = verify_chain()
    assert not verdict.ok and verdict.first_bad_seq == removed[0].seq and "链首" in verdict.reason


# ---- what people see ------------------------------------------------------------------------------------------
def test_the_audit_log_page_shows_fresh_entries_as_pending(users, client):
    client.force_login(users["auditor"])
    _write(1, label="test.Fresh")
    page = client.get("/core/audit/", {"q": "test.Fresh"}).content.decode()
    assert "test.Fresh" in page and ">待封存</span>" in page
    seal_pending()
    entry = AuditEntry.objects.get(model="test.Fresh")
    page = client.get("/core/audit/", {"q": "test.Fresh"}).content.decode()
    assert ">待封存</span>" not in page and f"<td>{entry.seq}</td>" in page


def test_the_yingji_command_verifies_seals_and_refuses_a_young_purge(capsys):
    seal_pending()
    _write(1)
    assert yingji(["audit", "seal"]) == 0 and "已封存 1 条" in capsys.readouterr().out
    assert yingji(["audit", "verify"]) == 0 and "审计日志完好" in capsys.readouterr().out
    young = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert yingji(["audit", "purge", "--before", young]) == 1 and "6 个月" in capsys.readouterr().err
