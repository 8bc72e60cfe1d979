from django.core.management.base import BaseCommand

from yingji.channels.models import Channel


class Command(BaseCommand):
    help = "把预警通道指向指定的网关地址（HTTP 类通道）和 SMTP 服务器，例如演示或联调时使用本地收信端"

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True, help="HTTP 通道的基础地址，如 http://127.0.0.1:9000")
        parser.add_argument("--smtp-host", default="127.0.0.1")
        parser.add_argument("--smtp-port", type=int, default=None)

    def handle(self, *args, base_url, smtp_host, smtp_port, **options):
        base = base_url.rstrip("/")
        for channel in Channel.objects.filter(code__startswith="alert-"):
            if "url" in channel.config:
                channel.config = {**channel.config, "url": f"{base}/{channel.code.removeprefix('alert-')}"}
            elif channel.kind == "email" and smtp_port:
                channel.config = {**channel.config, "host": smtp_host, "port": smtp_port}
            channel.save()
            self.stdout.write(f"{channel.code}: {channel.config}")
