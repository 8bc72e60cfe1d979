"""The commander's live transfer page keeps its tally between changes (census.evacuation.tallied): a change
re-counts its household's village only, in a fixed number of queries whatever the number of households, and the
kept figures are always the ones a full recount gives — after marks, corrections, a household registered since, or
a mark the kept tally missed (a transaction committed out of id order)."""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yingji.census import evacuation
from yingji.census.models import Household, Transfer, TransferMark
from yingji.core.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_transfer(live_incident):
    return Transfer.objects.create(code=f"ZY-T-{uuid.uuid4().hex[:6]}", name="全区转移", incident=live_incident,
                                   region=Region.objects.get(level=1))


def _figures(transfer, user, keep):
    figures = evacuation.progress(transfer, user, keep=keep)
    return (figures["total"].as_dict(), [v.as_dict() for v in figures["villages"]], figures["inside_count"],
            [(h.code, state) for h, state in figures["inside"]], figures["shelters"])


def _mark(api, users, transfer, household, mark):
    response = api(users["commander"]).post(f"/api/census/transfers/{transfer.uuid}/marks/", {
        "household": household.code, "mark": mark, "submission_key": str(uuid.uuid4())}, format="json")
    assert response.status_code == 201, response.content


def test_the_kept_tally_always_matches_a_full_recount(api, users, district_transfer, guihua_household):
    commander = users["commander"]
    households = list(district_transfer.households().order_by("code")[:6])
    assert _figures(district_transfer, commander, True) == _figures(district_transfer, commander, False)
    for household, mark in zip(households, ("transferred", "refused", "not_found", "transferred", "transferred",
                                            "refused"), strict=True):
        _mark(api, users, district_transfer, household, mark)
        assert _figures(district_transfer, commander, True) == _figures(district_transfer, commander, False)
    _mark(api, users, district_transfer, households[0], "returned")  # a correction: leaves 已转移
    kept = _figures(district_transfer, commander, True)
    assert kept == _figures(district_transfer, commander, False) and kept[0]["returned"] == 1

    # a household registered since the last re-render is counted (the households' signature changed)
    newcomer = Household.objects.get(pk=guihua_household.pk)
    newcomer.pk, newcomer.uuid, newcomer.code, newcomer.name = None, uuid.uuid4(), "HH-LIVE-NEW", "新登记户"
    newcomer.save()
    kept = _figures(district_transfer, commander, True)
    assert kept == _figures(district_transfer, commander, False)
    assert kept[0]["households"] == district_transfer.households().count()

    # a mark the kept tally did not see (committed after a newer one was read): the count tells, all is re-read
    tally = evacuation.tallied(district_transfer, commander)
    late = TransferMark.objects.create(transfer=district_transfer, household=households[5], mark="transferred",
                                       people=households[5].members)
    tally.last_mark = late.pk  # as if a newer mark had been read already: only the count can tell
    assert _figures(district_transfer, commander, True) == _figures(district_transfer, commander, False)


def test_a_change_costs_the_live_page_a_fixed_number_of_queries(api, users, district_transfer, client):
    client.force_login(users["commander"])
    page = client.get(f"/census/transfers/{district_transfer.uuid}/").content.decode()
    live = re.search(r'id="transfer-live" hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")
    households = list(district_transfer.households().order_by("code")[:3])
    counts = []
    for household in households:
        _mark(api, users, district_transfer, household, "transferred")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(live)
        assert response.status_code == 200
        counts.append(len(captured))
        live = re.search(r'hx-get="([^"]+)"', response.content.decode()).group(1).replace("&amp;", "&")
    # session, user, transfer, the stamp (2), the households' signature, the new marks, their count, the shelters
    assert counts == [9, 9, 9], counts
    assert f'data-household="{households[0].code}"' not in response.content.decode()
