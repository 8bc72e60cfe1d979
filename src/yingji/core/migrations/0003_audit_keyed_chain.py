"""The audit chain becomes keyed (HMAC, key id per entry) and is sealed after commit instead of under a lock.

Existing entries were chained with plain SHA-256. That chain is checked here; if it is intact, the entries
are unsealed, and the sealer (worker, `yingji audit seal`) re-seals them under the configured key, in the
same order and with the same sequence numbers. A chain that no longer verifies stops the migration: its
evidence must be examined before anything re-signs it.
"""

import hashlib
import json

from django.db import migrations, models

ZERO_HASH = "0" * 64
LEGACY_FIELDS = ("seq", "actor_id", "actor_name", "action", "model", "object_id", "object_repr", "before", "after",
                 "request_id", "source", "ip", "prev_hash")


def _legacy_hash(entry) -> str:
    fields = {name: getattr(entry, name) for name in LEGACY_FIELDS}
    fields["at"] = entry.at.isoformat(timespec="microseconds")
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def unseal_legacy_chain(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    expected, prev_hash = 1, ZERO_HASH
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected or entry.prev_hash != prev_hash or _legacy_hash(entry) != entry.hash:
            raise RuntimeError(
                f"审计日志第 {expected} 条校验失败（旧哈希链已被改动），迁移停止：请先调查，再处理该数据库"
            )
        expected, prev_hash = expected + 1, entry.hash
    AuditEntry.objects.update(seq=None, prev_hash=None, hash=None, key_id="")
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_seq": 0, "last_hash": ZERO_HASH})


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_submission'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditentry',
            options={'ordering': ['-id'], 'verbose_name': '审计日志', 'verbose_name_plural': '审计日志'},
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='base_hash',
            field=models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64),
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='base_seq',
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='key_id',
            field=models.CharField(blank=True, max_length=32, verbose_name='密钥编号'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='action',
            field=models.CharField(choices=[('create', '新增'), ('update', '修改'), ('delete', '删除'), ('login', '登录'), ('login_failed', '登录失败'), ('logout', '退出'), ('export', '导出'), ('import', '导入'), ('archive', '归档')], db_index=True, max_length=16, verbose_name='操作'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='hash',
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='seq',
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True, verbose_name='序号'),
        ),
        migrations.RunPython(unseal_legacy_chain, migrations.RunPython.noop),
    ]
