"""The official-document layout (GB/T 9704-2012) that reports and reviews are exported in."""

import io
from datetime import date

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from yingji.core.documents import BODY_FONT, TITLE_FONT, Heading, OfficialDocument, Table, chinese_date, render_docx


def _render(**changes):
    fields = {
        "title": "关于船山区暴雨洪涝灾害的初报", "issuer": "遂宁市船山区应急管理局", "signer": "张指挥",
        "date": date(2020, 8, 13), "recipient": "遂宁市应急管理局", "number": "船应急〔2020〕12号",
        "blocks": [Heading("一、灾情概况"), "8月13日凌晨，我区普降暴雨。",
                   Table(["项目", "数值"], [["受灾人口（人）", 2860]])],
    }
    fields.update(changes)
    return Document(io.BytesIO(render_docx(OfficialDocument(**fields))))


def _east_asian_font(run):
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_the_standard_margins():
    section = _render().sections[0]
    measured = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                section.left_margin, section.right_margin)
    expected = (210, 297, 37, 35, 28, 26)
    assert all(abs(value - Mm(mm)) < Mm(0.1) for value, mm in zip(measured, expected, strict=True))  # twips


def test_title_centred_in_xiaobiaosong_size_2_and_body_in_fangsong_size_3():
    document = _render()
    title = next(p for p in document.paragraphs if p.text == "关于船山区暴雨洪涝灾害的初报")
    assert title.alignment == 1 and title.runs[0].font.size == Pt(22)
    assert _east_asian_font(title.runs[0]) == TITLE_FONT
    body = next(p for p in document.paragraphs if p.text.startswith("8月13日凌晨"))
    assert body.runs[0].font.size == Pt(16) and _east_asian_font(body.runs[0]) == BODY_FONT
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters


def test_issuer_signer_recipient_date_and_table():
    document = _render()
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "遂宁市船山区应急管理局"  # 发文机关标志
    assert any("船应急〔2020〕12号" in t and "签发人：张指挥" in t for t in texts)
    assert "遂宁市应急管理局：" in texts and texts[-1] == "2020年8月13日"
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert cells == ["项目", "数值", "受灾人口（人）", "2860"]


def test_chinese_date_uses_arabic_numerals_without_leading_zeros():
    assert chinese_date(date(2021, 1, 5)) == "2021年1月5日"
