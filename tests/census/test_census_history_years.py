"""The 历史灾害 register's earlier years count in the plan's 年均 indicators 2.1 and 2.2, which stay the incidents
app's (census hands the years over through core.extensions.DISASTER_YEARS and registers no second provider). An
entry linked to an incident the incident register holds is counted once, from the incident."""

import pytest
from django.utils import timezone

from yingji.core import extensions as ext
from yingji.demo.townships import township
from yingji.incidents.indicators import affected_rate, disaster_deaths, yearly
from yingji.indicators.catalogue import BY_CODE
from yingji.indicators.status import evaluate

pytestmark = pytest.mark.django_db


def _entry(client, **changes):
    data = {"name": "测试历史洪涝", "year": timezone.localdate().year - 30, "disaster_type": "rainstorm_flood",
            "region": township("桂花镇").code, "affected_people": 4000, "deaths": 3, **changes}
    response = client.post("/api/census/historical-disasters/", data, format="json")
    assert response.status_code == 201, response.content.decode()
    return response.json()


def test_census_provides_past_years_not_the_indicators_themselves():
    assert "census.historical-disasters" in ext.DISASTER_YEARS
    assert ext.INDICATORS.get("2.1").compute.__module__ == "yingji.incidents.indicators"
    assert ext.INDICATORS.get("2.2").compute.__module__ == "yingji.incidents.indicators"


def test_an_older_disaster_widens_the_years_and_counts_in_the_annual_mean(api, users):
    commander, year = users["commander"], timezone.localdate().year - 30
    _entry(api(commander))
    years = yearly(commander)
    assert min(years) == year and max(years) == timezone.localdate().year  # every year between counts
    assert years[year] == {"dead": 3, "affected": 4000}
    affected, deaths = affected_rate(commander), disaster_deaths(commander)
    population = affected["denominator"]
    total = sum(y["affected"] for y in affected["years"])
    assert affected["value"] == pytest.approx(round(total / len(years) * 100_000 / population, 2))
    assert deaths["value"] == pytest.approx(
        round(sum(y["dead"] for y in deaths["years"]) / len(years) * 1_000_000 / population, 2))
    row = evaluate(BY_CODE["2.2"], commander)  # what the indicators page and the dashboard show
    assert row["value"] == affected["value"] and "历史灾害" in row["formula"]


def test_an_entry_of_an_incident_on_record_is_counted_once(api, users):
    from yingji.incidents.models import Incident

    commander = users["commander"]
    rainstorm = Incident.objects.get(code="SJ20200813-0001")
    before = yearly(commander).get(rainstorm.occurred_at.year, {"affected": 0})["affected"]
    _entry(api(commander), year=rainstorm.occurred_at.year, incident_code=rainstorm.code, affected_people=15144)
    assert yearly(commander)[rainstorm.occurred_at.year]["affected"] == before  # the incident's own figure
    _entry(api(commander), year=rainstorm.occurred_at.year, name="未建事件的同年灾害", affected_people=77)
    assert yearly(commander)[rainstorm.occurred_at.year]["affected"] == before + 77


def test_a_township_officer_counts_only_their_townships_entries(api, users):
    year = timezone.localdate().year - 30
    _entry(api(users["commander"]), region=township("龙凤镇").code, affected_people=999)
    assert year not in yearly(users["township-guihua"])
    _entry(api(users["commander"]), affected_people=500)
    assert yearly(users["township-guihua"])[year]["affected"] == 500
