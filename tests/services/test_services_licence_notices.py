"""The licence certificate (DOCX) and the expiry reminders sent to the enterprise's accounts."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document

from yingji.channels.models import Message
from yingji.prevention.models import EnterpriseAccount
from yingji.services import licences
from yingji.services.models import Licence

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_valid_licence_downloads_its_certificate_in_chinese(users):
    licence = Licence.objects.filter(status="valid").select_related("enterprise").first()
    page = Client()
    page.force_login(users["commander"])
    assert f"/services/licences/{licence.uuid}/certificate.docx" in page.get("/services/licences/").content.decode()
    page.post("/i18n/setlang/", {"language": "en", "next": "/"})
    answer = page.get(f"/services/licences/{licence.uuid}/certificate.docx")
    assert answer.status_code == 200
    text = _text(answer.content)
    assert "危险化学品经营许可证（不带储存设施）" in text and licence.number in text
    assert licence.enterprise.name in text and "发证机关（盖章）" in text
    assert f"{licence.expires_on.year}年{licence.expires_on.month}月{licence.expires_on.day}日" in text


def test_another_enterprise_licence_or_a_cancelled_one_is_not_found(users):
    own = EnterpriseAccount.objects.get(user=users["enterprise"]).enterprise
    other = Licence.objects.exclude(enterprise=own).filter(status="valid").first()
    page = Client()
    page.force_login(users["enterprise"])
    assert page.get(f"/services/licences/{other.uuid}/certificate.docx").status_code == 404
    Licence.objects.filter(pk=other.pk).update(status="cancelled")
    bureau = Client()
    bureau.force_login(users["commander"])
    assert bureau.get(f"/services/licences/{other.uuid}/certificate.docx").status_code == 404


def _reminders(licence):
    return Message.objects.filter(idempotency_key__startswith=f"licence-expiry:{licence.uuid}:")


def test_each_reminder_step_sends_one_message_to_the_enterprise_accounts(users):
    account = EnterpriseAccount.objects.select_related("enterprise").get(user=users["enterprise"])
    today = timezone.localdate()
    licence = Licence.objects.filter(enterprise=account.enterprise).first() or Licence.objects.create(
        enterprise=account.enterprise, region_id=account.enterprise.region_id, licence_type="hazchem_trade",
        number="川遂船应急经〔2024〕9999", scope="甲醇", issued_on=today - dt.timedelta(days=1000),
        expires_on=today)
    Licence.objects.filter(pk=licence.pk).update(status="valid", expires_on=today + dt.timedelta(days=60))
    licences.remind_expiring(today)
    first = list(_reminders(licence))
    accounts = set(account.enterprise.accounts.values_list("user__username", flat=True))
    assert first and {m.address for m in first} <= accounts | {u.phone for u in users.values()}
    assert "60 天" in first[0].body and licence.number in first[0].body
    licences.remind_expiring(today + dt.timedelta(days=1))  # still within the 90-day step: nothing new
    assert _reminders(licence).count() == len(first)
    licences.remind_expiring(today + dt.timedelta(days=31))  # 29 days left: the 30-day step
    assert _reminders(licence).count() == 2 * len(first)
