"""Shared by the enforcement tests: an inspected task with one 不合格 item (a hazard opened), and reading a DOCX."""

import io

from docx import Document

from yingji.enforcement.inspections import items_for
from yingji.enforcement.models import InspectionTask


def open_task():
    return InspectionTask.objects.filter(state="assigned", draw__state="valid").exclude(status="cancelled") \
        .order_by("code").first()


def inspected_task(api, user, note="灭火器过期"):
    task = open_task()
    items = list(items_for(task))
    findings = [{"item": items[0].code, "result": "fail", "note": note},
                *({"item": i.code, "result": "pass"} for i in items[1:])]
    response = api(user).post(f"/api/enforcement/tasks/{task.uuid}/inspection/", {"findings": findings},
                              format="json")
    assert response.status_code == 200, response.content
    task.refresh_from_db()
    return task


def docx_texts(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def real_png(width=40, height=16) -> bytes:
    """A small valid PNG (a black stroke on white), as a canvas's toDataURL would give."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(0 if y == height // 2 else 255 for _x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def docx_images(content: bytes) -> list[bytes]:
    """The images embedded in a DOCX (inline pictures), in the order of the document's relations."""
    document = Document(io.BytesIO(content))
    return [part.blob for part in document.part.related_parts.values() if part.content_type.startswith("image/")]
