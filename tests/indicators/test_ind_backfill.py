"""补录: a computed indicator's figure for a past year, with who, when and where it comes from, in the audit log;
the history reads it; a year the worker recorded is never overwritten."""

import json

import pytest
from django.utils import timezone

from yingji.core.models import AuditEntry
from yingji.indicators.models import IndicatorSnapshot

pytestmark = pytest.mark.django_db
PAGE = "/indicators/backfill/"


def _post(client, user, **fields):
    client.force_login(user)
    return client.post(PAGE, fields)


def _data(regions, **fields):
    return {"code": "3.3", "region": regions["district"].code, "year": timezone.localdate().year - 2,
            "value": "81.5", "of": "", "source": "2021年度培训台账", **fields}


def test_a_back_filled_year_is_kept_with_its_source_audited_and_read_by_the_history(client, users, regions, api):
    commander = users["commander"]
    year = timezone.localdate().year - 2
    response = _post(client, commander, **_data(regions))
    assert response.status_code == 302
    shot = IndicatorSnapshot.objects.get(indicator="3.3", year=year, region=regions["district"])
    assert (shot.value, shot.status, shot.source, shot.entered_by) == (81.5, "not_met", "2021年度培训台账", commander)
    page = client.get(PAGE).content.decode()
    assert "2021年度培训台账" in page and "81.5" in page and "未达标" in page
    years = api(commander).get("/api/indicators/3.3/history/").json()["years"]
    assert {"year": year, "value": 81.5, "source": "backfill"} in years

    # corrected: the audit log has both, the second with the figure before it
    _post(client, commander, **_data(regions, value="100", source="2021年度培训台账（更正）"))
    shot.refresh_from_db()
    assert (shot.value, shot.status) == (100, "met")
    entries = AuditEntry.objects.filter(model="indicators.IndicatorSnapshot", object_id=str(shot.pk)).order_by("at")
    assert [e.action for e in entries] == ["create", "update"] and {e.actor_name for e in entries} == {"commander"}
    assert json.loads(entries[1].before)["value"] == 81.5
    assert json.loads(entries[1].after)["source"] == "2021年度培训台账（更正）"


@pytest.mark.parametrize("fields, code", [
    ({"year": "this"}, "invalid_year"), ({"year": 2019}, "invalid_year"), ({"source": " "}, "source_required"),
    ({"code": "1.1"}, "not_computed"), ({"code": "9.9"}, "unknown_indicator"), ({"value": "-1"}, "invalid_value"),
    ({"region": "nowhere"}, "invalid_region"),
])
def test_bad_input_is_refused_with_its_message_and_nothing_saved(client, users, regions, fields, code):
    if fields.get("year") == "this":
        fields = {"year": timezone.localdate().year}  # this year is computed, not back-filled
    response = _post(client, users["commander"], **_data(regions, **fields))
    assert response.status_code == 400 and f'data-error-code="{code}"' in response.content.decode()
    assert not IndicatorSnapshot.objects.filter(entered_by__isnull=False).exists()


def test_a_year_the_worker_recorded_is_not_overwritten(client, users, regions):
    year = timezone.localdate().year - 1
    IndicatorSnapshot.objects.create(indicator="3.3", year=year, region=regions["district"], value=90,
                                     status="not_met", computed_at=timezone.now())
    response = _post(client, users["commander"], **_data(regions, year=year))
    assert response.status_code == 409 and "不能补录覆盖" in response.content.decode()
    assert IndicatorSnapshot.objects.get(indicator="3.3", year=year, region=regions["district"]).value == 90


def test_only_the_director_role_back_fills(client, users, regions):
    for name in ("duty", "township-guihua"):
        assert _post(client, users[name], **_data(regions)).status_code == 403
    assert not IndicatorSnapshot.objects.filter(entered_by__isnull=False).exists()


def test_the_trend_page_lists_the_years_with_their_source(client, users, regions):
    year = timezone.localdate().year - 2
    _post(client, users["commander"], **_data(regions))
    page = client.get("/indicators/trend/3.3/").content.decode()
    assert f'<tr data-year="{year}"><td>{year}</td><td>81.5</td><td>补录</td>' in page
    assert client.get("/indicators/trend/9.9/").status_code == 404
