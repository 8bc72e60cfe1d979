import pytest

from yingji.standards import (
    MetSignal,
    ResponseLevel,
    StandardsError,
    WarningLevel,
    allowed_levels,
    configure,
    forest_fire_danger,
    forest_fire_danger_levels,
    geohazard_is_public,
    rainstorm_level,
    reset_config,
    validate_signal_level,
)

RED, ORANGE, YELLOW, BLUE = list(WarningLevel)


@pytest.fixture(autouse=True)
def _fresh_config():
    reset_config()
    yield
    reset_config()


def test_warning_levels_order_colours_and_cap():
    assert [(lv.label, lv.colour) for lv in WarningLevel] == [
        ("一级", "red"),
        ("二级", "orange"),
        ("三级", "yellow"),
        ("四级", "blue"),
    ]
    assert RED.severity > ORANGE.severity > YELLOW.severity > BLUE.severity
    assert [lv.cap_severity for lv in WarningLevel] == ["Extreme", "Severe", "Moderate", "Minor"]
    assert all(lv.hex.startswith("#") and len(lv.hex) == 7 for lv in WarningLevel)
    assert WarningLevel.parse("红色") is RED and WarningLevel.parse("orange") is ORANGE
    assert WarningLevel.parse("三级") is YELLOW and WarningLevel.parse("Ⅳ") is BLUE


def test_fourteen_signals():
    assert len(MetSignal) == 14
    assert MetSignal.parse("道路结冰预警信号") is MetSignal.ROAD_ICING
    assert MetSignal.parse("霾") is MetSignal.HAZE


def test_allowed_levels_per_signal():
    assert allowed_levels("rainstorm") == (BLUE, YELLOW, ORANGE, RED)
    assert allowed_levels("高温") == (YELLOW, ORANGE, RED)
    assert allowed_levels("drought") == (ORANGE, RED)
    assert allowed_levels("hail") == (ORANGE, RED)
    assert allowed_levels("frost") == (BLUE, YELLOW, ORANGE)


def test_validate_signal_level():
    assert validate_signal_level("暴雨", "red") is RED
    for signal, level in [("干旱", "blue"), ("高温", "blue"), ("frost", "red"), ("hail", "yellow")]:
        with pytest.raises(StandardsError) as info:
            validate_signal_level(signal, level)
        assert info.value.code == "level_not_allowed_for_signal"
        assert info.value.field == "level"
    with pytest.raises(StandardsError) as info:
        validate_signal_level("干旱", "蓝色")
    assert info.value.message == "干旱预警信号没有蓝色级别（只有橙色、红色）"


def test_unknown_signal_and_level():
    with pytest.raises(StandardsError) as info:
        validate_signal_level("沙暴雨", "red")
    assert info.value.code == "unknown_signal"
    with pytest.raises(StandardsError) as info:
        validate_signal_level("暴雨", "purple")
    assert info.value.code == "unknown_warning_level"


def test_signal_table_is_configurable_per_entry():
    configure(met_signal_levels={"lightning": ["blue", "yellow", "orange", "red"]})
    assert validate_signal_level("雷电", "blue") is BLUE
    assert allowed_levels("drought") == (ORANGE, RED)  # other entries kept
    reset_config()
    with pytest.raises(StandardsError):
        validate_signal_level("雷电", "blue")


@pytest.mark.parametrize(
    ("mm", "hours", "level"),
    [
        (49.9, 12, None),
        (50, 12, BLUE),
        (50, 13, None),
        (50, 6, YELLOW),
        (60, 3, ORANGE),
        (99.9, 3, ORANGE),
        (100, 3, RED),
        (100, 4, YELLOW),
    ],
)
def test_rainstorm_thresholds(mm, hours, level):
    assert rainstorm_level(mm, hours) is level


def test_rainstorm_thresholds_configurable():
    configure(rainstorm_thresholds={"red": [80, 3]})
    assert rainstorm_level(80, 3) is RED


def test_geohazard_public_levels():
    assert [geohazard_is_public(lv) for lv in WarningLevel] == [True, True, True, False]


def test_forest_fire_danger_five_levels():
    levels = forest_fire_danger_levels()
    assert [(lv.label, lv.name, lv.colour) for lv in levels] == [
        ("一级", "低", "green"),
        ("二级", "较低", "blue"),
        ("三级", "较高", "yellow"),
        ("四级", "高", "orange"),
        ("五级", "极高", "red"),
    ]
    assert forest_fire_danger(5).name == "极高"
    with pytest.raises(StandardsError) as info:
        forest_fire_danger(6)
    assert info.value.code == "unknown_fire_danger_level"


def test_response_levels():
    assert [lv.label for lv in ResponseLevel] == ["Ⅰ级应急响应", "Ⅱ级应急响应", "Ⅲ级应急响应", "Ⅳ级应急响应"]
    assert ResponseLevel.LEVEL_1.severity > ResponseLevel.LEVEL_4.severity
