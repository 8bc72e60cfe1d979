"""The original document of a plan (预案原文): PDF or DOCX, checked by extension, signature and size."""

from django.db import transaction
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import ensure_in_jurisdiction

MAX_BYTES = 30 * 1024 * 1024
SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


def attach(plan, *, actor, upload):
    if actor is not None and not actor.has_perm("plans.change_plan"):
        raise PermissionDeniedError("permission_denied", _("您没有修改预案的权限"))
    ensure_in_jurisdiction(actor, plan.region)
    if upload is None:
        raise DomainError("document_required", _("请选择预案原文文件"), field="document")
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if suffix not in SIGNATURES:
        raise DomainError("document_type", _("预案原文只能是 PDF 或 DOCX 文件"), field="document")
    if upload.size > MAX_BYTES:
        raise DomainError("document_too_large", _("文件不能超过 30 MB"), field="document")
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise DomainError("document_type", _("文件内容与扩展名不符，请上传真实的 PDF 或 DOCX"), field="document")
    with transaction.atomic():
        plan.document.save(upload.name, upload, save=False)
        plan.save()
    return plan
