"""The month roster as an xlsx sheet (phones masked unless the role needs them)."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from .oncall import phone_for


def roster_workbook(post, month, shifts, user) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{month:%Y-%m}"
    sheet.append([f"{post.organization.name} {post.name} {month:%Y年%m月}值班表"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["日期", "班次", "开始", "结束", "值班人员", "联系电话", "来源"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for shift in shifts:
        sheet.append([f"{shift.duty_date:%Y-%m-%d}", shift.label, f"{timezone.localtime(shift.start):%m-%d %H:%M}",
                      f"{timezone.localtime(shift.end):%m-%d %H:%M}", shift.person.name if shift.person else "空岗",
                      phone_for(shift.person, user), shift.get_source_display()])
    for column, width in zip("ABCDEFG", (12, 8, 13, 13, 12, 16, 10), strict=True):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
