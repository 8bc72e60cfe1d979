"""Excel in and out for every registry: Chinese headers, a template, all-or-nothing imports.

An import reports every bad row (row number, column, reason in Chinese) and saves nothing unless
every row is good. A row whose code matches an existing record updates that record.
"""

import io
from dataclasses import dataclass
from datetime import datetime
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .context import acting
from .errors import DomainError, PermissionDeniedError
from .masking import masked_value
from .scoping import PICK, in_scope, scope_to_user, user_can_reach

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_IMPORT_ROWS = 50_000


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportFailed(DomainError):
    def __init__(self, errors: list[RowError]):
        super().__init__("import_failed", _("导入失败：共 %(n)d 处错误，未保存任何数据") % {"n": len(errors)})
        self.errors = errors
        self.fields = {"rows": [e.as_dict() for e in errors]}


def headers(registry) -> list[str]:
    return [str(registry.model_field(name).verbose_name) for name in registry.form_fields]


def _cell_value(registry, record, name, user):
    field = registry.model_field(name)
    value = getattr(record, field.attname if not field.is_relation else name)
    if field.is_relation:
        return getattr(value, "code", "") if value is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dict | list):
        return "" if not value else str(value)
    if isinstance(value, datetime) and timezone.is_aware(value):  # Excel has no zones: ISO text in local time
        return timezone.localtime(value).isoformat(timespec="minutes")
    return masked_value(registry, user, name, value)


def _sheet(registry):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(registry.verbose_name_plural)[:31]
    sheet.append(headers(registry))
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 16
    sheet.freeze_panes = "A2"
    return workbook, sheet


def export_workbook(registry, queryset, user) -> bytes:
    workbook, sheet = _sheet(registry)
    relations = list(registry.relation_fields())
    for record in queryset.select_related(*relations).iterator(chunk_size=2000):
        sheet.append([_cell_value(registry, record, name, user) for name in registry.form_fields])
    return _save(workbook)


def template_workbook(registry, region) -> bytes:
    workbook, sheet = _sheet(registry)
    example = registry.example(region)
    sheet.append([_template_value(registry, name, example.get(name, "")) for name in registry.form_fields])
    notes = workbook.create_sheet(_("填写说明"))
    notes.append([_("列"), _("说明")])
    for name in registry.form_fields:
        field = registry.model_field(name)
        hint = _("必填") if not field.blank else _("选填")
        if field.choices:
            hint += "；" + _("可选值：") + "、".join(str(label) for _v, label in field.flatchoices if _v != "")
        if field.is_relation:
            hint += "；" + _("填写编码")
        notes.append([str(field.verbose_name), hint])
    notes.append([_("编码"), _("编码与已有记录相同的行将更新该记录")])
    return _save(workbook)


def _template_value(registry, name, value):
    field = registry.model_field(name)
    return str(dict(field.flatchoices).get(value, value)) if field.choices else value


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_rows(upload) -> list[tuple[int, list]]:
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise DomainError("not_xlsx", _("文件不是有效的 Excel（.xlsx）文件"), field="file") from exc
    sheet = workbook.worksheets[0]
    rows = []
    for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if index == 1:
            rows.append((index, list(row)))
            continue
        if row and any(value not in (None, "") for value in row):
            rows.append((index, list(row)))
        if len(rows) > MAX_IMPORT_ROWS + 1:
            raise DomainError("too_many_rows", _("单次导入不能超过 %(n)d 行") % {"n": MAX_IMPORT_ROWS}, field="file")
    return rows


def import_workbook(registry, upload, user) -> dict:
    """Check every row (parsing, then the same validation as a form), report all errors, and keep the
    rows only if there are none: the whole import runs in one transaction that rolls back on any error."""
    rows = read_rows(upload)
    if not rows:
        raise DomainError("empty_file", _("文件没有内容"), field="file")
    columns = _column_map(registry, rows[0][1])
    errors: list[RowError] = []
    counts = {"created": 0, "updated": 0}
    seen_codes: dict[str, int] = {}
    related = RelatedByCode()
    with acting(source="import", user=user), transaction.atomic():
        for row_number, values in rows[1:]:
            data, row_errors = _parse_row(registry, columns, row_number, values, user, related)
            code = data.get("code")
            if code and code in seen_codes:
                row_errors.append(RowError(row_number, _("编码"), _("与第 %(r)d 行编码重复") % {"r": seen_codes[code]}))
            elif code:
                seen_codes[code] = row_number
            errors += row_errors or _save_row(registry, row_number, data, user, counts)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportFailed(errors)
    return {**counts, "total": counts["created"] + counts["updated"]}


