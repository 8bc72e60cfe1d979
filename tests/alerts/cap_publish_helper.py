"""Run in its own process on a worker test's database (conftest `worker_env`): publish COUNT district-wide red 暴雨
warnings through the HTTP API, one after another, as the duty officer, the duty chief and the commander would —
while a `yingji worker` fans out and sends the earlier ones.

    python cap_publish_helper.py publish COUNT              JSON: every response's status, the CAP identifiers
    python cap_publish_helper.py fanned-out SECONDS IDENT…  JSON: per identifier, whether its fan-out is done and
                                                            how many messages it wrote (waits up to SECONDS)
"""

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")
import django

django.setup()

from django.test import Client  # noqa: E402

from yingji.core.models import User  # noqa: E402


def _client(username: str) -> Client:
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")  # a server error is a 500, as people see it
    client.force_login(User.objects.get(username=username))
    return client


def publish(count: int) -> dict:
    duty, chief, commander = _client("duty"), _client("duty-chief"), _client("commander")
    statuses, identifiers = [], []
    for number in range(count):
        draft = duty.post("/api/alerts/warnings/", {
            "type_code": "met.rainstorm", "level": "red", "description": f"锁竞争测试 {number}",
            "area_kind": "district", "effective": "2020-01-01T00:00:00+08:00",
            "expires": "2099-01-01T00:00:00+08:00"}, content_type="application/json")
        statuses.append(draft.status_code)
        if draft.status_code != 201:
            continue
        url = f"/api/alerts/warnings/{draft.json()['uuid']}/transitions/"
        for client, event in ((duty, "submit"), (chief, "review"), (commander, "sign")):
            reply = client.post(url, {"event": event}, content_type="application/json")
            statuses.append(reply.status_code)
        identifiers.append(reply.json().get("identifier", "") if reply.status_code == 200 else "")
        statuses.append(duty.get("/alerts/").status_code)
    return {"statuses": statuses, "identifiers": identifiers}


def fanned_out(seconds: str, *identifiers: str) -> dict:
    from yingji.alerts.models import Warning
    from yingji.channels.models import Message
    from yingji.core.models.outbox import OutboxDelivery

    def state():
        done = set(OutboxDelivery.objects.filter(consumer="alerts.fan_out", status="done",
                                                 event__idempotency_key__in=[f"warning.published:{i}" for i in
                                                                             identifiers])
                   .values_list("event__idempotency_key", flat=True))
        result = {}
        for ident in identifiers:
            warning = Warning.objects.get(cap__identifier=ident)
            result[ident] = {"done": f"warning.published:{ident}" in done,
                             "messages": Message.objects.filter(source_id=str(warning.uuid)).count()}
        return result

    deadline = time.monotonic() + float(seconds)
    current = state()
    while not all(s["done"] for s in current.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
        current = state()
    return current


COMMANDS = {"publish": lambda count: publish(int(count)), "fanned-out": fanned_out}
print(json.dumps(COMMANDS[sys.argv[1]](*sys.argv[2:])))
