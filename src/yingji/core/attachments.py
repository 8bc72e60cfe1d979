"""Attachments of any record (docs/architecture.md "Attachments").

`attach(actor=, record=, upload=, kind=)` checks the file (size up to settings.ATTACHMENT_MAX_BYTES; JPEG, PNG,
PDF, DOCX or XLSX by its first bytes), computes its SHA-256, stores it and writes an audit entry carrying the
SHA-256, all or nothing: a refused file is a DomainError naming the field `file`, with no row and no file left.
Who may see a record's attachments is who may see the record (its view permission and core.scoping); who may
add one is who may also add or change such records. Kinds are a code → label list apps may extend (add_kind)."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, filetypes
from .errors import DomainError, PermissionDeniedError
from .models import Attachment, AuditAction
from .scoping import in_scope

FIELD = "file"
KINDS: dict[str, object] = {
    "before": gettext_lazy("整改前照片"),
    "after": gettext_lazy("整改后照片"),
    "document": gettext_lazy("文书"),
    "other": gettext_lazy("其他"),
}


def add_kind(code: str, label) -> None:
    """Another kind of attachment (an app's own documents), offered on every upload form."""
    KINDS[code] = label


def kind_label(code: str) -> str:
    return str(KINDS.get(code, code))


def _perm(record, action: str) -> str:
    return f"{record._meta.app_label}.{action}_{record._meta.model_name}"


def may_view(user, record) -> bool:
    return bool(user is not None and user.has_perm(_perm(record, "view")) and in_scope(user, record))


def may_attach(user, record) -> bool:
    return may_view(user, record) and (user.has_perm(_perm(record, "add")) or user.has_perm(_perm(record, "change")))


def attachments_of(record):
    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(type(record)),
                                     object_id=record.pk).select_related("uploaded_by")


def owner_of(attachment):
    """The record an attachment belongs to (None when it is gone)."""
    model = attachment.content_type.model_class()
    return model._base_manager.filter(pk=attachment.object_id).first() if model is not None else None


def check_upload(upload, kind) -> str:
    """The media type of an acceptable upload; else a DomainError on `file` (or `kind`)."""
    if kind not in KINDS:
        raise DomainError("invalid_kind", _("附件类别无效"), field="kind")
    if upload is None:
        raise DomainError("file_required", _("请选择要上传的文件"), field=FIELD)
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise DomainError("file_too_large", _("文件不能超过 %(mb)s MB") % {"mb": f"{limit / 1048576:g}"},
                          field=FIELD)
    media_type = filetypes.sniff(upload)
    if media_type is None:
        raise DomainError("file_type_not_allowed", _("只能上传 JPG、PNG 图片或 PDF、DOCX、XLSX 文件"), field=FIELD)
    return media_type


def _digest(upload) -> str:
    sha = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def attach(*, actor, record, upload, kind, lon=None, lat=None, check_permission=True) -> Attachment:
    """Store `upload` as an attachment of `record`. `check_permission=False` for services that have checked
    the actor's right to the record themselves (e.g. a grid worker's patrol filing a hazard with its photo)."""
    if check_permission and not may_attach(actor, record):
        raise PermissionDeniedError("permission_denied", _("没有为该记录上传附件的权限"))
    media_type = check_upload(upload, kind)
    attachment = Attachment(content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk,
                            kind=kind, original_name=(getattr(upload, "name", "") or "")[-255:] or kind_label(kind),
                            media_type=media_type, size=upload.size, sha256=_digest(upload),
                            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
                            lon=lon, lat=lat)
    try:
        with transaction.atomic():
            attachment.file.save(attachment.uuid.hex, upload, save=False)
            attachment.save()
            _audit(actor, record, attachment)
    except BaseException:
        remove_file(attachment)
        raise
    return attachment


def remove_file(attachment) -> None:
    """Delete the stored file of an attachment whose row is not (or no longer) saved."""
    if attachment.file.name and default_storage.exists(attachment.file.name):
        default_storage.delete(attachment.file.name)


def _audit(actor, record, attachment) -> None:
    owner = record._meta.label
    audit.record(AuditAction.CREATE, model_label=Attachment._meta.label, object_id=attachment.pk,
                 object_repr=f"{record} · {attachment.original_name}", actor=actor,
                 after={**audit.snapshot(attachment), "owner": owner, "owner_uuid": str(getattr(record, "uuid", ""))})
