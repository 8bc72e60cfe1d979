"""One tick of the duty desk's scheduler: sweep the clocks that are rows (reporting clocks, handovers,
roll calls), hand new events to the escalation consumer, fire due escalation steps, send the messages.
Run by `yingji manage run_escalations` (cron, Celery beat, or the embedded loop); tests pass `now`."""

from django.utils import timezone

from yingji.core.events import dispatch_pending

from . import handovers, linked, rollcalls
from .escalation import run_escalations


def tick(now=None, deliver=True) -> dict:
    now = now or timezone.now()
    linked.sweep_incident_clocks(now)
    counts = {**handovers.sweep(now), **rollcalls.sweep(now)}
    counts["events"] = dispatch_pending(now=now)
    counts["steps_fired"] = run_escalations(now=now)
    if deliver:
        from yingji.channels.services import deliver_pending

        counts["messages_sent"] = deliver_pending(now=now)
    return counts
