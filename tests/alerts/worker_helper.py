"""Run inside a separate process on a worker test's own database (see conftest `worker_env`):

    python worker_helper.py publish [region code …]   publish a red 暴雨 warning (district-wide by default); its uuid
    python worker_helper.py keys [uuid]               its messages' idempotency keys, and how many are not sent yet
    python worker_helper.py wait SECONDS [uuid]       `keys` once every message is sent, or when SECONDS have passed
    python worker_helper.py batches SIZE              batching channels send at most SIZE recipients per request

`wait` polls inside one process: starting Django for each look would cost more than the look.
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
import django

django.setup()

from yingji.alerts import services  # noqa: E402
from yingji.alerts.models import Subscriber, Warning  # noqa: E402
from yingji.channels.models import Channel, Message  # noqa: E402
from yingji.core.context import acting  # noqa: E402
from yingji.core.models import User  # noqa: E402


def publish(*region_codes):
    Subscriber.objects.update(preferred_channel="sms")
    users = {u.username: u for u in User.objects.all()}
    data = {"type_code": "met.rainstorm", "level": "red", "description": "后台任务测试", "area_kind": "district",
            "effective": "2020-01-01T00:00:00+08:00", "expires": "2099-01-01T00:00:00+08:00"}
    if region_codes:
        data.update(area_kind="regions", area_regions=list(region_codes))
    with acting(source="cli"):
        warning = services.create_draft(actor=users["duty"], data=data)
        warning = services.fire(warning, "submit", actor=users["duty"])
        warning = services.fire(warning, "review", actor=users["duty-chief"])
        warning = services.fire(warning, "sign", actor=users["commander"])
    print(warning.uuid)


def _state(uuid=None) -> dict:
    warnings = Warning.objects.filter(msg_type="Alert", is_demo=False)
    warning = warnings.get(uuid=uuid) if uuid else warnings.latest("created")
    messages = Message.objects.filter(source_id=str(warning.uuid), fallback_of__isnull=True)
    return {"keys": list(messages.values_list("idempotency_key", flat=True)),
            "pending": messages.exclude(status__in=["sent", "delivered"]).count()}


def keys(uuid=None):
    print(json.dumps(_state(uuid)))


def wait(seconds, uuid=None):
    deadline = time.monotonic() + float(seconds)
    state = _state(uuid)
    while not (state["keys"] and state["pending"] == 0) and time.monotonic() < deadline:
        time.sleep(0.2)
        state = _state(uuid)
    print(json.dumps(state))


def batches(size):
    with acting(source="cli"):
        for channel in Channel.objects.all():
            if "batch_size" in channel.config:
                channel.config = {**channel.config, "batch_size": int(size)}
                channel.save()


{"publish": publish, "keys": keys, "wait": wait, "batches": batches}[sys.argv[1]](*sys.argv[2:])
