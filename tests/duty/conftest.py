"""Helpers of the duty desk tests: demo posts and people, a month with no demo roster, a controlled clock."""

from datetime import date

import pytest
from django.utils import timezone

from yingji.core.models import Organization, Person
from yingji.duty.models import DutyPost


@pytest.fixture
def later_month():
    """A month two months ahead: the demo rostered only the current one."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + 2
    return date(index // 12, index % 12 + 1, 1)


@pytest.fixture
def posts(db):
    return {p.code: p for p in DutyPost.objects.select_related("region", "pattern", "organization")}


@pytest.fixture
def staff(db):
    """The bureau's demo duty staff by code suffix (L1…, C1…, O1…)."""
    return {p.code.removeprefix("P-EMB-"): p for p in Person.objects.filter(code__startswith="P-EMB-")}


@pytest.fixture
def township_people(regions):
    org = Organization.objects.get(kind="township", region=regions["guihua"])
    return list(org.people.order_by("code"))


@pytest.fixture
def quiet_outbox(db):
    """Set aside the demo loader's undelivered events and messages, so a test sees only its own."""
    from yingji.channels.models import Message
    from yingji.core.models import OutboxDelivery

    OutboxDelivery.objects.filter(status="pending").update(status="done")
    Message.objects.filter(status__in=["pending", "sending"]).update(status="failed")


@pytest.fixture
def sms_sink(http_sink, quiet_outbox):
    """The demo's duty SMS channel, configured to a real local HTTP gateway."""
    from yingji.channels.models import Channel

    Channel.objects.filter(code="DUTY-SMS").update(enabled=True, config={"url": f"{http_sink.url}/sms"})
    return http_sink


@pytest.fixture
def report_incident(users, regions):
    """Register a new incident from a call, as the duty officer would."""
    from datetime import timedelta

    from yingji.incidents.services import create_incident

    def report(name="桂花镇某村山体滑坡", now=None):
        now = now or timezone.now()
        return create_incident(actor=users["duty"], now=now, data={
            "type_code": "1.4.2", "occurred_at": now - timedelta(minutes=5), "name": name,
            "statement": "村民来电：山体滑坡，堵塞村道，暂无人员伤亡。", "region": regions["guihua"]})

    return report
