from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from yingji.core.context import acting
from yingji.duty.scheduler import tick


class Command(BaseCommand):
    help = "值班值守调度：交接班与点名超时检查、升级链到期步骤、发送通知。--now 指定时间（ISO 格式，用于补跑或测试）"

    def add_arguments(self, parser):
        parser.add_argument("--now", default="", help="例如 2025-07-01T08:30:00+08:00")
        parser.add_argument("--no-deliver", action="store_true", help="只排队消息，不发送")

    def handle(self, *args, **options):
        now = timezone.now()
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError(f"时间格式无效：{options['now']}") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        with acting(source="task"):
            counts = tick(now=now, deliver=not options["no_deliver"])
        self.stdout.write("；".join(f"{k}={v}" for k, v in counts.items()))
