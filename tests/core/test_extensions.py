"""The extension points of core.extensions: what an app contributes shows up (or runs) in the host that reads it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yingji.core import extensions as ext
from yingji.core.demo_loading import load_demo
from yingji.core.worker import run_due, work_once


@pytest.fixture
def contribute():
    """contribute(point, entry): add an entry for this test only."""
    added = []

    def add(point, entry):
        added.append((point, entry.key, point.get(entry.key)))
        return point.add(entry)

    yield add
    for point, key, previous in reversed(added):
        point.remove(key)
        if previous is not None:
            point.add(previous)


@dataclass(frozen=True)
class Thing:
    key: str
    order: int = 100


def test_entries_are_typed_kept_by_key_and_ordered():
    point = ext.ExtensionPoint("things", Thing)
    point.add(Thing("b"))
    point.add(Thing("a"))
    point.add(Thing("first", order=0))
    point.add(Thing("b", order=100))  # the same key again replaces, in place
    assert [t.key for t in point] == ["first", "b", "a"] and len(point) == 3 and "a" in point
    with pytest.raises(TypeError, match="things takes Thing"):
        point.add(ext.NavItem("g", "t", "web:home"))


def test_no_two_apps_contribute_the_same_key():
    """Two apps adding one key (both drills and plans once provided indicator 3.5): the later silently replaced the
    other, and each app's tests checked a figure the platform may not have shown."""
    points = [value for value in vars(ext).values() if isinstance(value, ext.ExtensionPoint)]
    contested = [(point.name, *clash) for point in points for clash in point.contested
                 if clash[1].startswith("yingji.") and clash[2].startswith("yingji.")]
    assert len(points) >= 11 and contested == []


def test_a_contributed_menu_entry_shows_only_to_roles_with_its_permission(client, users, contribute):
    contribute(ext.NAVIGATION, ext.NavItem("测试分组", "贡献的页面", "incidents:board", "incidents.view_incident"))
    client.force_login(users["duty"])
    assert "贡献的页面" in client.get("/").content.decode()
    client.force_login(users["auditor"])
    assert "贡献的页面" not in client.get("/").content.decode()


def test_a_menu_entry_to_a_missing_route_is_left_out_instead_of_breaking_pages(client, users, contribute):
    contribute(ext.NAVIGATION, ext.NavItem("测试分组", "不存在的页面", "nowhere:page"))
    client.force_login(users["duty"])
    response = client.get("/")
    assert response.status_code == 200 and "不存在的页面" not in response.content.decode()


@pytest.fixture
def incident(users, regions):
    from yingji.incidents import services

    now = timezone.now()
    return services.create_incident(actor=users["duty"], now=now, data={
        "type_code": "flood", "name": "扩展点测试事件", "occurred_at": now - timedelta(minutes=10),
        "received_at": now, "statement": "测试", "lon": 105.58, "lat": 30.52})


