from datetime import date

from django.core.management.base import BaseCommand, CommandError

from yingji.core.audit import seal_pending
from yingji.core.audit_anchor import write_anchor
from yingji.core.audit_archive import purge, retention_limit
from yingji.core.audit_verify import verify_chain
from yingji.core.errors import DomainError


class Command(BaseCommand):
    help = "审计日志：verify 校验（密钥链、锚点、归档、封存时限），seal 封存，anchor 写锚点，purge 归档清理"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser("verify", help="校验审计链，发现任何被篡改、删除或截断的记录")
        verify.add_argument("--seal", action="store_true", help="先封存待封存的记录再校验")
        verify.add_argument("--archive", action="append", default=[], metavar="FILE", help="同时校验归档文件（可多次）")
        actions.add_parser("seal", help="立即封存所有待封存的记录")
        actions.add_parser("anchor", help="封存后立即把链头写入锚点文件（并发往 syslog/webhook，如已配置）")
        purging = actions.add_parser("purge", help="把早于某日的记录归档到签名文件并移出数据库（至少保留 6 个月）")
        purging.add_argument("--before", required=True, type=date.fromisoformat, help="日期 YYYY-MM-DD")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _verify(self, options):
        verdict = verify_chain(seal_first=options["seal"], archives=options["archive"])
        if not verdict.ok:
            where = f"第 {verdict.first_bad_seq} 条记录 — " if verdict.first_bad_seq else ""
            raise CommandError(f"审计日志校验失败：{where}{verdict.reason}（此前 {verdict.checked} 条完好）")
        summary = f"审计日志完好：已封存 {verdict.checked} 条，密钥链一致，与 {verdict.anchors} 个锚点一致"
        if verdict.archived:
            summary += f"，归档文件 {verdict.archived} 条完好"
        if verdict.pending:
            summary += f"；另有 {verdict.pending} 条待封存"
        self.stdout.write(self.style.SUCCESS(summary))

    def _seal(self, options):
        self.stdout.write(self.style.SUCCESS(f"已封存 {seal_pending()} 条"))

    def _anchor(self, options):
        anchor = write_anchor(force=True)
        if anchor is None:
            self.stdout.write("审计日志为空，没有可锚定的记录")
        else:
            self.stdout.write(self.style.SUCCESS(f"已写入锚点：第 {anchor['seq']} 条 {anchor['hash'][:16]}…"))

    def _purge(self, options):
        try:
            archive = purge(options["before"])
        except DomainError as error:
            raise CommandError(error.message) from error
        if archive is None:
            self.stdout.write(f"{options['before']} 之前没有可归档的记录（最多可清理到 {retention_limit()}）")
        else:
            span = f"第 {archive.from_seq}–{archive.to_seq} 条（{archive.count} 条）"
            self.stdout.write(self.style.SUCCESS(f"已归档{span}到 {archive.name}，并从数据库移除"))
