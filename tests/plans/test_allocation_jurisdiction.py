"""Allocation and dispatch advice within reach (issue 12 §2): a township officer's allocation draws on the
township's own depots and on the district's reserves (declared in resources.models.Depot), never on another
township's; the district sees every depot."""

from datetime import timedelta
from decimal import Decimal

import pytest

from yingji.core.models import Region
from yingji.incidents.services import create_incident
from yingji.resources.models import Depot, Material
from yingji.resources.services import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def guihua_flood(users, now):
    guihua = Region.objects.get(name="桂花镇")
    return create_incident(actor=users["duty"], now=now, data={
        "type_code": "1.1.1", "occurred_at": now - timedelta(minutes=30), "received_at": now - timedelta(minutes=5),
        "lon": guihua.lon, "lat": guihua.lat, "statement": "桂花镇场镇积水"})


@pytest.fixture
def tents(db):
    """A material that only 龙凤镇's depot and the district's reserve hold."""
    material = Material.objects.create(code="1999998", name="测试帐篷", gb_code="1999998", use="living", unit="顶",
                                       region=Region.objects.get(level=1))
    for code in ("DEP-T100", "DEP-D01"):  # 龙凤镇应急物资储备站, 船山区应急救灾物资储备库
        receive(actor=None, depot=Depot.objects.get(code=code), material=material, quantity=Decimal("100"))
    return material


def _depots(response):
    assert response.status_code == 200, response.content.decode()
    return {line["depot"] for line in response.json()["lines"]}


def test_a_township_allocation_never_draws_on_another_townships_depot(users, api, guihua_flood, tents):
    url = f"/api/plans/incidents/{guihua_flood.uuid}/allocate/"
    body = {"demand": {tents.code: 150}}
    township = api(users["township-guihua"]).post(url, body, format="json")
    assert _depots(township) == {"DEP-D01"} and "DEP-T100" not in township.content.decode()
    assert township.json()["shortfalls"][0]["quantity"] == 50  # what the township may not take from 龙凤镇
    assert _depots(api(users["commander"]).post(url, body, format="json")) == {"DEP-D01", "DEP-T100"}


def test_a_material_only_another_township_holds_is_unavailable_to_a_township(users, api, guihua_flood, tents):
    Depot.objects.get(code="DEP-D01").batches.filter(material=tents).update(reserved=Decimal("100"))  # all held
    response = api(users["township-guihua"]).post(f"/api/plans/incidents/{guihua_flood.uuid}/allocate/",
                                                  {"demand": {tents.code: 10}}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "material_unavailable"
    assert "DEP-T100" not in response.content.decode() and "龙凤镇" not in response.content.decode()
