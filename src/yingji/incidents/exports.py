"""Situation reports and reviews as Word documents in the official layout, and the report chain as xlsx."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from yingji.core.documents import Heading, OfficialDocument, Table, render_docx
from yingji.core.extensions import REVIEW_SECTIONS
from yingji.core.timefmt import local_text

from .grading import grade_label
from .locate import place_name
from .reportfields import figure_label, figures_for, format_figure
from .reporting import rollup, texts_of
from .review import compute, duration_text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"




def _figure_rows(incident, figures):
    return [[figure_label(f), format_figure(f, figures.get(f.key))] for f in figures_for(incident.type_code)]


def report_docx(report) -> bytes:
    incident = report.incident
    where = place_name(incident.region) + (f"（{incident.address}）" if incident.address else "")
    blocks = [
        f"{local_text(incident.occurred_at)}，{where}发生{incident.incident_type.name}。{incident.description}",
        Heading("一、基本情况"),
        f"事件类型：{incident.type_name}；事件等级：{grade_label(incident.grade)}；统计截至：{local_text(report.as_of)}。",
    ]
    number = 2
    for label, text in texts_of(report):
        if text:
            blocks += [Heading(f"{_chinese(number)}、{label}"), text]
            number += 1
    blocks.append(Table(["项目", "数值"], _figure_rows(incident, report.figures),
                        caption=f"{report.kind_label}数据表（累计）"))
    if report.explanation:
        blocks += [Heading(f"{_chinese(number)}、数据变化说明"), report.explanation]
    document = OfficialDocument(
        title=report.title, issuer=report.issuer, signer=report.signer.display_name if report.signer else "",
        date=timezone.localtime(report.signed_at or report.as_of).date(), blocks=blocks,
        recipient="遂宁市应急管理局", number=f"{report.kind_label} {incident.code}",
        note=f"（拟稿：{report.author.display_name}）",
    )
    return render_docx(document)


def _chinese(n: int) -> str:
    return "零一二三四五六七八九十"[n] if n <= 10 else str(n)


def review_docx(incident) -> bytes:
    facts = compute(incident)
    review = getattr(incident, "review", None)
    blocks = [
        Heading("一、事件概况"),
        f"{incident.name}（{incident.code}），{incident.type_name}，等级：{grade_label(incident.grade)}。"
        f"发生于{local_text(incident.occurred_at)}，接报于{local_text(incident.received_at)}，结束于{local_text(incident.closed_at)}。",
        incident.closing_summary,
        Heading("二、响应时效"),
        f"从发生到接报：{duration_text(facts.occurrence_to_receipt)}；从接报到首次报送："
        f"{duration_text(facts.receipt_to_first_report)}。",
        Table(["报送时限", "报告对象", "截止时间", "完成时间", "结果"],
              [[c.name, c.report_to, local_text(c.due_at, "%m-%d %H:%M"), local_text(c.met_at, "%m-%d %H:%M"), c.text]
               for c in facts.clocks], caption="报送时限执行情况"),
        *[block for section in REVIEW_SECTIONS for block in section.docx_blocks(incident)],
        Heading("三、报告报送"),
        Table(["报告", "填报区域", "拟稿人", "签发人", "报送时间", "状态"],
              [[r.kind_label, r.region.name, r.author.display_name, r.signer.display_name if r.signer else "—",
                local_text(r.sent_at, "%m-%d %H:%M"), r.get_status_display()] for r in facts.reports]),
        Heading("四、灾情数据（初报与终报对比）"),
        Table(["项目", "初报", "终报"], [[label, first, final] for label, first, final in facts.comparison]),
        Heading("五、评估意见"),
        (review.findings if review else "") or "（尚未填写）",
    ]
    if review and review.items.exists():
        blocks.append(Table(["整改事项", "责任单位", "完成时限", "状态"],
                            [[i.content, i.owner, i.due_date or "—", "已完成" if i.done else "整改中"]
                             for i in review.items.all()], caption="整改事项清单"))
    document = OfficialDocument(
        title=f"关于{incident.name}的应急评估报告", issuer="遂宁市船山区应急管理局",
        date=timezone.localdate(), blocks=blocks,
        signer=review.reviewer.display_name if review and review.reviewer else "",
    )
    return render_docx(document)


def reports_xlsx(incident) -> bytes:
    """The whole report chain, one row per report, plus the township roll-up."""
    fields = figures_for(incident.type_code)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "报告"
    sheet.append(["报告", "填报区域", "标题", "状态", "统计截至", "拟稿人", "签发人", "报送时间",
                  *[figure_label(f) for f in fields], "数据变化说明"])
    for report in incident.reports.select_related("region", "author", "signer").order_by("created"):
        sheet.append([
            report.kind_label, report.region.name, report.title, report.get_status_display(),
            local_text(report.as_of, "%Y-%m-%d %H:%M"), report.author.display_name,
            report.signer.display_name if report.signer else "", local_text(report.sent_at, "%Y-%m-%d %H:%M"),
            *[_plain(report.figures.get(f.key)) for f in fields], report.explanation,
        ])
    summary = workbook.create_sheet("乡镇汇总")
    data = rollup(incident)
    summary.append(["乡镇（街道）", "最新报告", *[figure_label(f) for f in fields]])
    for township, report in data["rows"]:
        summary.append([township.name, report.kind_label, *[_plain(report.figures.get(f.key)) for f in fields]])
    summary.append(["合计", "", *[_plain(data["total"].get(f.key)) for f in fields]])
    for ws in (sheet, summary):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _plain(value):
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)
