"""One colour language on every map and legend (issue 14 §15, §22): incident grades and warning levels are red,
orange, yellow and blue (特别重大/一级 red … 一般/四级 blue, shared/STANDARDS.md §1); warnings are drawn one shape per
warning in their level's colour; teams, resources and places use colours nobody could read as a grade."""

import colorsys

import pytest

from yingji.core.extensions import MAP_LAYERS
from yingji.standards import Grade
from yingji.standards.warnings import WarningLevel

pytestmark = pytest.mark.django_db
GRADE_COLOURS = {g.hex.upper() for g in Grade}
GRADED_LAYERS = {"incidents", "alerts-in-force"}  # coloured by grade or level on purpose


def _hsv(colour: str):
    colour = colour.lstrip("#")
    return colorsys.rgb_to_hsv(*(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)))


def looks_like_a_grade(colour: str) -> bool:
    """A saturated, not dark colour whose hue is within 25° of red, orange, yellow or blue."""
    hue, saturation, value = _hsv(colour)
    if saturation < 0.3 or value < 0.45:
        return False  # greys, dark browns and near-black
    for grade in GRADE_COLOURS:
        distance = abs(hue - _hsv(grade)[0]) * 360
        if min(distance, 360 - distance) < 25:
            return True
    return False


def test_the_rule_itself():
    assert all(looks_like_a_grade(c) for c in GRADE_COLOURS | {"#d62828", "#f77f00", "#ff70a6", "#1982c4"})
    assert not any(looks_like_a_grade(c) for c in ("#2b9348", "#7b2cbf", "#6c757d", "#343a40", "#2a9d8f"))


def _graded(layer) -> bool:
    """A layer drawing a scale of grades or levels: its legend is the grade colours (and perhaps a grey)."""
    colours = {c.upper() for c, _label in layer.legend if looks_like_a_grade(c)}
    return bool(colours) and colours <= GRADE_COLOURS


def test_no_layer_but_grades_and_levels_looks_like_a_grade():
    clashes = []
    for layer in MAP_LAYERS:
        if layer.slug == "regions":
            continue
        allowed = GRADE_COLOURS if _graded(layer) else set()
        for colour in (layer.color, *(c for c, _label in layer.legend)):
            if looks_like_a_grade(colour) and colour.upper() not in allowed:
                clashes.append(f"{layer.slug}: {colour}")
    assert clashes == []


def test_graded_layers_show_the_grade_colours_in_their_legend():
    assert {layer.slug for layer in MAP_LAYERS if _graded(layer)} >= GRADED_LAYERS
    incidents = {c.upper() for c, _label in MAP_LAYERS.get("incidents").legend}
    assert incidents >= GRADE_COLOURS
    warnings = [c.upper() for c, _label in MAP_LAYERS.get("alerts-in-force").legend]
    assert warnings == [lv.hex.upper() for lv in (WarningLevel.LEVEL_1, WarningLevel.LEVEL_2, WarningLevel.LEVEL_3,
                                                   WarningLevel.LEVEL_4)]


def test_dispatched_teams_are_not_drawn_in_a_grade_colour():
    from yingji.plans.layers import EN_ROUTE_COLOUR, ON_SCENE_COLOUR

    layer = MAP_LAYERS.get("dispatched-teams")
    assert {EN_ROUTE_COLOUR, ON_SCENE_COLOUR} <= {c for c, _label in layer.legend}
    assert not looks_like_a_grade(EN_ROUTE_COLOUR) and not looks_like_a_grade(ON_SCENE_COLOUR)

