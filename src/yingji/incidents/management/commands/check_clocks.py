from django.core.management.base import BaseCommand

from yingji.incidents.clocks import sweep


class Command(BaseCommand):
    help = "检查报送时限：即将到期的变为黄色，超时的变为红色并发出 incident.deadline_overdue 事件"

    def handle(self, *args, **options):
        counts = sweep()
        self.stdout.write(f"即将到期 {counts['amber']} 项，新超时 {counts['overdue']} 项")
