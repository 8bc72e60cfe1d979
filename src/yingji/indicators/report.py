"""The annual monitoring report (年度监测报告) as DOCX in the 公文 layout: the 19 rows by table with value, target
and status as they stand today, and the section the bureau fills in (docs/indicators.md)."""

from django.utils import timezone

from yingji.core.documents import Heading, OfficialDocument, Table, render_docx

from . import status
from .catalogue import TABLES

HEADERS = ["序号", "指标", "目标", "属性", "2020年基准", "当前值", "状态"]
NUMERALS = "一二三四五六"


def _figure(value, unit="") -> str:
    return "—" if value is None else f"{value:g}{unit}"


def _cells(row) -> list[str]:
    value = (row["note"] or "—") if row["value"] is None else _figure(row["value"], row["unit"])
    return [row["code"], row["name"], row["target"], row["attribute"], status.baseline_cell(row), value,
            row["status_label"]]


def annual_report(user) -> bytes:
    rows = status.current(user)
    today = timezone.localdate()
    counts = {key: sum(1 for r in rows if r["status"] == key) for key in status.LABELS}
    blocks = [Heading("一、总体情况"),
              f"规划共设{len(rows)}项指标。截至{today.year}年{today.month}月{today.day}日，达标{counts['met']}项，"
              f"未达标{counts['not_met']}项，无数据{counts['no_data']}项。系统计算的指标为当日数值，"
              f"部门填报的指标为最近一个年度经审核通过的数值。"]
    for index, (key, title) in enumerate(TABLES.items(), start=1):
        blocks += [Heading(f"{NUMERALS[index]}、{title}"),
                   Table(HEADERS, [_cells(r) for r in rows if r["table"] == key])]
    blocks += [Heading(f"{NUMERALS[len(TABLES) + 1]}、存在问题和下一步措施"), "（由规划科填写。）"]
    return render_docx(OfficialDocument(title=f"船山区应急体系规划{today.year}年度指标监测报告",
                                        issuer="船山区应急管理局", date=today, blocks=blocks))
