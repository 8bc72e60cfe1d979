"""PDF in a simple official-document layout, for what people print or keep as a file: certificates, proofs.

The same `core.documents.OfficialDocument` that `render_docx` takes is drawn with reportlab: A4 with the GB/T 9704
margins (top 37 mm, left 28 mm, right 26 mm, bottom 35 mm), the issuer's mark in red, centred, the number under it
and a red rule, the title centred in 22 pt, the body in 16 pt with the first line indented two characters, tables
with a header row, then the issuer and the date at the right; page numbers “— 1 —”; each annex on a new page.

Chinese text uses reportlab's built-in CID font STSong-Light (Adobe's Song, referenced by name: no font file is
bundled, read or fetched; PDF readers supply it). Pictures are not drawn: their caption and fallback text are.

    content = render_pdf(OfficialDocument(title="应急管理培训考试合格证书", issuer="船山区应急管理局",
                                          date=date(2026, 7, 1), number="船应急考〔2026〕12号", blocks=[...]))
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from .documents import Annex, Heading, OfficialDocument, Picture, Table, chinese_date

FONT = "STSong-Light"
PDF_TYPE = "application/pdf"
RED = colors.Color(0xD9 / 255, 0, 0x1B / 255)

_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


def _styles() -> dict:
    font = _font()
    return {
        "mark": ParagraphStyle("mark", fontName=font, fontSize=26, leading=36, alignment=TA_CENTER, textColor=RED),
        "number": ParagraphStyle("number", fontName=font, fontSize=16, leading=24, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=font, fontSize=22, leading=32, alignment=TA_CENTER,
                                spaceBefore=12, spaceAfter=12),
        "body": ParagraphStyle("body", fontName=font, fontSize=16, leading=28, firstLineIndent=32,
                               wordWrap="CJK"),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=16, leading=28, firstLineIndent=32,
                                  wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=12, leading=16, wordWrap="CJK"),
        "right": ParagraphStyle("right", fontName=font, fontSize=16, leading=28, alignment=TA_RIGHT),
        "annex": ParagraphStyle("annex", fontName=font, fontSize=16, leading=28),
    }


def _text(value) -> str:
    return escape(str(value if value is not None else ""))


def _rule(width):
    rule = PdfTable([[""]], colWidths=[width], rowHeights=[2])
    rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 1.5, RED)]))
    return rule


def _table(table: Table, styles, width):
    cell = styles["cell"]
    data = [[Paragraph(_text(h), cell) for h in table.headers]]
    data += [[Paragraph(_text(v), cell) for v in row] for row in table.rows]
    columns = max(1, len(table.headers))
    flowable = PdfTable(data, colWidths=[width / columns] * columns, repeatRows=1)
    flowable.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                  ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
                                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    items = [Paragraph(_text(table.caption), styles["cell"])] if table.caption else []
    return [*items, flowable, Spacer(1, 6)]


def _blocks(blocks, styles, width) -> list:
    story = []
    for block in blocks:
        if isinstance(block, Heading):
            story.append(Paragraph(_text(block.text), styles["heading"]))
        elif isinstance(block, Table):
            story.extend(_table(block, styles, width))
        elif isinstance(block, Picture):
            story.append(Paragraph(_text(" ".join(filter(None, (block.caption, block.fallback)))), styles["body"]))
        else:
            story.extend(Paragraph(_text(line.strip()), styles["body"]) for line in str(block).splitlines() or [""])
    return story


def _page_number(canvas, document):
    canvas.saveState()
    canvas.setFont(_font(), 14)
    canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {document.page} —")
    canvas.restoreState()


def render_pdf(doc: OfficialDocument, *, compress: bool = True) -> bytes:
    """The document as PDF bytes. `compress=False` leaves the page streams readable (tests look into them)."""
    styles = _styles()
    buffer = io.BytesIO()
    page = SimpleDocTemplate(buffer, pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm, leftMargin=28 * mm,
                             rightMargin=26 * mm, title=doc.title, author=doc.issuer, subject=doc.number,
                             creator="Yingji", pageCompression=1 if compress else 0, invariant=1)
    width = page.width
    story = [Paragraph(_text(doc.mark or doc.issuer), styles["mark"])]
    if doc.number:
        story.append(Paragraph(_text(doc.number), styles["number"]))
    story += [_rule(width), Spacer(1, 8), Paragraph(_text(doc.title), styles["title"])]
    if doc.recipient:
        story.append(Paragraph(_text(doc.recipient + "："), styles["annex"]))
    story += _blocks(doc.blocks, styles, width)
    for number, annex in enumerate(doc.annexes, start=1):
        story.append(Paragraph(_text(f"附件{number if len(doc.annexes) > 1 else ''}：{annex.title}"),
                               styles["body"]))
    story += [Spacer(1, 24), Paragraph(_text(doc.issuer), styles["right"]),
              Paragraph(_text(chinese_date(doc.date)), styles["right"])]
    if doc.note:
        story.append(Paragraph(_text(doc.note), styles["body"]))
    for number, annex in enumerate(doc.annexes, start=1):
        story += [PageBreak(), Paragraph(_text("附件" + (str(number) if len(doc.annexes) > 1 else "")),
                                         styles["annex"]), Paragraph(_text(annex.title), styles["title"])]
        story += _blocks(annex.blocks if isinstance(annex, Annex) else [], styles, width)
    page.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()
