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
