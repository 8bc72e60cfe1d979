"""Stock moves stay within reach (issue 12 §2): a township officer cannot transfer into another township's depot
(API, page, service), and the move page offers only the township's depots."""

from decimal import Decimal

import lxml.html
import pytest

from yingji.core.errors import PermissionDeniedError
from yingji.resources import services
from yingji.resources.models import Depot, Material, StockBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocked():
    """桂花镇's station with 100 编织袋; 龙凤镇's station."""
    ours, theirs = Depot.objects.get(code="DEP-T105"), Depot.objects.get(code="DEP-T100")
    bags = Material.objects.get(code="3010101")
    services.receive(actor=None, depot=ours, material=bags, quantity=Decimal(100), batch_no="JUR-1")
    return ours, theirs, bags


def _held(depot, material):
    return sum((b.quantity for b in StockBatch.objects.filter(depot=depot, material=material)), Decimal(0))


def test_a_township_officer_cannot_transfer_into_another_townships_depot(users, api, client, stocked):
    ours, theirs, bags = stocked
    officer = users["township-guihua"]
    before = _held(theirs, bags)
    body = {"kind": "transfer", "depot": ours.code, "to_depot": theirs.code, "material": bags.code, "quantity": "5"}
    response = api(officer).post("/api/resources/stock-movements/", body, format="json")
    error = response.json()["error"]
    assert response.status_code == 403 and error["code"] == "outside_jurisdiction" and "to_depot" in error["fields"]

    client.force_login(officer)
    page = client.post("/resources/stock/move/", {**body, "confirm": "1"})
    assert page.status_code == 400 and "不在您的管辖范围内" in page.content.decode()
    with pytest.raises(PermissionDeniedError):
        services.transfer(actor=officer, depot=ours, to_depot=theirs, material=bags, quantity=Decimal(5))
    assert _held(theirs, bags) == before and _held(ours, bags) >= 100


def test_the_move_page_offers_only_the_townships_depots(users, client, regions):
    client.force_login(users["township-guihua"])
    page = lxml.html.fromstring(client.get("/resources/stock/move/").content.decode())
    offered = set(page.xpath('//select[@name="depot"]/option/@value')) | {
        v for v in page.xpath('//select[@name="to_depot"]/option/@value') if v}
    township = set(Depot.objects.filter(region__path__startswith=regions["guihua"].path).values_list("code", flat=True))
    assert offered and offered <= township
