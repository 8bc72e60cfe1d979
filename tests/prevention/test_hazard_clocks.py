"""A hazard's deadline clock on driven dates: 正常, amber (临期, 3 days before by default, configurable) and red (逾期);
drawn like the reporting clocks on the hazard page, the dashboard's lists and the 挂牌督办 list, and named in the
to-do inbox."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.prevention import clocks
from yingji.prevention.models import Enterprise, Hazard

DEADLINE = dt.date(2026, 6, 30)


def _hazard(state="rectifying", deadline=DEADLINE, **fields):
    return Hazard(name="隐患", state=state, deadline=deadline, **fields)


@pytest.mark.parametrize(("today", "state", "text"), [
    (dt.date(2026, 6, 1), "running", "剩余 29 天"),
    (dt.date(2026, 6, 26), "running", "剩余 4 天"),
    (dt.date(2026, 6, 27), "amber", "剩余 3 天"),
    (dt.date(2026, 6, 30), "amber", "今天到期"),
    (dt.date(2026, 7, 1), "overdue", "逾期 1 天"),
])
def test_the_clock_on_driven_dates(today, state, text):
    clock = clocks.clock_of(_hazard(), today)
    assert (clock.state, clock.text) == (state, text)
    assert clock.label == {"running": "正常", "amber": "临期", "overdue": "逾期"}[state]


def test_no_clock_before_the_order_or_after_closing():
    assert clocks.clock_of(_hazard(state="verified"), dt.date(2026, 7, 1)) is None
    assert clocks.clock_of(_hazard(state="closed"), dt.date(2026, 7, 1)) is None
    assert clocks.clock_of(_hazard(deadline=None), dt.date(2026, 7, 1)) is None


def test_the_amber_days_are_configurable(monkeypatch):
    monkeypatch.setenv("YINGJI_HAZARD_CLOCKS", '{"amber_days": 7}')
    clocks.get_config.cache_clear()
    try:
        assert clocks.clock_of(_hazard(), dt.date(2026, 6, 23)).state == "amber"
        assert clocks.clock_of(_hazard(), dt.date(2026, 6, 22)).state == "running"
    finally:
        monkeypatch.delenv("YINGJI_HAZARD_CLOCKS")
        clocks.get_config.cache_clear()


@pytest.mark.django_db
def test_amber_and_red_on_the_pages_and_in_the_inbox(client, users):
    today = timezone.localdate()
    own = Enterprise.objects.get(code="QY-HX-01")
    amber = Hazard.objects.create(name="临期隐患", enterprise=own, region=own.region, state="rectifying",
                                  deadline=today + dt.timedelta(days=2), grade="major", supervision="city",
                                  supervising_body="遂宁市安委会")
    red = Hazard.objects.create(name="逾期隐患", enterprise=own, region=own.region, state="ordered",
                                deadline=today - dt.timedelta(days=5))
    client.force_login(users["commander"])
    page = client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": amber.uuid})).content.decode()
    assert 'class="badge text-bg-warning hazard-clock" data-clock="amber"' in page and "临期 · 剩余 2 天" in page
    page = client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": red.uuid})).content.decode()
    assert 'class="badge text-bg-danger hazard-clock" data-clock="overdue"' in page and "逾期 · 逾期 5 天" in page
    dashboard = client.get(reverse("prevention:dashboard")).content.decode()
    overdue_list = dashboard.split('id="overdue"')[1].split('id="supervised"')[0]
    assert 'class="badge text-bg-danger hazard-clock" data-clock="overdue"' in overdue_list
    supervision = client.get(reverse("prevention:supervision")).content.decode()
    row = supervision.split(f'data-hazard="{amber.code}"')[1].split("</tr>")[0]
    assert 'data-clock="amber"' in row and "遂宁市安委会" in row
    client.force_login(users["enterprise"])
    inbox = client.get("/todo/").content.decode()
    assert "整改中 · 临期" in inbox.split("临期隐患")[0].rsplit("todo-item", 1)[1]
    assert "已下达整改 · 逾期" in inbox.split("逾期隐患")[0].rsplit("todo-item", 1)[1]


@pytest.mark.django_db
def test_the_supervision_list_is_for_leaders_by_level_and_linked_from_the_dashboard(client, users):
    client.force_login(users["commander"])
    page = client.get(reverse("prevention:supervision")).content.decode()
    levels = [page.index(f'data-level="{level}"') for level in ("province", "city", "district")]
    assert levels == sorted(levels)
    open_supervised = Hazard.objects.filter(grade="major").exclude(supervision="none").exclude(state="closed")
    assert open_supervised.exists() and all(f'data-hazard="{h.code}"' in page for h in open_supervised)
    closed = Hazard.objects.exclude(supervision="none").filter(state="closed").first()
    assert f'data-hazard="{closed.code}"' not in page
    assert 'id="supervision-link"' in client.get(reverse("prevention:dashboard")).content.decode()
    for name in ("inspector", "grid-guihua-01", "enterprise"):
        client.force_login(users[name])
        assert client.get(reverse("prevention:supervision")).status_code == 403
    client.force_login(users["inspector"])
    assert 'id="supervision-link"' not in client.get(reverse("prevention:dashboard")).content.decode()
