"""Demo data never enters a production database: it brings 14 accounts whose password is published."""

from django.conf import settings
from django.core.management.base import CommandError

REFUSAL = ("生产模式（YINGJI_MODE=production）不能载入演示数据：演示数据含 14 个使用公开密码的演示账户。"
           "如需体验演示，请在单独的演示环境中使用 YINGJI_MODE=demo。")


def refuse_demo_data_in_production() -> None:
    if not settings.DEMO_MODE:
        raise CommandError(REFUSAL)
