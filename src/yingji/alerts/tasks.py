"""Background work with Celery (production; optional). The database stays the queue: Celery only wakes
workers, so a broker or worker crash loses nothing (every Message row is durable, claimed with a lease).

    YINGJI_CELERY_BROKER=redis://127.0.0.1:6379/0 celery -A yingji.alerts.tasks worker -B -c 4
    YINGJI_CELERY_BROKER=amqp://guest:guest@127.0.0.1:5672// celery -A yingji.alerts.tasks worker -c 4

Beat (`-B`, or a separate `celery -A yingji.alerts.tasks beat`) schedules `pump` every 2 seconds and the
housekeeping (`tick`: expiry sweep, escalation) every 30 seconds. Without a broker, `yingji worker` does the
same work in one loop (demo mode).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")

import django

django.setup()

from celery import Celery  # noqa: E402

from yingji.core.context import acting  # noqa: E402

app = Celery("yingji", broker=os.environ.get("YINGJI_CELERY_BROKER", "redis://127.0.0.1:6379/0"))
app.conf.update(task_acks_late=True, worker_prefetch_multiplier=1, task_ignore_result=True, timezone="Asia/Shanghai",
                beat_schedule={"pump": {"task": "yingji.alerts.tasks.pump", "schedule": 2.0},
                               "tick": {"task": "yingji.alerts.tasks.tick", "schedule": 30.0}})


@app.task(name="yingji.alerts.tasks.pump")
def pump(rounds: int = 50) -> int:
    """Dispatch outbox events (fan-out) and send due messages until nothing is left (or `rounds` batches)."""
    from yingji.channels.services import deliver_pending
    from yingji.core.events import dispatch_pending

    handled = 0
    with acting(source="task"):
        for _round in range(rounds):
            done = dispatch_pending() + deliver_pending(now=None, limit=200)
            handled += done
            if not done:
                break
    return handled


@app.task(name="yingji.alerts.tasks.tick")
def tick() -> None:
    from .delivery import escalate_unacknowledged
    from .services import sweep_expired

    with acting(source="task"):
        sweep_expired()
        escalate_unacknowledged()
