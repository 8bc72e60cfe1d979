from django.core.management.base import BaseCommand

from yingji.core.context import acting
from yingji.core.demo_guard import refuse_demo_data_in_production
from yingji.core.demo_loading import load_demo


class Command(BaseCommand):
    help = "载入船山区演示数据（确定性生成，可重复执行；已载入则跳过）"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="即使已载入也重新检查并补齐")

    def handle(self, *args, **options):
        refuse_demo_data_in_production()
        with acting(source="demo"):
            summary = load_demo(force=options["force"], progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(summary))
