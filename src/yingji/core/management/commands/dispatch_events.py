import time

from django.core.management.base import BaseCommand

from yingji.channels.services import deliver_pending
from yingji.core.context import acting
from yingji.core.events import dispatch_pending


class Command(BaseCommand):
    help = "后台任务：分发领域事件、发送消息（无需消息队列的内嵌工作进程）。--once 处理一轮后退出"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, **options):
        with acting(source="task"):
            while True:
                handled = dispatch_pending() + deliver_pending()
                if options["once"]:
                    self.stdout.write(f"已处理 {handled} 条")
                    return
                if not handled:
                    time.sleep(options["interval"])
