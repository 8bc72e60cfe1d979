"""乡镇指标排名 as Excel: the townships in the viewer's reach ranked by indicators met (then fewest not met), each
computed indicator's figure of the year with its status, and a sheet naming the indicators and their targets."""

from django.utils.translation import gettext as _

from yingji.core.xlsx import table_workbook

from . import snapshots
from .status import LABELS


def _cell(shot) -> str:
    if shot is None or shot.value is None:
        return "—"
    figure = f"{shot.value:g}" + (f"/{shot.of:g}" if shot.of is not None else "")
    return f"{figure}（{LABELS.get(shot.status, shot.status)}）"


def ranking_workbook(user, year=None) -> bytes:
    data = snapshots.townships(user, year)
    entries = data["entries"]
    headers = [_("排名"), _("乡镇（街道）"), _("达标"), _("未达标"), _("无数据"), *[e.code for e in entries]]
    rows = [[r["rank"], r["region"].name, r["met"], r["not_met"], r["no_data"], *[_cell(c) for c in r["cells"]]]
            for r in data["rows"]]
    title = _("%(y)s年乡镇（街道）规划指标排名（按达标项数）") % {"y": data["year"]}
    legend = [[e.code, str(e.name), str(e.target_text), str(e.unit)] for e in entries]
    return table_workbook([(_("乡镇指标排名"), title, headers, rows),
                           (_("指标说明"), "", [_("编号"), _("指标"), _("目标"), _("单位")], legend)])
