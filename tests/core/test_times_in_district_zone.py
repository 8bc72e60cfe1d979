"""One rule for times (issue 14 §6–7): whatever the process's or the browser's zone, everything a person sees or
receives is in the district's zone (Asia/Shanghai), in the product's formats (core.timefmt)."""

import os
import time
from datetime import UTC, datetime

import pytest
from django.template import Context, Template

from yingji.core.timefmt import MINUTE, SHORT, local_text

pytestmark = pytest.mark.django_db
# 01:48 on 5 December in Beijing is still 4 December in UTC: the case that showed every slip.
LATE = datetime(2026, 12, 4, 17, 48, tzinfo=UTC)


@pytest.fixture
def process_in_utc():
    """The process's own zone set to UTC (a server configured in UTC, a container without zone data)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_one_helper_formats_datetimes_and_iso_text_in_the_district_zone(process_in_utc):
    assert local_text(LATE, MINUTE) == "2026-12-05 01:48"
    assert local_text(LATE.isoformat(), SHORT) == "12-05 01:48"  # an outbox payload's ISO text
    assert local_text(None) == "—" and local_text("", MINUTE, empty="") == ""
    rendered = Template('{% load timefmt %}{{ t|local }} · {{ t|local:"full" }}').render(Context({"t": LATE}))
    assert rendered == "2026-12-05 01:48 · 2026年12月05日01时48分"


def test_task_notice_gives_the_deadline_in_beijing_time(process_in_utc, users):
    """The notice used to slice the UTC ISO string: a 01:48 deadline read 17:48 the day before."""
    from yingji.channels.models import Message
    from yingji.core.events import publish
    from yingji.plans.notify import notify_assignees

    event = publish("plans.task_assigned", {"uuid": "00000000-0000-0000-0000-000000000001", "title": "新任务：巡查",
                                            "organization": users["duty"].organization.code, "incident": "测试事件",
                                            "deadline": LATE.isoformat()})
    assert notify_assignees(event) >= 1
    body = Message.objects.filter(address="duty", subject="新任务：巡查").get().body
    assert "2026-12-05 01:48" in body and "2026-12-04" not in body


def test_warning_pages_show_the_product_format_not_the_raw_profile_time(client, users):
    from yingji.alerts.services import in_force

    warning = in_force().first()  # the demo keeps a warning in force
    client.force_login(users["commander"])
    listing = client.get("/alerts/").content.decode()
    shown = local_text(warning.effective, MINUTE)
    assert shown in listing and "+08:00" not in listing
    detail = client.get(f"/alerts/{warning.uuid}/").content.decode()
    assert shown in detail and "+08:00" not in detail
    client.logout()
    public = client.get("/cap/").content.decode()
    assert shown in public and "+08:00" not in public


def test_duty_texts_use_the_district_zone(process_in_utc):
    from yingji.duty.handovers import _local

    assert _local(LATE) == "12-05 01:48"


def test_order_codes_carry_the_district_date(process_in_utc, users):
    """DL20261204-… was written at 01:48 on 12-05 Beijing time."""
    from yingji.core.sequences import next_code

    assert next_code("DL", LATE).startswith("DL20261205-")
