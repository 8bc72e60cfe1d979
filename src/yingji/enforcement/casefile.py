"""执法全过程记录: a penalty case's file (案卷) as one ZIP — every attachment of the case (its 文书 and the evidence)
and of the inspection task it came from, and 目录.csv listing each with its 文号 (documents), kind, who added it
and when, its size and SHA-256 (the value the audit trail recorded; a file whose bytes no longer match is marked)."""

import csv
import hashlib
import io
import zipfile

from django.utils import timezone

from yingji.core.attachments import attachments_of, kind_label

from .models import IssuedDocument

HEADERS = ["序号", "文件名", "类别", "文号", "所属", "添加时间", "添加人", "字节数", "SHA-256", "校验"]


def _attachments(case) -> list:
    records = [case] + ([case.task] if case.task_id else [])
    return [(record, a) for record in records for a in attachments_of(record).order_by("uploaded_at", "id")]


def _safe(name: str) -> str:
    return "".join("_" if c in '/\\:*?"<>|' else c for c in name)[-120:]


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def case_file(case) -> bytes:
    numbers = dict(IssuedDocument.objects.filter(attachment__in=[a for _r, a in _attachments(case)])
                   .values_list("attachment_id", "number"))
    buffer, index = io.BytesIO(), io.StringIO()
    writer = csv.writer(index)
    writer.writerow(HEADERS)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, (record, attachment) in enumerate(_attachments(case), 1):
            with attachment.file.open("rb") as handle:
                content = handle.read()
            name = f"{n:02d}_{_safe(attachment.original_name)}"
            archive.writestr(name, content)
            intact = hashlib.sha256(content).hexdigest() == attachment.sha256
            writer.writerow([n, name, kind_label(attachment.kind), numbers.get(attachment.pk, ""), str(record),
                             timezone.localtime(attachment.uploaded_at).strftime("%Y-%m-%d %H:%M"),
                             _who(attachment.uploaded_by), attachment.size, attachment.sha256,
                             "一致" if intact else "不一致"])
        archive.writestr("目录.csv", "\ufeff" + index.getvalue())
    return buffer.getvalue()
