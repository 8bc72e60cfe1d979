from django.core.management.base import BaseCommand, CommandError

from yingji.core.audit import verify_chain


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链，发现任何被篡改或删除的记录"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        ok, bad_seq, reason, count = verify_chain()
        if not ok:
            raise CommandError(f"审计日志校验失败：第 {bad_seq} 条记录 — {reason}（此前 {count} 条完好）")
        self.stdout.write(self.style.SUCCESS(f"审计日志完好：共 {count} 条，哈希链一致"))
