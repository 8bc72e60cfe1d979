"""Writes to registry records. The UI, the API, the admin, imports and the CLI all come through here."""

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import DomainError
from .scoping import ensure_in_jurisdiction


def save_record(registry, *, actor, data: dict, instance=None):
    """Create (instance=None) or update a record: validated in full, atomic, audited by signals."""
    with transaction.atomic():
        record = instance if instance is not None else registry.model()
        if instance is not None:
            ensure_in_jurisdiction(actor, instance.region)
        for name, value in data.items():
            setattr(record, name, value)
        ensure_in_jurisdiction(actor, getattr(record, "region", None))
        if actor is not None:
            record.updated_by = actor
            if instance is None:
                record.created_by = actor
        record.full_clean()
        record.save()
    return record


def delete_record(registry, *, actor, instance) -> None:
    from django.db.models import ProtectedError

    with transaction.atomic():
        ensure_in_jurisdiction(actor, instance.region)
        try:
            instance.delete()
        except ProtectedError as exc:
            raise DomainError("record_in_use", _("该记录仍被其他记录引用，不能删除")) from exc
