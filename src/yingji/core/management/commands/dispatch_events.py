from django.core.management.base import BaseCommand

from yingji.core.worker import run_forever


class Command(BaseCommand):
    help = "后台任务：分发领域事件、发送消息、定期维护（无需消息队列的内嵌工作进程）。--once 处理一轮后退出"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, **options):
        handled = run_forever(interval=options["interval"], once=options["once"])
        self.stdout.write(f"已处理 {handled} 条")
