from django.core.management.base import BaseCommand

from yingji.core.context import acting


class Command(BaseCommand):
    help = "预警例行处理：到期预警自动结束；干部超时未确认的预警消息通知其上级"

    def handle(self, *args, **options):
        from yingji.alerts.registrations import housekeeping

        with acting(source="task"):
            expired, escalated = housekeeping()
        self.stdout.write(f"已结束到期预警 {expired} 条，发出未确认提醒 {escalated} 条")
