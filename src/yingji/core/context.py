"""Who is acting, and through what (ui/api/admin/import/cli/task): set per request or per job.

The audit log reads it. The user is resolved lazily from the request, because DRF authenticates a
token only inside the view (and then sets request.user on the underlying Django request).
"""

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class ActionContext:
    source: str = "shell"
    request: object = None
    user: object = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    ip: str = ""

    @property
    def actor(self):
        if self.user is not None:
            return self.user
        user = getattr(self.request, "user", None)
        return user if getattr(user, "is_authenticated", False) else None


_current: contextvars.ContextVar[ActionContext | None] = contextvars.ContextVar("yingji_action", default=None)


def current() -> ActionContext:
    return _current.get() or ActionContext()


@contextmanager
def acting(**kwargs):
    """Run a block as someone, e.g. `with acting(source="import", user=user): ...`."""
    parent = _current.get()
    ctx = ActionContext(**kwargs)
    if parent is not None and "request" not in kwargs:
        ctx.request, ctx.request_id, ctx.ip = parent.request, parent.request_id, parent.ip
        ctx.user = ctx.user or parent.user
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