def test_an_incident_panel_is_drawn_with_its_context_and_left_out_when_it_says_none(client, users, incident,
                                                                                    contribute, tmp_path, settings):
    template = tmp_path / "panel.html"
    template.write_text('<section id="test-panel">{{ panel_text }} {{ incident.code }}</section>', encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    contribute(ext.INCIDENT_PANELS, ext.IncidentPanel(
        "test.panel", "panel.html", lambda user, inc: {"panel_text": "贡献面板"} if user.username == "duty" else None,
        links=lambda user, inc: [("贡献按钮", "/somewhere/", "test-link")]))
    url = reverse("incidents:detail", kwargs={"uuid": incident.uuid})
    client.force_login(users["duty"])
    page = client.get(url).content.decode()
    assert f'<section id="test-panel">贡献面板 {incident.code}</section>' in page
    assert 'id="test-link" href="/somewhere/">贡献按钮</a>' in page
    client.force_login(users["commander"])
    assert 'id="test-panel"' not in client.get(url).content.decode()


def test_a_desk_panel_is_drawn_on_the_duty_desk_and_left_out_when_it_says_none(client, users, contribute, tmp_path,
                                                                              settings):
    template = tmp_path / "desk_panel.html"
    template.write_text('<section id="test-desk">{{ panel_text }} {{ now|date:"Y" }}</section>', encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    contribute(ext.DESK_PANELS, ext.DeskPanel("test.desk", "desk_panel.html",
                                              lambda user, now: {"panel_text": "值班台面板"} if user.username == "duty"
                                              else None))
    client.force_login(users["duty"])
    page = client.get(reverse("duty:desk")).content.decode()
    assert f'<section id="test-desk">值班台面板 {timezone.now().year}</section>' in page
    client.force_login(users["commander"])
    response = client.get(reverse("duty:desk"))
    assert response.status_code == 200 and 'id="test-desk"' not in response.content.decode()


def test_the_board_feed_carries_each_contributed_section(client, users, incident, contribute):
    contribute(ext.BOARD_PANELS, ext.BoardPanel("test_section", lambda user, active, now: [i.code for i in active]))
    client.force_login(users["duty"])
    feed = client.get(reverse("incidents:board-data")).json()
    assert incident.code in feed["test_section"]
    assert "responses" in feed  # the plans app's section


def test_a_review_section_appears_on_the_page_and_in_the_docx(client, users, incident, contribute, tmp_path,
                                                              settings):
    import io

    from docx import Document

    from yingji.incidents.exports import review_docx

    template = tmp_path / "section.html"
    template.write_text('<section id="test-section">{{ figure }}</section>', encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    contribute(ext.REVIEW_SECTIONS, ext.ReviewSection("test.section", "section.html", lambda inc: {"figure": "42 项"},
                                                      docx_blocks=lambda inc: ["贡献的评估段落。"]))
    client.force_login(users["commander"])
    page = client.get(reverse("incidents:review", kwargs={"uuid": incident.uuid})).content.decode()
    assert '<section id="test-section">42 项</section>' in page
    paragraphs = [p.text for p in Document(io.BytesIO(review_docx(incident))).paragraphs]
    assert "贡献的评估段落。" in paragraphs


def test_a_contributed_timeline_kind_is_a_valid_choice_and_offered_in_the_filter(client, users, incident, contribute):
    from yingji.incidents import timeline

    contribute(ext.TIMELINE_KINDS, ext.TimelineKind("drill", "演练", "◎"))
    entry = timeline.write(incident, kind="drill", title="演练记录")
    entry.full_clean()
    assert entry.get_kind_display() == "演练"
    client.force_login(users["duty"])
    page = client.get(reverse("incidents:detail", kwargs={"uuid": incident.uuid})).content.decode()
    assert '<option value="drill">演练</option>' in page
    assert '<option value="dispatch">调度</option>' in page  # the plans app's kinds


def test_an_unregistered_timeline_kind_is_refused(incident):
    from django.core.exceptions import ValidationError

    from yingji.incidents import timeline

    entry = timeline.write(incident, kind="nonsense", title="?")
    with pytest.raises(ValidationError):
        entry.full_clean()


def test_the_to_do_inbox_lists_a_report_for_a_signer_but_not_for_its_author(users, incident):
    from yingji.incidents.reporting import create_report
    from yingji.incidents.workflows import fire_report

    report = create_report(incident, actor=users["duty"], kind="initial",
                           data={"figures": {"relocated": 8}, "texts": {"course": "河水上涨"}})
    fire_report(report, "submit", actor=users["duty"])
    for_author = dict((p.key, items) for p, items in ext.todo_items(users["duty"]))
    for_signer = dict((p.key, items) for p, items in ext.todo_items(users["commander"]))
    assert not any(report.incident.name in item.title for item in for_author.get("incidents.reports_to_sign", []))
    mine = [item for item in for_signer["incidents.reports_to_sign"] if incident.name in item.title]
    assert mine and mine[0].url == reverse("incidents:report", kwargs={"uuid": report.uuid})
    assert mine[0].kind == "签发报告"


def test_indicators_computed_by_their_apps(users):
    codes = [indicator.code for indicator in ext.INDICATORS]
    assert {"2.5", "2.6", "2.7", "3.4"} <= set(codes)
    shelters = ext.INDICATORS.get("2.7").compute(users["commander"])
    assert shelters["of"] == 24 and 0 <= shelters["value"] <= 24 and shelters["url"]
    township = ext.INDICATORS.get("2.7").compute(users["township-guihua"])
    assert township["of"] == 1, "a township officer's figure covers the township only"


def test_a_contributed_map_layer_is_listed_and_served(api, users, contribute):
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.5, 30.5]},
               "properties": {"name": "测试点"}}
    contribute(ext.MAP_LAYERS, ext.MapLayer("test-layer", "测试图层", "测试", lambda user, bbox, params: [feature],
                                            permission="incidents.view_incident"))
    client = api(users["duty"])
    assert "test-layer" in [layer["slug"] for layer in client.get("/api/onemap/layers/").json()]
    assert client.get("/api/onemap/layers/test-layer/").json()["features"] == [feature]
    assert api(users["auditor"]).get("/api/onemap/layers/test-layer/").status_code == 403


def test_the_worker_runs_each_step_and_each_due_hook_once_per_interval(db, contribute):
    calls = []
    contribute(ext.WORKER_STEPS, ext.WorkerStep("test.step", lambda now: calls.append(("step", now)) or 0))
    hook = contribute(ext.PERIODIC_HOOKS, ext.PeriodicHook("test.hook", lambda: calls.append("hook"), every_seconds=60))
    work_once(now=timezone.now())
    assert calls and calls[0][0] == "step" and "hook" not in calls, "a driven clock runs no periodic hooks"
    clock = [1000.0]
    assert "test.hook" in run_due(clock=lambda: clock[0])
    clock[0] = 1059.0
    assert "test.hook" not in run_due(clock=lambda: clock[0])
    clock[0] = 1061.0
    assert "test.hook" in run_due(clock=lambda: clock[0]) and calls.count("hook") == 2
    hook.last_run = float("-inf")


