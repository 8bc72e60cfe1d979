"""Plan filing in the browser (issue 23, docs/services.md): the enterprise account files its emergency plan from the
portal without the evaluation record; the inspector's 予以备案 is refused (材料不全) and the filing is returned once
for the missing document; the enterprise uploads it and resubmits; the inspector files it and the 备案登记表 downloads
as a DOCX naming the enterprise and the 备案编号; the public lookup by number shows 已办结 and no names."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _file(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def _logout(page):
    page.click("form[action$='/logout/'] button")


def test_file_a_plan_returned_once_then_filed_and_the_form_downloads(page, login, live_url):
    page.on("dialog", lambda dialog: dialog.accept())  # submitting, returning and filing ask for confirmation
    login("enterprise")
    page.goto(f"{live_url}/services/")
    expect(page.locator("#duties li[data-kind=filing]").first).to_be_visible()
    page.click("#new-filing")
    page.fill("#id_plan_name", "遂宁川中精细化工有限公司生产安全事故应急预案")
    page.fill("#id_issued_on", "2026-11-20")
    page.fill("#id_special_plans", "危险化学品泄漏事故专项应急预案")
    page.fill("#id_onsite_plans", "储罐区泄漏现场处置方案")
    page.set_input_files("#id_plan_general", _file("综合应急预案.pdf"))
    page.set_input_files("#id_plan_special", _file("专项应急预案.pdf"))
    page.set_input_files("#id_plan_onsite", _file("现场处置方案.pdf"))
    page.click("#submit-filing")
    expect(page.locator("#case-state")).to_have_attribute("data-state", "submitted")
    expect(page.locator("[data-clock]").first).to_be_visible()
    number = page.locator("h1 small").inner_text().strip()
    case_url = page.url
    _logout(page)

    login("inspector")
    page.goto(case_url)
    page.click("#step-file button")
    expect(page.locator("#form-error")).to_have_attribute("data-code", "document_missing")
    page.fill("#step-return input[name=reason]", "缺少应急预案评审（论证）意见")
    page.click("#step-return button")
    expect(page.locator("#case-state")).to_have_attribute("data-state", "returned")
    _logout(page)

    login("enterprise")
    page.goto(case_url)
    expect(page.locator("#history li[data-event=return]")).to_contain_text("缺少应急预案评审")
    page.select_option("#upload-form select[name=kind]", "plan_evaluation")
    page.set_input_files("#upload-form input[type=file]", _file("评审意见.pdf"))
    page.click("#upload-form button")
    expect(page.locator("#documents tr[data-kind=plan_evaluation] a")).to_have_count(1)
    page.click("#step-resubmit button")
    expect(page.locator("#case-state")).to_have_attribute("data-state", "submitted")
    _logout(page)

    login("inspector")
    page.goto(case_url)
    page.click("#step-file button")
    expect(page.locator("#case-state")).to_have_attribute("data-state", "done")
    filing_number = page.locator("#filing-number").inner_text().strip()
    with page.expect_download() as info:
        page.click("#download-filing-form")
    with open(info.value.path(), "rb") as handle:
        xml = zipfile.ZipFile(io.BytesIO(handle.read())).read("word/document.xml").decode()
    assert "应急预案备案登记表" in xml and "遂宁川中精细化工有限公司" in xml and filing_number in xml

    page.goto(f"{live_url}/services/lookup/?number={number}")
    expect(page.locator("#lookup-result dd[data-state]")).to_have_attribute("data-state", "done")
    expect(page.locator("body")).not_to_contain_text("川中")
