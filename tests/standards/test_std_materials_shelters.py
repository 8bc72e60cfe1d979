import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingji.standards import (
    ShelterClass,
    StandardsError,
    capacity_from_area,
    check_capacity,
    parse_material_code,
    required_facilities,
    reset_config,
    shelter_class_for_days,
    validate_material_code,
)


@pytest.fixture(autouse=True)
def _fresh_config():
    reset_config()
    yield
    reset_config()


def test_parse_full_material_code():
    code = parse_material_code("2010399")
    assert code.segments == ("2", "01", "03", "99")
    assert code.category_name == "应急装备及配套物资"
    assert code.levels == (("大类", "2"), ("中类", "201"), ("小类", "20103"), ("细类", "2010399"))
    assert code.is_other and code.is_full
    assert code.parent_code == "20103"
    assert not parse_material_code("1010101").is_other
    assert validate_material_code(" 3990101 ") == "3990101"


@pytest.mark.parametrize(
    "bad",
    [
        "4010101",
        "0010101",
        "101010",
        "10101010",
        "1000101",
        "1010001",
        "101010A",
        "",
        None,
        1.5,
        "１０１０１０１",  # full-width digits are not ASCII digits
    ],
)
def test_invalid_material_codes(bad):
    with pytest.raises(StandardsError) as info:
        validate_material_code(bad)
    assert info.value.code == "invalid_material_code"
    assert info.value.field == "code"


def test_partial_class_codes_only_when_allowed():
    assert parse_material_code("101", allow_partial=True).depth == 2
    assert parse_material_code("2", allow_partial=True).levels == (("大类", "2"),)
    with pytest.raises(StandardsError):
        parse_material_code("101")
    with pytest.raises(StandardsError):
        parse_material_code("1010", allow_partial=True)


def test_capacity_from_area_floors():
    assert capacity_from_area(15) == 10
    assert capacity_from_area(4.5) == 3  # no float drift: 4.5 / 1.5 == 3
    assert capacity_from_area(14.99) == 9
    assert capacity_from_area(0) == 0


def test_check_capacity():
    assert check_capacity(1500, 1000).max_capacity == 1000
    with pytest.raises(StandardsError) as info:
        check_capacity(1500, 1001)
    assert (info.value.code, info.value.field) == ("capacity_exceeds_area", "capacity")
    assert "1000人" in info.value.message
    with pytest.raises(StandardsError) as info:
        check_capacity(-1, 0)
    assert info.value.code == "negative_value"


@settings(database=None)
@given(area=st.decimals(0, 10**6, places=2))
def test_capacity_from_area_always_passes_check(area):
    cap = capacity_from_area(area)
    assert check_capacity(area, cap).capacity == cap
    with pytest.raises(StandardsError):
        check_capacity(area, cap + 1)


def test_shelter_classes():
    assert shelter_class_for_days(10) is ShelterClass.CLASS_3
    assert shelter_class_for_days(11) is ShelterClass.CLASS_2
    assert shelter_class_for_days(30) is ShelterClass.CLASS_1
    assert ShelterClass.CLASS_2.label == "Ⅱ类应急避难场所"
    class3 = required_facilities("Ⅲ类")
    class2 = required_facilities(ShelterClass.CLASS_2)
    class1 = required_facilities("class_1")
    assert "应急消防设施" not in class3 and "应急消防设施" in class2
    assert "应急停机坪" in class1 and "应急停机坪" not in class2
    assert set(class3) < set(class2) < set(class1)
