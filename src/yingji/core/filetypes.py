"""What a file is, by its first bytes (never by its name or the browser's word): the upload checks of the public
report's photo (incidents) and of attachments (core.attachments)."""

import zipfile

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PHOTOS = frozenset({JPEG, PNG})
SIGNATURES = ((b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG), (b"%PDF-", PDF))
OFFICE_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))
EXTENSIONS = {JPEG: ".jpg", PNG: ".png", PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}


def sniff(upload) -> str | None:
    """The media type of an uploaded file (JPEG, PNG, PDF, DOCX, XLSX), or None for anything else.
    The file is left at its start."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = next((media for signature, media in SIGNATURES if head.startswith(signature)), None)
    if kind is None and head.startswith(b"PK\x03\x04"):
        kind = _office_type(upload)
    return kind


def _office_type(upload) -> str | None:
    """A DOCX or XLSX is a zip holding its main part; any other zip (or a broken one) is neither."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        names = set()
    finally:
        upload.seek(0)
    return next((media for part, media in OFFICE_PARTS if part in names), None)
