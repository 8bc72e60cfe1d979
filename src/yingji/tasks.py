"""The platform's Celery app (production; optional dependency `pip install .[celery]`).

    YINGJI_CELERY_BROKER=redis://127.0.0.1:6379/0 celery -A yingji.tasks worker -B -c 4
    YINGJI_CELERY_BROKER=amqp://guest:guest@127.0.0.1:5672// celery -A yingji.tasks worker -B -c 4

The database stays the queue: the outbox events and the channel `Message` rows are durable and claimed with a
lease, so Celery only wakes workers and a broker or worker crash loses nothing. Beat (`-B` on one worker, or a
separate `celery -A yingji.tasks beat`) sends `pump` every 2 seconds (outbox dispatch + message delivery until
nothing is due) and `periodic` every 10 seconds (the hooks that apps register with
`yingji.core.extensions.PERIODIC_HOOKS`, each at its own interval). `YINGJI_CELERY_QUEUE` names the queue
(default `yingji`). Without a broker, `yingji worker` does the same work in one loop (demo mode).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingji.settings")

import django

django.setup()

from celery import Celery  # noqa: E402
from django.conf import settings  # noqa: E402

from yingji.core.context import acting  # noqa: E402

QUEUE = os.environ.get("YINGJI_CELERY_QUEUE", "yingji")
PUMP_SECONDS, PERIODIC_SECONDS = 2.0, 10.0

app = Celery("yingji", broker=os.environ.get("YINGJI_CELERY_BROKER", "redis://127.0.0.1:6379/0"))
app.conf.update(
    task_acks_late=True, worker_prefetch_multiplier=1, task_ignore_result=True, timezone="Asia/Shanghai",
    task_default_queue=QUEUE, broker_connection_retry_on_startup=True,
    beat_schedule_filename=str(settings.VAR_DIR / f"celerybeat-{QUEUE}"),
    # A tick that waited longer than its period is dropped: the next one does the same work.
    beat_schedule={"pump": {"task": "yingji.tasks.pump", "schedule": PUMP_SECONDS,
                            "options": {"expires": PUMP_SECONDS * 5}},
                   "periodic": {"task": "yingji.tasks.periodic", "schedule": PERIODIC_SECONDS,
                                "options": {"expires": PERIODIC_SECONDS}}},
)


@app.task(name="yingji.tasks.pump")
def pump(rounds: int = 50, now=None) -> int:
    """Dispatch outbox events (e.g. a warning's fan-out) and send due messages until nothing is left."""
    from yingji.core.events import dispatch_pending
    from yingji.core.extensions import WORKER_STEPS

    handled = 0
    with acting(source="task"):
        for _round in range(rounds):
            done = dispatch_pending(now=now) + sum(step.run(now) for step in WORKER_STEPS)
            handled += done
            if not done:
                break
    return handled


@app.task(name="yingji.tasks.periodic")
def periodic() -> list[str]:
    """Run the registered periodic hooks that are due (expiry sweep, escalation of unconfirmed messages, …)."""
    from yingji.core.worker import run_due

    with acting(source="task"):
        return run_due()
