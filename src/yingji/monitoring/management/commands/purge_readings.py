"""`yingji manage purge_readings`: the retention of raw readings (monitoring/retention.py), also run daily by the
worker (periodic hook `monitoring.retention`)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from yingji.monitoring import retention


class Command(BaseCommand):
    help = "监测数据保留期：删除超过保留天数的原始数据（小时、日汇总保留）及过期死信"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要删除的范围，不删除")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="不询问确认（定时任务用）")

    def handle(self, *args, **options):
        plan = retention.purge(dry_run=True)
        when = timezone.localtime(plan.cutoff).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(f"保留 {retention.raw_days()} 天原始数据：删除 {when} 之前的原始数据（小时、日汇总保留），"
                          f"以及 {retention.dead_letter_days()} 天前的死信")
        for part in plan.due:
            self.stdout.write(f"  {'整表删除分区' if part.drop else '分批删除'} {part.table}")
        if options["dry_run"]:
            return
        if options["interactive"]:
            answer = input("删除后不可恢复，确认删除？输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消，未删除任何数据")
        done = retention.purge()
        self.stdout.write(self.style.SUCCESS(
            f"已删除原始数据 {done.deleted + done.dropped_rows} 条（分区 {len(done.dropped)} 个），"
            f"先补全小时汇总 {done.rebuilt} 个，删除死信 {done.dead_letters} 条"))
