"""Run inside a separate process on the restart test's own database: `python restart_helper.py publish|keys`."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
import django

django.setup()

from yingji.alerts import services  # noqa: E402
from yingji.alerts.models import Subscriber, Warning  # noqa: E402
from yingji.channels.models import Message  # noqa: E402
from yingji.core.context import acting  # noqa: E402
from yingji.core.models import User  # noqa: E402


def publish():
    Subscriber.objects.update(preferred_channel="sms")
    users = {u.username: u for u in User.objects.all()}
    data = {"type_code": "met.rainstorm", "level": "red", "description": "重启测试", "area_kind": "district",
            "effective": "2020-01-01T00:00:00+08:00", "expires": "2099-01-01T00:00:00+08:00"}
    with acting(source="cli"):
        warning = services.create_draft(actor=users["duty"], data=data)
        warning = services.fire(warning, "submit", actor=users["duty"])
        warning = services.fire(warning, "review", actor=users["duty-chief"])
        warning = services.fire(warning, "sign", actor=users["commander"])
    print(warning.uuid)


def keys():
    warning = Warning.objects.filter(msg_type="Alert", is_demo=False).latest("created")
    messages = Message.objects.filter(source_id=str(warning.uuid), fallback_of__isnull=True)
    print(json.dumps({"keys": list(messages.values_list("idempotency_key", flat=True)),
                      "pending": messages.exclude(status__in=["sent", "delivered"]).count()}))


{"publish": publish, "keys": keys}[sys.argv[1]]()