def _save_row(registry, row_number, data, user, counts) -> list[RowError]:
    from .services import save_record

    instance = registry.model.objects.filter(code=data["code"]).first() if data.get("code") else None
    try:
        save_record(registry, actor=user, data=data, instance=instance)
    except ValidationError as exc:
        return _row_errors_from(registry, row_number, exc)
    except PermissionDeniedError as exc:
        name = next(iter(exc.fields), "region")
        return [RowError(row_number, str(registry.model_field(name).verbose_name), exc.message)]
    counts["updated" if instance is not None else "created"] += 1
    return []


def _column_map(registry, header_row) -> dict[str, int]:
    by_header = {str(registry.model_field(n).verbose_name): n for n in registry.form_fields}
    columns = {}
    for index, title in enumerate(header_row):
        name = by_header.get(str(title or "").strip())
        if name:
            columns[name] = index
    missing = [
        str(registry.model_field(n).verbose_name)
        for n in registry.form_fields
        if n not in columns and not registry.model_field(n).blank
    ]
    if missing:
        raise ImportFailed([RowError(1, m, _("缺少必填列")) for m in missing])
    return columns


class RelatedByCode(dict):
    """Related records looked up once per import: 5,000 teams name the same 24 townships over and over,
    and a Region row carries its boundary polygon."""

    def get_record(self, model, code: str):
        key = (model, code)
        if key not in self:
            self[key] = model.objects.filter(code=code).first()
        return self[key]

    def reachable(self, user, record) -> bool:
        """Whether `user` may point a row at `record` (core.scoping, PICK), asked once per record."""
        key = ("reach", type(record), record.pk)
        if key not in self:
            self[key] = in_scope(user, record, PICK)
        return self[key]


def _parse_row(registry, columns, row_number, values, user, related: RelatedByCode):
    data, errors = {}, []
    for name, index in columns.items():
        field = registry.model_field(name)
        raw = values[index] if index < len(values) else None
        raw = raw.strip() if isinstance(raw, str) else raw
        try:
            data[name] = _convert(field, raw, user, related)
        except ValueError as exc:
            errors.append(RowError(row_number, str(field.verbose_name), str(exc)))
    return data, errors


def _convert(field, raw, user, related_by_code: RelatedByCode):
    if raw in (None, ""):
        if field.is_relation or field.null:
            return None
        return field.get_default() if field.has_default() else ""
    if field.is_relation:
        related = related_by_code.get_record(field.related_model, str(raw))
        if related is None:
            raise ValueError(_("编码“%(v)s”不存在") % {"v": raw})
        if field.name == "region" and not user_can_reach(user, related):
            raise ValueError(_("区域“%(v)s”不在您的管辖范围内") % {"v": raw})
        if field.name != "region" and user is not None and not related_by_code.reachable(user, related):
            raise ValueError(_("编码“%(v)s”不在您的管辖范围内") % {"v": raw})
        return related
    if field.choices:
        by_label = {str(label): value for value, label in field.flatchoices}
        if str(raw) in by_label:
            return by_label[str(raw)]
        if str(raw) in {str(v) for v, _l in field.flatchoices}:
            return str(raw)
        raise ValueError(_("“%(v)s”不是可选值") % {"v": raw})
    try:
        return field.to_python(
            raw
            if not isinstance(raw, float) or field.get_internal_type() != "CharField"
            else str(raw).removesuffix(".0")
        )
    except ValidationError as exc:
        raise ValueError("；".join(exc.messages)) from exc


def _row_errors_from(registry, row_number, exc: ValidationError) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [RowError(row_number, "", "；".join(exc.messages))]
    errors = []
    for name, field_errors in exc.error_dict.items():
        try:
            column = str(registry.model_field(name).verbose_name)
        except Exception:
            column = name
        errors += [RowError(row_number, column, message) for e in field_errors for message in e.messages]
    return errors


def scoped_queryset(registry, user):
    return scope_to_user(registry.model.objects.all(), user)


def table_workbook(sheets) -> bytes:
    """Generated tables (reports, statistics) as one workbook: `sheets` are (sheet name, title, headers, rows);
    the title is a bold first row (left out when empty), the headers bold and filled, frozen under them."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, title, header, rows in sheets:
        sheet = workbook.create_sheet(str(name)[:31])
        if title:
            sheet.append([str(title)])
            sheet.cell(1, 1).font = Font(bold=True, size=14)
        sheet.append([str(h) for h in header])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
        sheet.freeze_panes = f"A{sheet.max_row + 1}"
        for row in rows:
            sheet.append(list(row))
        for index in range(1, len(header) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 14
    return _save(workbook)
