"""Dual prevention rules: credit code check digit, LEC/LS bands and colours, GB 18218 grading."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yingji.standards import configure, reset_config
from yingji.standards.errors import StandardsError
from yingji.standards.prevention import (
    CREDIT_CHARSET,
    alpha_for,
    assess_lec,
    assess_ls,
    credit_check_char,
    grade_major_hazard,
    substance,
    validate_credit_code,
)


@pytest.mark.parametrize("code", ["91110108551385082Q", "9144030071526726XG", "91510903MA6200001K"])
def test_real_format_credit_codes_pass(code):
    assert validate_credit_code(code.lower()) == code


@pytest.mark.parametrize("code,why", [
    ("91110108551385082R", "校验位"), ("9111010855138508", "18位"), ("91110108551385082I", "字符"),
    ("91AB0108551385082Q", "行政区划"),
])
def test_bad_credit_codes_say_what_is_wrong(code, why):
    with pytest.raises(StandardsError) as err:
        validate_credit_code(code)
    assert err.value.code == "invalid_credit_code" and why in err.value.message


@given(st.text(alphabet=CREDIT_CHARSET, min_size=2, max_size=2), st.text(alphabet="0123456789", min_size=6,
       max_size=6), st.text(alphabet=CREDIT_CHARSET, min_size=9, max_size=9))
def test_any_code_with_its_check_char_passes_and_any_other_char_fails(head, area, body):
    first17 = head + area + body
    check = credit_check_char(first17)
    assert validate_credit_code(first17 + check) == first17 + check
    wrong = CREDIT_CHARSET[(CREDIT_CHARSET.index(check) + 1) % 31]
    with pytest.raises(StandardsError):
        validate_credit_code(first17 + wrong)


@pytest.mark.parametrize("lik,e,c,value,band,colour", [
    (10, 10, 100, 10000, "极其危险", "red"), (3, 6, 15, 270, "高度危险", "red"), (1, 10, 7, 70, "显著危险", "orange"),
    (1, 6, 3, 18, "稍有危险", "blue"), (1, 10, 3, 30, "一般危险", "yellow"), ("0.5", 6, 40, 120, "显著危险", "orange"),
])
def test_lec_value_band_and_colour(lik, e, c, value, band, colour):
    result = assess_lec(lik, e, c)
    assert (result.value, result.band, result.colour) == (Decimal(value), band, colour)


def test_lec_factor_out_of_range_names_the_factor():
    with pytest.raises(StandardsError) as err:
        assess_lec(1, 4, 7)
    assert (err.value.code, err.value.field) == ("factor_out_of_range", "lec_e")


def test_colour_mapping_is_configurable():
    try:
        configure(lec_colour_floors=[["red", 300], ["orange", 100], ["yellow", 20]])
        assert assess_lec(3, 6, 15).colour == "orange"
    finally:
        reset_config()


@pytest.mark.parametrize("lik,s,colour", [(5, 5, "red"), (4, 5, "red"), (3, 5, "orange"), (3, 3, "yellow"),
                                        (2, 4, "blue"), (1, 1, "blue")])
def test_ls_colours(lik, s, colour):
    assert assess_ls(lik, s).colour == colour


def test_ls_out_of_range():
    with pytest.raises(StandardsError) as err:
        assess_ls(6, 1)
    assert err.value.field == "ls_l"


@pytest.mark.parametrize("people,alpha", [(0, "0.5"), (1, "1.0"), (29, "1.0"), (30, "1.2"), (50, "1.5"),
                                          (100, "2.0")])
def test_alpha_by_people_nearby(people, alpha):
    assert alpha_for(people) == Decimal(alpha)


def test_grading_by_r():
    # 液氨 100 t (Q 10, β 2) with 120 people nearby: S = 10, R = 2 × 2 × 10 = 40 → 三级
    result = grade_major_hazard([substance("氨", 100)], 120)
    assert (result.s, result.r, result.grade, result.label) == (10, 40, 3, "三级")
    assert grade_major_hazard([substance("氯", 35)], 200).grade == 2  # R = 2 × 4 × 7 = 56 → 二级
    assert grade_major_hazard([substance("汽油", 100)], 10).is_major is False  # S = 0.5


def test_grade_boundaries():
    assert grade_major_hazard([substance("X", 100, 1, 1)], 0).grade == 2  # R = 0.5×100 = 50
    assert grade_major_hazard([substance("X", 200, 1, 1)], 0).grade == 1
    assert grade_major_hazard([substance("X", 20, 1, 1)], 0).grade == 3
    assert grade_major_hazard([substance("X", 2, 1, 1)], 0).grade == 4


def test_unknown_substance_needs_its_critical_quantity():
    with pytest.raises(StandardsError) as err:
        substance("未知物", 5)
    assert err.value.code == "critical_quantity_required"
