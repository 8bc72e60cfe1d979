"""`yingji load-demo`: runs every registered demo loader (core.extensions.DEMO_LOADERS) in order, in one
transaction. The base dataset (regions, organizations, accounts) registers itself at order 0 (yingji.demo)."""

from django.db import transaction

from .extensions import DEMO_LOADERS
from .models import Committee, Organization, Region, User


def load_demo(force: bool = False, progress=print) -> str:
    if not force and User.objects.filter(is_demo=True).exists():
        return "演示数据已存在，跳过（--force 可重新补齐）"
    with transaction.atomic():
        for loader in DEMO_LOADERS:
            loader.run(progress)
    return (
        f"演示数据已载入：区域 {Region.objects.count()} 个，机构 {Organization.objects.count()} 个，"
        f"议事协调机构 {Committee.objects.count()} 个，用户 {User.objects.filter(is_demo=True).count()} 个"
    )
