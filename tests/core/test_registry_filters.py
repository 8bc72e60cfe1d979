"""List pages filter by the registry's filter fields, and the Excel export gives exactly what the page shows."""

import io

import openpyxl

from yingji.resources.models import RescueTeam


def test_team_list_filters_by_type_and_the_export_matches(client, users):
    client.force_login(users["commander"])
    page = client.get("/r/resources/teams/", {"team_type": "social"}).content.decode()
    social = RescueTeam.objects.filter(team_type="social").count()
    assert 0 < social < RescueTeam.objects.count()
    assert f"共 {social} 条" in page
    assert '<option value="social" selected>社会/民间救援队伍</option>' in page
    exported = client.get("/r/resources/teams/export.xlsx", {"team_type": "social"})
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    assert sheet.max_row - 1 == social  # header row + one row per team on the page


def test_an_unknown_filter_value_is_ignored_not_an_error(client, users):
    client.force_login(users["commander"])
    response = client.get("/r/resources/teams/", {"team_type": "no-such-type", "readiness": "'; drop"})
    assert response.status_code == 200
    assert f"共 {RescueTeam.objects.count()} 条" in response.content.decode()


def test_a_blank_choice_is_not_a_filter_when_nothing_is_chosen(users, monkeypatch):
    """A field with a "" choice (say "未分类") must not filter the list down to blanks when no filter is given."""
    from yingji.core import registry_filters
    from yingji.core.registry import registry_for

    registry = registry_for(RescueTeam)
    monkeypatch.setattr(registry_filters, "_options", lambda field, user: [("", "未分类"), ("x", "其他")])
    everything = RescueTeam.objects.all()
    filtered, _filters = registry_filters.apply_filters(registry, everything, {}, users["commander"])
    assert filtered.count() == everything.count() > 0
