"""Writes to registry records. The UI, the API, the admin, imports and the CLI all come through here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .errors import ConflictError, DomainError
from .scoping import ensure_in_jurisdiction, ensure_relations_in_scope, relation_ids
from .validators import model_date_errors


def save_record(registry, *, actor, data: dict, instance=None, expected_version: int | None = None):
    """Create (instance=None) or update a record: validated in full, atomic, audited by signals.

    `expected_version` is the version the editor started from; if someone saved in between, the edit is
    refused with a 409 instead of overwriting their change.
    """
    with transaction.atomic():
        record = instance if instance is not None else registry.model()
        if instance is not None:
            current = (
                type(instance)
                .objects.select_for_update()
                .filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if expected_version is not None and current != expected_version:
                raise ConflictError(
                    "edit_conflict",
                    _("该记录已被他人修改（当前版本 %(v)s），请刷新后重试") % {"v": current},
                    field="version",
                )
            ensure_in_jurisdiction(actor, instance.region)
        before = relation_ids(record, data)
        for name, value in data.items():
            setattr(record, name, value)
        ensure_in_jurisdiction(actor, getattr(record, "region", None))
        ensure_relations_in_scope(actor, record, before)
        if actor is not None:
            record.updated_by = actor
            if instance is None:
                record.created_by = actor
        date_errors = model_date_errors(record)  # before full_clean: a year-0001 date must not reach the rules
        if date_errors:
            raise ValidationError(date_errors)
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
