"""The loop's links a user follows: 转为隐患 on a monitoring alarm's page and the alarm named on the hazard's page;
a review item completed by its hazard's 销号; an incident found by its code or name when linking; the hazard list's
deadline clocks; and the demo's hazard ↔ incident and review item ↔ hazard links."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.incidents.models import Incident, RectificationItem, Review
from yingji.monitoring.models import Alarm, Rule, Sensor, Station
from yingji.prevention.models import Enterprise, Hazard, HazardStep
from yingji.prevention.workflows import fire_hazard, hazard_from_review_item

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _page(client, hazard):
    return client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid})).content.decode()


# ---- 转为隐患 from a monitoring alarm ---------------------------------------------------------------------------

def _alarm(region, level="yellow", enterprise=None):
    station = Station.objects.create(code="JC-T-PV-1", name="测试储罐站", station_type="tank", region=region,
                                     lon=105.6, lat=30.43, device_id="T-PV-1", enterprise=enterprise)
    sensor = Sensor.objects.create(code="CG-T-PV-1", name="液位", station=station, quantity="tank_level", unit="%",
                                   range_min=0, range_max=100, interval_seconds=60, region=region)
    rule = Rule.objects.create(code="GZ-T-PV", name="测试液位", kind="value", sensor=sensor,
                               quantity="tank_level", blue=70, yellow=80, orange=90, red=95, region=region)
    return Alarm.objects.create(station=station, sensor=sensor, rule=rule, region=region, level=level, value=83.5)


def _to_hazard(client, user, alarm):
    client.force_login(user)
    return client.post(reverse("monitoring:alarm-to-hazard", kwargs={"uuid": alarm.uuid}))


def test_an_alarm_becomes_a_hazard_once_from_its_page_and_each_page_links_the_other(client, users, regions):
    alarm, officer = _alarm(regions["guihua"]), users["township-guihua"]
    client.force_login(officer)
    alarm_page = reverse("monitoring:alarm", kwargs={"uuid": alarm.uuid})
    assert 'id="to-hazard"' in client.get(alarm_page).content.decode()
    response = _to_hazard(client, officer, alarm)
    hazard = Hazard.objects.get(extra__monitoring_alarm=str(alarm.uuid))
    assert response.status_code == 302 and response.url.endswith(f"/{hazard.uuid}/")
    assert (hazard.source, hazard.grade, hazard.state, hazard.region) == (
        "monitoring", "general", "reported", regions["guihua"])
    assert hazard.get_source_display() == "监测报警" and "测试储罐站" in hazard.description
    assert hazard.created_by == officer
    assert _to_hazard(client, officer, alarm).url == response.url  # a second press opens the same hazard
    assert Hazard.objects.filter(extra__monitoring_alarm=str(alarm.uuid)).count() == 1
    page = client.get(alarm_page).content.decode()
    assert 'id="to-hazard"' not in page and 'id="alarm-hazard"' in page and hazard.code in page
    link = _page(client, hazard).split('id="hazard-alarm"')[1].split(">")[0]
    assert f'href="{alarm_page}"' in link


def test_another_township_gets_404_and_who_may_not_file_gets_403_and_no_button(client, users, regions):
    alarm = _alarm(regions["guihua"])
    assert _to_hazard(client, users["township-longfeng"], alarm).status_code == 404
    assert _to_hazard(client, users["observer"], alarm).status_code == 403
    page = client.get(reverse("monitoring:alarm", kwargs={"uuid": alarm.uuid})).content.decode()
    assert 'id="to-hazard"' not in page
    assert not Hazard.objects.filter(extra__monitoring_alarm=str(alarm.uuid)).exists()


def test_a_red_alarm_at_a_chemicals_unit_is_filed_for_grading_at_verification(client, users, regions):
    """Its 重大 hazard would have to cite a 判定标准 item, which an alarm cannot: it is filed 一般 with a note."""
    unit = Enterprise.objects.get(code="QY-HX-01")
    alarm = _alarm(unit.region, level="red", enterprise=unit)
    assert _to_hazard(client, users["commander"], alarm).status_code == 302
    hazard = Hazard.objects.get(extra__monitoring_alarm=str(alarm.uuid))
    assert (hazard.enterprise, hazard.grade) == (unit, "general") and "核实时定级" in hazard.criterion_note


def test_a_red_alarm_elsewhere_is_a_major_hazard(client, users, regions):
    alarm = _alarm(regions["guihua"], level="red")
    _to_hazard(client, users["township-guihua"], alarm)
    assert Hazard.objects.get(extra__monitoring_alarm=str(alarm.uuid)).grade == "major"


# ---- a review item's 完成 follows its hazard's 销号 --------------------------------------------------------------

def test_closing_the_hazard_of_a_review_item_completes_the_item(client, users, regions):
    incident = Incident.objects.exclude(region__path__startswith=regions["guihua"].path).order_by("pk").first()
    review, _created = Review.objects.get_or_create(incident=incident)
    item = RectificationItem.objects.create(review=review, content="完善危化品车辆停车场管理", owner="区交通运输局")
    commander = users["commander"]
    hazard = hazard_from_review_item(item, actor=commander)
    steps = [("verify", {}), ("order", {"deadline": TODAY + dt.timedelta(days=20)}), ("start", {}), ("apply", {}),
             ("recheck", {})]
    for event, data in steps:
        hazard = fire_hazard(hazard, event, actor=commander, data=data)
    client.force_login(commander)
    incident_page = reverse("incidents:detail", kwargs={"uuid": incident.uuid})
    item.refresh_from_db()
    assert not item.done and f'id="review-item-{item.pk}-done"' not in client.get(incident_page).content.decode()
    fire_hazard(hazard, "close", actor=commander)
    item.refresh_from_db()
    assert item.done
    row = client.get(incident_page).content.decode().split(f'data-item="{item.pk}"')[1].split("</li>")[0]
    assert f'id="review-item-{item.pk}-done"' in row and "已完成" in row and hazard.code in row


# ---- 关联事件: search by code or name --------------------------------------------------------------------------

@pytest.fixture
def hazard(regions):
    unit = Enterprise.objects.filter(region__path__startswith=regions["guihua"].path).first()
    return Hazard.objects.create(name="仓库消防通道堵塞", enterprise=unit, region=unit.region)


def _search(client, user, hazard, query):
    client.force_login(user)
    return client.post(reverse("prevention:hazard-link-incident", kwargs={"uuid": hazard.uuid}),
                       {"incident": "", "incident_query": query})


def test_an_incident_is_found_by_its_code_or_by_part_of_its_name(client, users, hazard):
    fire = Incident.objects.get(name="南津路街道居民楼住宅火灾")
    assert _search(client, users["inspector"], hazard, fire.code.lower()).status_code == 302
    hazard.refresh_from_db()
    assert hazard.incident == fire
    other = Hazard.objects.create(name="另一隐患", enterprise=hazard.enterprise, region=hazard.region)
    assert _search(client, users["inspector"], other, "居民楼住宅").status_code == 302
    other.refresh_from_db()
    assert other.incident == fire


def test_several_or_no_matches_are_errors_on_the_search_field_with_the_input_kept(client, users, hazard):
    response = _search(client, users["inspector"], hazard, "险情")
    page = response.content.decode()
    assert response.status_code == 400 and 'id="link-incident-query_error" data-field="incident_query">' in page
    assert "有多个事件符合“险情”" in page and 'value="险情"' in page and "龙凤镇山体滑坡险情" in page
    response = _search(client, users["inspector"], hazard, "不存在的事件名")
    assert response.status_code == 400 and "未找到编号或名称含“不存在的事件名”的事件" in response.content.decode()
    hazard.refresh_from_db()
    assert hazard.incident is None and not HazardStep.objects.filter(hazard=hazard).exists()


def test_an_incident_outside_the_township_is_not_found_by_its_code(client, users, hazard):
    fire = Incident.objects.get(name="南津路街道居民楼住宅火灾")  # not in 桂花镇
    response = _search(client, users["township-guihua"], hazard, fire.code)
    assert response.status_code == 400 and "未找到" in response.content.decode()
    hazard.refresh_from_db()
    assert hazard.incident is None


# ---- the hazard list's clocks -------------------------------------------------------------------------------

def test_the_hazard_list_shows_each_deadline_with_its_clock(client, users):
    unit = Enterprise.objects.get(code="QY-HX-01")
    made = {name: Hazard.objects.create(name=f"列表时钟{name}", enterprise=unit, region=unit.region, state=state,
                                        deadline=TODAY + dt.timedelta(days=days))
            for name, state, days in (("甲", "rectifying", 1), ("乙", "ordered", -4), ("丙", "closed", -30),
                                      ("丁", "rectifying", 40))}
    client.force_login(users["commander"])
    page = client.get(reverse("registry:prevention-hazards-list"), {"q": "列表时钟"}).content.decode()

    def row(name):
        return page.split(made[name].code)[1].split("</tr>")[0]

    assert 'data-clock="amber"' in row("甲") and "临期 · 剩余 1 天" in row("甲")
    assert 'data-clock="overdue"' in row("乙") and "逾期 · 逾期 4 天" in row("乙")
    assert 'data-clock="running"' in row("丁")
    assert (TODAY - dt.timedelta(days=30)).isoformat() in row("丙") and "data-clock" not in row("丙")


# ---- the demo's links --------------------------------------------------------------------------------------

def test_the_demo_links_a_hazard_to_the_fire_and_closed_a_review_items_hazard(client, users):
    fire = Incident.objects.get(name="南津路街道居民楼住宅火灾")
    hazard = Hazard.objects.get(code="YH-SG-01")
    assert hazard.incident == fire and hazard.is_overdue() and hazard.source == "grid"
    client.force_login(users["commander"])
    panel = client.get(reverse("incidents:detail", kwargs={"uuid": fire.uuid})).content.decode().split(
        'id="incident-hazards"')[1].split("</section>")[0]
    assert "YH-SG-01" in panel and 'data-event="order"' in panel and 'data-event="link_incident"' in panel
    assert 'id="hazard-incident"' in _page(client, hazard)
    item = RectificationItem.objects.get(content="为沿江乡镇补充排涝泵车和冲锋舟")
    assert item.done and item.hazard.state == "closed" and item.hazard.closed_on == dt.date(2020, 12, 18)
    assert [s.event for s in item.hazard.steps.all()] == [
        "from_review", "verify", "order", "start", "apply", "recheck", "close"]
    other = RectificationItem.objects.get(content="统一乡镇灾情统计口径，开展灾害信息员培训")
    assert not other.done and not Hazard.objects.filter(review_item=other).exists()
