"""core.pdf draws an OfficialDocument as PDF in the official layout with the built-in CID font: the mark, number,
title, paragraphs, table cells, issuer and date are all there (compressed or not), an annex starts a new page, and
text that looks like markup is drawn as written."""

from datetime import date

from pdftext import page_count, pdf_text
from yingji.core.documents import Annex, Heading, OfficialDocument, Table
from yingji.core.pdf import render_pdf


def _doc(**changes):
    return OfficialDocument(title="志愿服务时长证明", issuer="船山区应急管理局", date=date(2026, 7, 1),
                            number="船应急志〔2026〕7号",
                            blocks=[Heading("一、基本情况"), "张三 <b>同志</b> & 李四",
                                    Table(["事件", "时长（小时）"], [["涪江洪水转移", "3.5"]])], **changes)


def test_the_document_is_one_pdf_page_with_every_part_of_its_text():
    for compress in (True, False):
        content = render_pdf(_doc(), compress=compress)
        assert content.startswith(b"%PDF") and page_count(content) == 1
        text = pdf_text(content)
        for part in ("船山区应急管理局", "船应急志〔2026〕7号", "志愿服务时长证明", "一、基本情况",
                     "张三 <b>同志</b> & 李四", "涪江洪水转移", "3.5", "2026年7月1日", "— 1 —"):
            assert part in text, part
    assert b"/STSong-Light" in content and b"FontFile" not in content  # referenced by name, nothing embedded


def test_an_annex_starts_a_new_page():
    content = render_pdf(_doc(annexes=[Annex("服务记录明细", ["第一条记录"])]))
    assert page_count(content) == 2
    text = pdf_text(content)
    assert "附件：服务记录明细" in text and "第一条记录" in text and "— 2 —" in text
