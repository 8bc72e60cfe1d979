import datetime as dt

import pytest

from yingji.standards import (
    StandardsConfig,
    StandardsError,
    capacity_from_area,
    configure,
    configure_from_mapping,
    get_config,
    reset_config,
)


@pytest.fixture(autouse=True)
def _fresh_config():
    reset_config()
    yield
    reset_config()


def test_defaults():
    cfg = get_config()
    assert isinstance(cfg, StandardsConfig)
    assert cfg.sa_unit_report_minutes == 60
    assert cfg.nd_daily_report_hour == 9
    assert cfg.timezone == "Asia/Shanghai"
    assert cfg.shelter_area_per_person_m2 == 1.5


def test_override_takes_effect_and_reset_restores():
    configure(shelter_area_per_person_m2=2)
    assert capacity_from_area(100) == 50
    reset_config()
    assert capacity_from_area(100) == 66


def test_configure_from_settings_mapping_converts_json_types():
    cfg = configure_from_mapping(
        {
            "holidays": ["2025-10-01"],
            "forest_fire_danger_levels": [["低", "green"]] * 5,
            "sa_fast_report_type_codes": ["2.1.2"],
        }
    )
    assert cfg.holidays == (dt.date(2025, 10, 1),)
    assert cfg.forest_fire_danger_levels[0] == ("低", "green")
    assert cfg.sa_fast_report_type_codes == ("2.1.2",)
    assert configure_from_mapping(None) is get_config()


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        get_config().timezone = "UTC"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"no_such_field": 1}, "unknown_config_field", "no_such_field"),
        ({"sa_unit_report_minutes": -5}, "invalid_config", "sa_unit_report_minutes"),
        ({"sa_unit_report_minutes": 1.5}, "invalid_config", "sa_unit_report_minutes"),
        ({"sa_local_phone_report_enabled": "yes"}, "invalid_config", "sa_local_phone_report_enabled"),
        ({"timezone": "Mars/Olympus"}, "invalid_config", "timezone"),
        ({"met_signal_levels": {"hail": ["purple"]}}, "invalid_config", "met_signal_levels"),
        ({"holidays": ["2025-13-01"]}, "invalid_config", "holidays"),
        ({"sa_fast_report_type_codes": ["9.9"]}, "invalid_config", "sa_fast_report_type_codes"),
        ({"sa_local_phone_report_min_grade": "grade_9"}, "invalid_config", "sa_local_phone_report_min_grade"),
    ],
)
def test_bad_overrides_are_rejected_and_leave_config_unchanged(overrides, code, field):
    before = get_config()
    with pytest.raises(StandardsError) as info:
        configure(**overrides)
    assert (info.value.code, info.value.field) == (code, field)
    assert get_config() is before