def test_a_failing_hook_does_not_stop_the_others(contribute):
    ran = []
    contribute(ext.PERIODIC_HOOKS, ext.PeriodicHook("test.broken", lambda: 1 / 0, every_seconds=1))
    contribute(ext.PERIODIC_HOOKS, ext.PeriodicHook("test.fine", lambda: ran.append(1), every_seconds=1))
    assert "test.fine" in run_due(clock=lambda: 10.0 ** 9) and ran == [1]


def test_demo_loaders_run_in_order_in_one_transaction(db, monkeypatch):
    import yingji.core.demo_loading as demo_loading
    from yingji.core.events import publish
    from yingji.core.models import OutboxEvent

    calls = []

    def later(progress):
        calls.append("later")
        publish("test.demo_loaded", {})

    point = ext.ExtensionPoint("demo_loaders", ext.DemoLoader)
    point.add(ext.DemoLoader("later", later, order=50))
    point.add(ext.DemoLoader("base", lambda progress: calls.append("base"), order=0))
    point.add(ext.DemoLoader("broken", lambda progress: 1 / 0, order=99))
    monkeypatch.setattr(demo_loading, "DEMO_LOADERS", point)
    with pytest.raises(ZeroDivisionError):
        load_demo(force=True, progress=lambda message: None)
    assert calls == ["base", "later"]
    assert not OutboxEvent.objects.filter(kind="test.demo_loaded").exists(), "a failing loader leaves nothing"
    assert [loader.key for loader in ext.DEMO_LOADERS][:2] == ["base", "resources"]


def test_a_record_panel_and_its_button_show_on_that_models_detail_page_only(client, users, contribute, tmp_path,
                                                                             settings):
    from yingji.core.registry import REGISTRIES

    template = tmp_path / "record_panel.html"
    template.write_text('<section id="test-record-panel">{{ panel_text }} {{ record.name }}</section>', "utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    teams, depots = REGISTRIES["resources-teams"], REGISTRIES["resources-depots"]
    contribute(ext.RECORD_PANELS, ext.RecordPanel(
        "test.record", "resources.rescueteam", "record_panel.html", lambda user, record: {"panel_text": "记录面板"},
        links=lambda user, record: [("记录按钮", f"/t/{record.uuid}/", "test-record-link")]))
    team, depot = teams.model.objects.first(), depots.model.objects.first()
    client.force_login(users["commander"])
    page = client.get(reverse(teams.url_name("detail"), kwargs={"uuid": team.uuid})).content.decode()
    assert f'<section id="test-record-panel">记录面板 {team.name}</section>' in page
    assert f'id="test-record-link" href="/t/{team.uuid}/">记录按钮</a>' in page
    other = client.get(reverse(depots.url_name("detail"), kwargs={"uuid": depot.uuid})).content.decode()
    assert "test-record-panel" not in other and "test-record-link" not in other


def test_contributed_offline_pages_are_listed_for_the_user_within_their_scope(client, users, contribute):
    contribute(ext.OFFLINE_PAGES, ext.OfflinePages(
        "test.offline", "/testscope/", lambda user: [f"/testscope/{user.username}/", "/elsewhere/", "//evil/"]))
    client.force_login(users["commander"])
    body = client.get(reverse("web:offline-pages")).json()
    assert "/testscope/" in body["scopes"] and "/testscope/commander/" in body["pages"]
    assert "/elsewhere/" not in body["pages"] and "//evil/" not in body["pages"]


def test_code_references_resolve_within_the_viewers_reach_and_search_for_a_picker(users):
    """CODE_REFERENCES: monitoring answers for its stations (code or device id), prevention for its enterprises; a
    user sees only what they may read, `None` (a model's own check) everything."""
    from yingji.monitoring.models import Station

    stations = ext.CODE_REFERENCES.get("monitoring.station")
    assert stations is not None and ext.CODE_REFERENCES.get("prevention.enterprise") is not None
    elsewhere = Station.objects.exclude(region__name="桂花镇").order_by("code").first()
    found = stations.resolve(None, [elsewhere.code, elsewhere.device_id, "NOPE"])
    assert set(found) == {elsewhere.code, elsewhere.device_id}
    assert found[elsewhere.code]["url"] == reverse("monitoring:station", kwargs={"uuid": elsewhere.uuid})
    assert stations.resolve(users["township-guihua"], [elsewhere.code]) == {}
    assert all("桂花镇" in row["name"] for row in stations.search(users["township-guihua"], "雨量站", 20))
