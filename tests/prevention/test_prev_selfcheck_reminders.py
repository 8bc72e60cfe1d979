"""企业自查提醒 in an enterprise account's to-do inbox: a unit without a submitted self-check for the configured
interval (default 30 days) is reminded, with its last date; a recent one is not; other accounts never are."""

import datetime as dt

import pytest
from django.utils import timezone

from yingji.prevention import selfcheck_reminders as reminders
from yingji.prevention.models import SelfCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def interval(monkeypatch):
    def set_days(days):
        monkeypatch.setenv("YINGJI_SELFCHECK_REMINDER", f'{{"interval_days": {days}}}')
        reminders.get_config.cache_clear()

    yield set_days
    monkeypatch.delenv("YINGJI_SELFCHECK_REMINDER", raising=False)
    reminders.get_config.cache_clear()


def _inbox(client, user):
    client.force_login(user)
    return client.get("/todo/").content.decode()


def test_a_unit_that_never_checked_is_reminded(client, users):
    page = _inbox(client, users["enterprise-2"])  # 涪江化工储运: no self-check in the demo
    assert "遂宁市船山区涪江化工储运有限公司：尚未开展企业自查" in page and "待开展企业自查" in page
    assert 'href="/prevention/self-checks/"' in page


def test_the_last_self_check_and_the_configured_interval_decide(client, users, interval):
    last = SelfCheck.objects.filter(enterprise__code="QY-HX-01", state="submitted").order_by("-checked_on").first()
    days = (timezone.localdate() - last.checked_on).days  # the demo's latest: 30 days ago
    interval(days + 1)
    assert "待开展企业自查" not in _inbox(client, users["enterprise"])
    interval(days)
    page = _inbox(client, users["enterprise"])
    assert f"遂宁川中精细化工有限公司：上次自查 {last.checked_on.isoformat()}，已满 {days} 天" in page
    SelfCheck.objects.filter(pk=last.pk).update(checked_on=timezone.localdate() - dt.timedelta(days=1))
    assert "待开展企业自查" not in _inbox(client, users["enterprise"])


def test_other_accounts_get_no_reminder(client, users):
    for name in ("township-guihua", "commander", "inspector"):
        assert "待开展企业自查" not in _inbox(client, users[name])
