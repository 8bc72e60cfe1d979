"""The rankings as Excel, one code path for both: 乡镇指标排名 (the townships in the viewer's reach ranked by
indicators met, then fewest not met, each computed indicator's figure of the year with its status) and 责任部门
排名 (督查问效: per department the indicators owned, entered on time, approved, met; departments.py), each with a
sheet naming the indicators and their targets."""

from django.utils.translation import gettext as _

from yingji.core.xlsx import table_workbook

from . import departments, snapshots
from .catalogue import CATALOGUE
from .status import LABELS


def _cell(shot) -> str:
    if shot is None or shot.value is None:
        return "—"
    figure = f"{shot.value:g}" + (f"/{shot.of:g}" if shot.of is not None else "")
    return f"{figure}（{LABELS.get(shot.status, shot.status)}）"


def _townships(user, year) -> tuple:
    data = snapshots.townships(user, year)
    entries = data["entries"]
    headers = [_("排名"), _("乡镇（街道）"), _("达标"), _("未达标"), _("无数据"), *[e.code for e in entries]]
    rows = [[r["rank"], r["region"].name, r["met"], r["not_met"], r["no_data"], *[_cell(c) for c in r["cells"]]]
            for r in data["rows"]]
    title = _("%(y)s年乡镇（街道）规划指标排名（按达标项数）") % {"y": data["year"]}
    return _("乡镇指标排名"), title, headers, rows, entries


def department_table(data) -> tuple[list, list]:
    """Headers and rows of the departments' ranking (the page, the Excel and the evaluation DOCX)."""
    headers = [_("排名"), _("责任部门"), _("负责指标"), _("应填报"), _("按时填报"), _("审核通过"), _("达标"),
               _("指标编号")]
    rows = [[r["rank"], r["department"].name, r["owned"], r["to_enter"], r["on_time"], r["approved"], r["met"],
             "、".join(r["codes"])] for r in data["rows"]]
    return headers, rows


def _departments(user, year) -> tuple:
    data = departments.ranking(user, year)
    headers, rows = department_table(data)
    title = _("%(y)s年责任部门规划指标督查排名（按时填报截止 %(d)s）") % {"y": data["year"], "d": data["due"]}
    return _("责任部门排名"), title, headers, rows, CATALOGUE


RANKINGS = {"townships": _townships, "departments": _departments}


def ranking_workbook(user, year=None, kind="townships") -> bytes:
    name, title, headers, rows, entries = RANKINGS[kind](user, year)
    legend = [[e.code, str(e.name), str(e.target_text), str(e.unit)] for e in entries]
    return table_workbook([(name, title, headers, rows),
                           (_("指标说明"), "", [_("编号"), _("指标"), _("目标"), _("单位")], legend)])
