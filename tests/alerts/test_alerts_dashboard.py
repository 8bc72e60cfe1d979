"""The reach rate on the home overview: public subscribers reached / targeted over the warnings published in the
last 30 days, against the >98 % target, red below it, each warning linking to its coverage report."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.alerts import delivery
from yingji.alerts.models import Subscriber
from yingji.channels.services import deliver_pending
from yingji.core.events import dispatch_pending

pytestmark = pytest.mark.django_db
TANGJIA = "510903200000"  # 唐家乡


def _publish_and_send(publish_flow, warning_data, sink, failing=False):
    Subscriber.objects.update(preferred_channel="sms")
    warning = publish_flow(warning_data(area_regions=[TANGJIA]))
    dispatch_pending()
    sink.fail_next(10**6 if failing else 0)
    now = timezone.now()
    for moment in (now, now + timedelta(hours=1)):  # the retry after the backoff
        while deliver_pending(limit=1000, now=moment):
            pass
    return warning


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("web:home")).content.decode()


def test_the_home_page_shows_the_reach_rate_and_links_to_the_coverage_report(client, users, warning_data,
                                                                             publish_flow, sink_channels):
    warning = _publish_and_send(publish_flow, warning_data, sink_channels)
    public = delivery.messages_of(warning).filter(contacts__public=True).count()
    page = _home(client, users["commander"])
    assert "预警公众送达率（近 30 天）" in page and "100.0%" in page and "text-success" in page
    assert f"已送达 {public} / 应送 {public} 名公众订阅者" in page and public > 0
    assert f'{reverse("alerts:detail", args=[warning.uuid])}#coverage-table' in page


def test_the_reach_rate_is_red_below_98_percent(client, users, warning_data, publish_flow, sink_channels):
    _publish_and_send(publish_flow, warning_data, sink_channels)
    _publish_and_send(publish_flow, warning_data, sink_channels, failing=True)
    reach = delivery.reach_rate()
    assert reach["total"] > reach["reached"] > 0 and reach["below"]
    page = _home(client, users["commander"])
    assert f"{reach['percent']:.1f}%" in page and "低于目标" in page
    assert 'text-danger" id="warning-reach-rate"' in page


def test_only_the_last_30_days_and_only_public_subscribers_count(users, warning_data, publish_flow, sink_channels):
    warning = _publish_and_send(publish_flow, warning_data, sink_channels)
    reach = delivery.reach_rate()
    assert reach["total"] == delivery.messages_of(warning).filter(contacts__public=True).count()
    assert reach["total"] < delivery.messages_of(warning).count()  # officials and loudspeakers are not the public
    assert delivery.reach_rate(now=warning.published_at + timedelta(days=31))["rate"] is None


def test_people_without_access_to_warnings_see_no_reach_figure(client, users):
    assert "预警公众送达率" not in _home(client, users["auditor"])
    assert "近期没有已发布的预警" in _home(client, users["commander"])
