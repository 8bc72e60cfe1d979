"""Idempotent creates: a submission key (a UUID chosen by the form or the API client) makes a create happen
once. A repeat of the same request — a double tap, a browser retry, an offline re-send — gets the record the
first request created. See docs/architecture.md "Idempotent submissions"."""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError
from django.utils.translation import gettext as _

from .errors import ConflictError, DomainError
from .models import Submission

FIELD = "submission_key"


@dataclass
class _Pending:
    key: uuid.UUID
    model: type
    actor: object
    stored: bool = False


# The key of the create in progress, for the service to store inside its own write transaction (store_pending).
_PENDING: ContextVar[_Pending | None] = ContextVar("submission_pending", default=None)


def parse_key(value) -> uuid.UUID | None:
    """The key as a UUID; None when there is none (old pages and API clients keep working)."""
    if value is None or not str(value).strip():
        return None
    try:
        return uuid.UUID(str(value).strip())
    except ValueError:
        raise DomainError("invalid_submission_key", _("提交编号无效（应为 UUID），请刷新页面后重新提交"),
                          field=FIELD) from None


def recorded(key, *, model, actor=None):
    """The record an earlier submission with this key created, or None if the key is new."""
    key = parse_key(key)
    if key is None:
        return None
    submission = Submission.objects.select_related("content_type").filter(key=key).first()
    if submission is None:
        return None
    if submission.content_type.model_class() is not model or submission.actor_id != getattr(_user(actor), "pk", None):
        raise ConflictError("submission_key_reused", _("该提交编号已用于另一项提交，请刷新页面后重新提交"), field=FIELD)
    record = model._default_manager.filter(pk=submission.object_id).first()
    if record is None:
        raise ConflictError("submission_record_gone", _("该报告已经提交过，但其记录已被删除"), field=FIELD)
    return record


def once(key, create, *, model, actor=None):
    """Run `create()` once per key: (record, True) the first time, (the same record, False) on a repeat.

    The service that `create()` calls stores the key with `store_pending(record)` inside its own write
    transaction, so a failed create leaves the key unused and the key never outlives its record. (once() opens
    no transaction around `create()`: on SQLite that would hold the database's write lock for all the work the
    service does before it writes.) Two requests racing with one key both create, but the unique key lets only
    one commit; the other is rolled back and answers with the winner's record."""
    key = parse_key(key)
    if key is None:
        return create(), True
    earlier = recorded(key, model=model, actor=actor)
    if earlier is not None:
        return earlier, False
    pending = _Pending(key, model, actor)
    token = _PENDING.set(pending)
    try:
        record = create()
    except IntegrityError:
        earlier = recorded(key, model=model, actor=actor)
        if earlier is None:
            raise
        return earlier, False
    finally:
        _PENDING.reset(token)
    if not pending.stored:
        raise RuntimeError(f"the service creating {model.__name__} must call core.submissions.store_pending()")
    return record, True


def store_pending(record) -> None:
    """A service that may be called through once() calls this inside its write transaction, right after saving
    `record`: it stores the submission key of the request, if there is one for this kind of record."""
    pending = _PENDING.get()
    if pending is None or pending.stored or not isinstance(record, pending.model):
        return
    Submission.objects.create(key=pending.key, content_type=ContentType.objects.get_for_model(pending.model),
                              object_id=record.pk, actor=_user(pending.actor))
    pending.stored = True


def _user(actor):
    """The actor as stored: None for anonymous users (the public report page)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def form_once(request, form, create, *, model):
    """A page form's create, once per its submission key: the record an earlier post with the same key created,
    else the new record when the form is valid, else None (the form then carries its errors)."""
    key, actor = request.POST.get(FIELD), request.user
    earlier = recorded(key, model=model, actor=actor)
    if earlier is not None:
        return earlier
    return once(key, create, model=model, actor=actor)[0] if form.is_valid() else None
