"""Writing duty-log entries: the one low-level writer every part of the duty desk uses."""

from django.utils import timezone

from .models import LogEntry


def write_entry(*, region, kind, summary, actor=None, at=None, post=None, **fields) -> LogEntry:
    return LogEntry.objects.create(
        region=region, kind=kind, summary=summary[:4000], at=at or timezone.now(), post=post,
        recorded_by=real_user(actor), **fields,
    )


def real_user(actor):
    """The acting user as a foreign-key value (None for system jobs and anonymous callers)."""
    return actor if getattr(actor, "pk", None) else None
