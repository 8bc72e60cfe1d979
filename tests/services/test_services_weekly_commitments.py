"""Weekly safety commitments (other high-risk sectors) and the reminders before a period ends, on a driven clock
(every function takes the moment; Beijing dates from timezone.localdate)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from yingji.channels.models import Channel, Message
from yingji.core.errors import DomainError
from yingji.core.models import User
from yingji.prevention.models import Enterprise, EnterpriseAccount
from yingji.services import accounts, commitments, credit
from yingji.services.models import SafetyCommitment

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
FORM = {"risk_state": "low", "special_work": "0", "signed_by": "王负责"}


def _at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=BEIJING)


@pytest.fixture
def weekly(users):
    """The `enterprise` account's company, made a 燃气 enterprise (a weekly category), without commitments."""
    enterprise = EnterpriseAccount.objects.get(user=users["enterprise"]).enterprise
    Enterprise.objects.filter(pk=enterprise.pk).update(category="gas")
    SafetyCommitment.objects.filter(enterprise=enterprise).delete()
    enterprise.refresh_from_db()
    return enterprise


def test_a_weekly_commitment_covers_its_iso_week_in_beijing_time(weekly, users):
    assert commitments.frequency_of(weekly) == "weekly"
    wednesday = timezone.localdate(_at("2031-03-05", 10))
    made = commitments.commit(actor=users["enterprise"], enterprise=weekly, data=FORM, day=wednesday)
    assert made.frequency == "weekly" and made.day == dt.date(2031, 3, 3) and "本周我公司" in made.statement
    with pytest.raises(DomainError) as refused:
        commitments.commit(actor=users["enterprise"], enterprise=weekly, data=FORM, day=dt.date(2031, 3, 9))
    assert refused.value.code == "already_committed" and "本周" in refused.value.message
    assert weekly not in commitments.missing_today(users["commander"], dt.date(2031, 3, 9))
    assert weekly in commitments.missing_today(users["commander"], dt.date(2031, 3, 10))
    # Sunday 23:30 in Beijing is Sunday 15:30 UTC; 00:30 on Monday in Beijing is still Sunday in UTC, but a new week
    late_sunday, early_monday = _at("2031-03-09", 23, 30), _at("2031-03-10", 0, 30)
    assert early_monday.astimezone(dt.UTC).date() == dt.date(2031, 3, 9)
    assert commitments.period_of("weekly", timezone.localdate(late_sunday))[0] == dt.date(2031, 3, 3)
    monday = commitments.commit(actor=users["enterprise"], enterprise=weekly, data=FORM,
                                day=timezone.localdate(early_monday))
    assert monday.day == dt.date(2031, 3, 10)


def test_missed_weeks_are_gaps_and_credit_events(weekly, users):
    commitments.commit(actor=users["enterprise"], enterprise=weekly, data=FORM, day=dt.date(2031, 2, 4))
    commitments.commit(actor=users["enterprise"], enterprise=weekly, data=FORM, day=dt.date(2031, 2, 20))
    today = dt.date(2031, 3, 5)  # Wednesday: the weeks that ended in the 30 days before it
    gaps = commitments.gaps(weekly, today=today)
    assert gaps == [dt.date(2031, 2, 10), dt.date(2031, 2, 24)]  # weeks of 02-10 and 02-24 missed; 02-03 is older
    lines = {kind: n for kind, n, _points in credit.record_of(weekly, today).lines}
    assert lines["未按时作出安全承诺"] == 2
    # a daily enterprise still counts days
    daily = Enterprise.objects.filter(category="chem_trade", status="active").exclude(pk=weekly.pk).first()
    assert commitments.frequency_of(daily) == "daily"
    assert len(commitments.gaps(daily, today=dt.date(2031, 3, 5))) == 30


def test_the_portal_and_the_page_speak_of_the_week(weekly, users):
    page = Client()
    page.force_login(users["enterprise"])
    text = page.get("/services/commitment/").content.decode()
    assert "每周安全承诺" in text and "周（" in text
    assert "本周安全承诺" in page.get("/services/").content.decode()
    assert page.post("/services/commitment/", FORM).status_code == 302
    assert "本周已承诺" in page.get("/services/commitment/").content.decode()
    status = page.get("/api/services/commitments/status/").json()
    assert status["frequency"] == "weekly" and status["committed"] is True
    assert status["period_start"] == commitments.period_of("weekly", timezone.localdate())[0].isoformat()
    bureau = Client()
    bureau.force_login(users["commander"])
    listing = bureau.get("/services/commitment/").content.decode()
    assert weekly.name in listing.split('id="made"')[1]


def _reminders(enterprise):
    return Message.objects.filter(idempotency_key__startswith=f"commitment-due:{enterprise.uuid}:")


def test_reminders_before_the_period_ends_once_a_period(weekly, users):
    principal = accounts.principal(weekly)
    assert Channel.objects.filter(code="TASK-SMS").update(enabled=True) == 1  # the SMS channel of notices, on
    User.objects.filter(pk=principal.pk).update(phone="13900003333")
    assert commitments.remind_missing(_at("2031-03-07", 15, 59)) >= 0
    assert not _reminders(weekly).exists()  # more than 56 hours before Sunday 24:00
    commitments.remind_missing(_at("2031-03-07", 16, 1))
    sent = list(_reminders(weekly))
    assert sent and all(m.idempotency_key.startswith(f"commitment-due:{weekly.uuid}:2031-03-03") for m in sent)
    assert {m.channel.kind for m in sent} >= {"in_app"}
    assert "尚未作出安全承诺" in sent[0].body and "2031-03-09" in sent[0].body
    assert {m.recipient_name for m in sent} == {principal.display_name}  # the principal account only
    sms = [m for m in sent if m.channel.kind != "in_app"]
    assert [(m.channel.code, m.address) for m in sms] == [("TASK-SMS", "13900003333")]  # and an SMS to the phone
    commitments.remind_missing(_at("2031-03-08", 20))  # Saturday: already told this week
    assert _reminders(weekly).count() == len(sent)
    # next week: made before the reminder time, nothing sent
    commitments.commit(actor=principal, enterprise=weekly, data=FORM, day=dt.date(2031, 3, 11))
    commitments.remind_missing(_at("2031-03-14", 18))
    assert _reminders(weekly).count() == len(sent)


def test_daily_reminders_from_16_in_beijing(users):
    enterprise = EnterpriseAccount.objects.get(user=users["enterprise"]).enterprise
    assert commitments.frequency_of(enterprise) == "daily"
    commitments.remind_missing(_at("2031-03-05", 15, 30))
    assert not _reminders(enterprise).exists()
    commitments.remind_missing(_at("2031-03-05", 16, 30))
    first = _reminders(enterprise).count()
    assert first and _reminders(enterprise).filter(idempotency_key__contains=":2031-03-05").count() == first
    commitments.remind_missing(_at("2031-03-05", 23, 50))
    assert _reminders(enterprise).count() == first
    commitments.commit(actor=users["enterprise"], enterprise=enterprise, data=FORM, day=dt.date(2031, 3, 6))
    commitments.remind_missing(_at("2031-03-06", 17))
    assert _reminders(enterprise).count() == first
