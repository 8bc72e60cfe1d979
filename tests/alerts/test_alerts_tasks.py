"""Background work: the Celery tasks (run in-process here) and the `alerts_tick` command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from yingji.alerts import delivery

pytestmark = pytest.mark.django_db


def test_the_celery_pump_fans_out_and_delivers(users, warning_data, publish_flow, sink_channels):
    pytest.importorskip("celery")
    from yingji.tasks import pump

    warning = publish_flow(warning_data(area_regions=["510903200000"]))
    delivery.messages_of(warning)  # nothing yet: fan-out is background work
    pump.apply(kwargs={"rounds": 200})
    assert delivery.messages_of(warning).exists() and len(sink_channels.requests) > 0


def test_the_tick_command_closes_expired_warnings(users, warning_data, publish_flow, capsys):
    # Published while still valid (an hour of margin: the flow takes seconds on a loaded machine), then its
    # expiry time passes.
    warning = publish_flow(warning_data(expires=(timezone.now() + timedelta(hours=1)).isoformat()))
    warning.expires = timezone.now() - timedelta(seconds=1)
    warning.save()
    call_command("alerts_tick")
    warning.refresh_from_db()
    assert warning.status == "expired" and "已结束到期预警" in capsys.readouterr().out
