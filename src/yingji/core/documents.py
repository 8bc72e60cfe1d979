"""Word documents in the Chinese official-document layout (GB/T 9704-2012 党政机关公文格式).

Used for situation reports, reviews, duty reports. The layout, as the standard sets it:
- A4; top margin 37 mm, left (binding) 28 mm, text area 156 × 225 mm, so right 26 mm and bottom 35 mm;
- 发文机关标志 in red 小标宋, centred, with a red rule under it; 发文字号 and, for documents sent upward,
  “签发人：” (仿宋 三号) followed by the name in 楷体 三号;
- the title in 小标宋 二号 (22 pt), centred; 主送机关 flush left;
- the body in 仿宋 三号 (16 pt), first lines indented two characters, 22 lines a page (28 pt line pitch);
  headings 一、 in 黑体, （一） in 楷体;
- the issuing unit and the date (Arabic numerals, “2020年8月13日”) at the right; page numbers “— 1 —”;
- 附件说明 under the body (“附件：接报原始记录”, numbered when there are several), and each 附件 on a new page
  after the date: “附件” (or “附件2”) in 黑体 三号 flush left, its title centred in 小标宋 二号, then its text.

    document = OfficialDocument(title="关于……的初报", issuer="遂宁市船山区应急管理局", signer="张三",
                                date=date(2020, 8, 13), blocks=[Heading("一、灾情概况"), "正文……",
                                Table(["项目", "数量"], [["受灾人口", "15144"]])])
    content = render_docx(document)  # bytes
"""

import io
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"  # falls back to 宋体 where it is not installed
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_TABLE = Pt(12)  # 小四
RED = RGBColor(0xD9, 0x00, 0x1B)
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 → 黑体 (一、), 2 → 楷体 (（一）)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[object]]
    caption: str = ""


@dataclass
class Picture:
    """An image (PNG or JPEG bytes), `width_mm` wide, after `caption` on the same line (a drawn signature after
    “（签名）：”); bytes that are not a readable image give `fallback` instead."""

    content: bytes
    caption: str = ""
    width_mm: float = 40
    fallback: str = ""


@dataclass
class Annex:
    title: str
    blocks: list = field(default_factory=list)  # str paragraphs, Heading, Table


@dataclass
class OfficialDocument:
    title: str
    issuer: str
    date: date
    blocks: list = field(default_factory=list)  # str paragraphs, Heading, Table
    signer: str = ""
    number: str = ""  # 发文字号, e.g. 船应急〔2020〕12号
    recipient: str = ""  # 主送机关
    mark: str = ""  # 发文机关标志 (defaults to the issuer)
    note: str = ""  # a line under the date, e.g. “（联系人：…）”
    annexes: list[Annex] = field(default_factory=list)  # 附件, after the date, each on a new page


def chinese_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _font(run, name: str, size, bold=False, color=None):
    run.font.name = LATIN_FONT if name in (BODY_FONT, KAI_FONT) else name
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    return run


def _paragraph(document, text="", *, font=BODY_FONT, size=SIZE_3, align=None, indent=False, bold=False,
               color=None):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), font, size, bold, color)
    return paragraph


def _page_setup(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(footer.add_run("— "), "宋体", SIZE_4)
    field_run = footer.add_run()
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "PAGE")
    field_run._element.append(simple)
    _font(footer.add_run(" —"), "宋体", SIZE_4)


def _red_rule(paragraph):
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", "D9001B")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _header(document, doc: OfficialDocument):
    mark = _paragraph(document, doc.mark or doc.issuer, font=TITLE_FONT, size=Pt(26), align=WD_ALIGN_PARAGRAPH.CENTER,
                      color=RED)
    mark.paragraph_format.line_spacing = Pt(40)
    line = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if doc.number:
        _font(line.add_run(doc.number), BODY_FONT, SIZE_3)
    if doc.signer:
        _font(line.add_run("\t签发人："), BODY_FONT, SIZE_3)
        _font(line.add_run(doc.signer), KAI_FONT, SIZE_3)
        line.paragraph_format.tab_stops.add_tab_stop(Mm(156), alignment=2)  # right-aligned tab
    _red_rule(line)
    _paragraph(document)


def _table(document, table: Table):
    if table.caption:
        _paragraph(document, table.caption, font=HEADING_FONT, size=SIZE_3, align=WD_ALIGN_PARAGRAPH.CENTER)
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _cell(cell, text, bold=True)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            _cell(cell, "" if value is None else str(value))


def _cell(cell, text, bold=False):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), BODY_FONT, SIZE_TABLE, bold)


def _block(document, block):
    if isinstance(block, Heading):
        font = HEADING_FONT if block.level == 1 else KAI_FONT
        _paragraph(document, block.text, font=font, size=SIZE_3, indent=True)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Picture):
        _picture(document, block)
    else:
        for line in str(block).splitlines() or [""]:
            _paragraph(document, line.strip(), indent=True)


def _picture(document, block: Picture):
    paragraph = _paragraph(document, block.caption, indent=True)
    paragraph.paragraph_format.line_spacing = 1.0  # an exact line pitch would clip the image to one line
    try:
        paragraph.add_run().add_picture(io.BytesIO(block.content), width=Mm(block.width_mm))
    except Exception:  # not an image python-docx can read: say so instead
        _font(paragraph.add_run(block.fallback), BODY_FONT, SIZE_3)


def _annex_note(document, annexes):
    """附件说明: one blank line under the body, then “附件：title” (several: “附件：1. …” and aligned numbers)."""
    if not annexes:
        return
    _paragraph(document)
    if len(annexes) == 1:
        _paragraph(document, f"附件：{annexes[0].title}", indent=True)
        return
    for number, annex in enumerate(annexes, start=1):
        prefix = "附件：" if number == 1 else "　　　"
        _paragraph(document, f"{prefix}{number}. {annex.title}", indent=True)


def _annex(document, annex: Annex, number: int | None):
    document.add_page_break()
    _paragraph(document, "附件" if number is None else f"附件{number}", font=HEADING_FONT, size=SIZE_3)
    _paragraph(document)
    _paragraph(document, annex.title, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document)
    for block in annex.blocks:
        _block(document, block)


def render_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    _page_setup(document)
    _header(document, doc)
    _paragraph(document, doc.title, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document)
    if doc.recipient:
        _paragraph(document, f"{doc.recipient}：")
    for block in doc.blocks:
        _block(document, block)
    _annex_note(document, doc.annexes)
    _paragraph(document)
    for text in (doc.issuer, chinese_date(doc.date)):
        paragraph = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = Pt(32)
    if doc.note:
        _paragraph(document, doc.note, indent=True)
    for number, annex in enumerate(doc.annexes, start=1):
        _annex(document, annex, number if len(doc.annexes) > 1 else None)
    output = io.BytesIO()
    document.core_properties.title = doc.title
    document.save(output)
    return output.getvalue()
