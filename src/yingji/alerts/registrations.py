"""Registries, permissions and outbox consumers of the alerts app.

Who does what (each step by a different person, enforced in workflows.py):
- 值班员/值班长 (duty officer): 制作 and 提交; 审核 a warning someone else made; 发布 after 签发;
  manages subscribers, loudspeakers and 防御指南 templates; receives CAP from higher authorities.
- 指挥长/带班领导 (commander): 审核 and 签发 (signing publishes), 急发 (urgent, with retrospective
  approval by another person), 解除 (cancel).
- 乡镇管理员 (township officer): subscribers and loudspeakers of the township.
"""

from django.utils.translation import gettext_lazy as _

from yingji.core.events import consumer
from yingji.core.extensions import PERIODIC_HOOKS, PeriodicHook
from yingji.core.models import Region, RegionLevel
from yingji.core.registrations import CENTRE
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import Loudspeaker, Subscriber

MENU = _("预警发布")
RECIPIENTS = ("alerts.*_subscriber", "alerts.*_loudspeaker")
DRAFTING = ("alerts.add_warning", "alerts.change_warning", "alerts.submit_warning", "alerts.review_warning",
            "alerts.publish_warning", "alerts.*_guidancetemplate", "alerts.add_incomingcap", "alerts.*_capfeed")

grant(Role.DUTY_OFFICER, *DRAFTING, *RECIPIENTS)
grant(Role.COMMANDER, *DRAFTING, *RECIPIENTS, "alerts.sign_warning", "alerts.urgent_warning",
      "alerts.cancel_warning")
grant(Role.TOWNSHIP_ADMIN, *RECIPIENTS)

# Full subscriber phones are shown to nobody by default (个人信息保护法); not matched by "*.view_*".
SUBSCRIBER_PHONE = "alerts.reveal_subscriber_phone"


def _village(region) -> str:
    village = Region.objects.filter(path__startswith=region.path, level=RegionLevel.VILLAGE).order_by("code").first()
    return village.code if village else region.code


SUBSCRIBERS = register(
    Subscriber, plural="subscribers", menu_group=MENU,
    list_fields=("code", "name", "phone", "region", "preferred_channel", "opted_out"),
    form_fields=("code", "name", "phone", "email", "region", "preferred_channel", "opted_out", "description"),
    filter_fields=("preferred_channel", "opted_out"), search_fields=("name", "code"),
    masked_fields={"phone": SUBSCRIBER_PHONE},
    example=lambda region: {"code": "SUB-EXAMPLE", "name": "王小明", "phone": "13912345678", "email": "",
                            "region": _village(region), "preferred_channel": "sms", "opted_out": False,
                            "description": ""},
)

LOUDSPEAKERS = register(
    Loudspeaker, plural="loudspeakers", menu_group=MENU,
    list_fields=("code", "name", "device_id", "region"),
    form_fields=("code", "name", "device_id", "region", "lon", "lat", "description"),
    search_fields=("name", "code", "device_id"),
    map_layer={"title": _("应急广播终端"), "group": _("预警发布"), "color": "#8e44ad", "order": 60},
    example=lambda region: {"code": "GB-EXAMPLE", "name": "示例村应急广播", "device_id": "GB-EX-0001",
                            "region": _village(region), "lon": CENTRE[0], "lat": CENTRE[1], "description": ""},
)


@consumer("alerts.fan_out", kinds=("warning.published",))
def _fan_out(event):
    from .delivery import fan_out
    from .models import Warning

    warning = Warning.objects.filter(uuid=event.payload["uuid"]).select_related("cap").first()
    if warning is not None:
        fan_out(warning)


@consumer("alerts.cap_push", kinds=("cap.push",), outside_transaction=True)
def _cap_push(event):
    from .push import deliver

    deliver(event.payload["identifier"], event.payload["target"])


def housekeeping(now=None) -> tuple[int, int]:
    """Close expired warnings; tell the superiors of officials who have not confirmed. (expired, escalated)"""
    from .delivery import escalate_unacknowledged
    from .services import sweep_expired

    return sweep_expired(now), escalate_unacknowledged(now)


# Run by `yingji worker` (core.worker) and by the Celery `yingji.tasks.periodic` task.
PERIODIC_HOOKS.add(PeriodicHook("alerts.housekeeping", housekeeping, every_seconds=30))


def poll_cap_feeds() -> int:
    from .polling import poll_due

    return poll_due()


# Each feed has its own interval (YINGJI_CAP_POLL_SECONDS); the hook only looks for feeds that are due.
PERIODIC_HOOKS.add(PeriodicHook("alerts.cap_polling", poll_cap_feeds, every_seconds=30))
