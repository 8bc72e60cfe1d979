"""Situation reports and reviews as Word documents in the official layout, and the report chain as xlsx."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from yingji.core.documents import Annex, Heading, OfficialDocument, Table, render_docx
from yingji.core.extensions import REVIEW_SECTIONS
from yingji.core.masking import mask_phone
from yingji.core.timefmt import MINUTE, local_text
from yingji.standards import Grade, is_natural_disaster

from .grading import grade_label
from .locate import place_name
from .reportfields import figure_label, figures_for, format_figure, texts_for
from .reporting import rollup
from .review import compute, duration_text

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figure_rows(incident, figures):
    return [[figure_label(f), format_figure(f, figures.get(f.key))] for f in figures_for(incident.type_code)]


def report_docx(report) -> bytes:
    """The report as a 公文: a summary paragraph written from the structured fields, the sections the author wrote,
    the figures table, and the caller's own words in an annex (附件：接报原始记录)."""
    incident = report.incident
    measures = report.texts.get("measures") or _measures_on_timeline(incident, report.as_of)
    blocks = [
        summary_text(incident, report.figures, measures),
        Heading("一、基本情况"),
        f"事件类型：{incident.type_name}；事件等级：{grade_label(incident.grade)}；统计截至：{local_text(report.as_of)}。",
    ]
    number = 2
    for key, label in texts_for(incident.type_code):
        text = report.texts.get(key, "")
        if text and not (key == "measures" and text == measures):  # the measures are in the summary already
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
        note=f"（拟稿：{report.author.display_name}）", annexes=[_intake_annex(incident)],
    )
    return render_docx(document)


def summary_text(incident, figures: dict, measures: str = "") -> str:
    """The opening paragraph in the official style: when, where, what, the figures so far, the grade, the measures.
    “2025年7月10日23时10分，桂花镇石桥村（后山）发生滑坡灾害。据初步统计，……。经初步研判，……。事件发生后，……。”"""
    where = place_name(incident.region).replace(" · ", "") + (f"（{incident.address}）" if incident.address else "")
    sentences = [f"{_prose_time(incident.occurred_at)}，{where}发生{_what(incident)}"]
    counted = _figure_phrases(incident, figures)
    casualties = any(_positive(figures.get(key)) for key in ("dead", "missing", "injured"))
    if counted:
        sentences.append("据初步统计，" + "，".join(counted) + ("" if casualties else "，暂无人员伤亡报告"))
    elif not casualties:
        sentences.append("暂无人员伤亡报告")
    if incident.trapped:
        sentences.append(f"另有{incident.trapped}人被困")
    if incident.grade:
        grade = Grade(incident.grade)
        sentences.append(f"经初步研判，事件等级为{grade.label}（{grade.roman}级）")
    if measures:
        sentences.append("事件发生后，" + measures.strip().rstrip("。；;."))
    return "。".join(sentences) + "。"


def _prose_time(value) -> str:
    moment = timezone.localtime(value)
    return f"{moment.year}年{moment.month}月{moment.day}日{moment.hour}时{moment.minute:02d}分"


def _what(incident) -> str:
    name = incident.incident_type.name
    if is_natural_disaster(incident.type_code) and not name.endswith(("灾害", "灾", "火灾")):
        return f"{name}灾害"
    return name


def _positive(value) -> bool:
    try:
        return float(value or 0) > 0
    except (TypeError, ValueError):
        return False


def _figure_phrases(incident, figures) -> list[str]:
    """“受灾人口1,200人”, “倒塌房屋3户12间” (same label, several units, one phrase), in the table's order."""
    phrases: list[tuple[str, str]] = []
    for figure in figures_for(incident.type_code):
        if not _positive(figures.get(figure.key)):
            continue
        amount = _prose_number(figures[figure.key], figure.decimals) + figure.unit
        if phrases and phrases[-1][0] == figure.label:
            phrases[-1] = (figure.label, phrases[-1][1] + amount)
        else:
            phrases.append((figure.label, figure.label + amount))
    return ["、".join(text for _label, text in phrases)] if phrases else []


def _prose_number(value, decimals: int) -> str:
    """12 / 12.5 / 1164.2: no thousands commas and no trailing zeros in prose."""
    text = f"{float(value):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _measures_on_timeline(incident, until) -> str:
    """What the response recorded before the report: responses started and forces sent (plans' timeline kinds)."""
    entries = incident.timeline.filter(kind__in=("response", "dispatch"), at__lte=until).order_by("at", "id")
    return "；".join(entry.title for entry in entries[:6])


def _intake_annex(incident) -> Annex:
    """Every call and report as received, in the caller's words; phone numbers masked (the document travels)."""
    blocks = []
    for intake in incident.intakes.order_by("received_at", "id"):
        caller = "，".join(part for part in (intake.caller_name, mask_phone(intake.caller_phone)) if part)
        blocks.append(Heading(f"{local_text(intake.received_at, MINUTE)}　{intake.get_source_display()}"
                              + (f"（{caller}）" if caller else ""), level=2))
        blocks.append(intake.statement)
    return Annex(title="接报原始记录", blocks=blocks or ["（无接报记录）"])


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
