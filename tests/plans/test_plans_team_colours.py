"""Dispatched teams on the board and the one-map are drawn in the teams' colours, never in a grade's (issue 14 §22:
they were red, the legend's 特别重大)."""

import pytest

from yingji.plans import dispatch
from yingji.plans.layers import EN_ROUTE_COLOUR, ON_SCENE_COLOUR
from yingji.plans.workflows import TEAM_FLOW, fire
from yingji.resources.models import RescueTeam
from yingji.standards import Grade

from .conftest import NOW

pytestmark = pytest.mark.django_db
GRADE_COLOURS = {g.hex.upper() for g in Grade}


def test_a_team_on_the_way_and_on_scene(api, flood, users):
    commander = users["commander"]
    order = dispatch.dispatch_team(actor=commander, incident=flood, team=RescueTeam.objects.get(code="TEAM-S001"),
                                   now=NOW)
    layer = api(commander).get("/api/onemap/layers/dispatched-teams/").json()["features"]
    assert {f["properties"]["colour"] for f in layer} == {EN_ROUTE_COLOUR}
    for event in ("respond", "depart", "arrive"):
        order = fire(TEAM_FLOW, order, event, actor=commander)
    layer = api(commander).get("/api/onemap/layers/dispatched-teams/").json()["features"]
    assert {f["properties"]["colour"] for f in layer} == {ON_SCENE_COLOUR}
    assert {EN_ROUTE_COLOUR.upper(), ON_SCENE_COLOUR.upper()}.isdisjoint(GRADE_COLOURS)
