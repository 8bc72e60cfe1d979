"""Grading rules: 生产安全事故报告和调查处理条例 第三条, 森林防火条例 第四十条."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yingji.standards import (
    MANUAL_GRADING_TEXT,
    NO_STATUTORY_GRADE_TEXT,
    Grade,
    GradingRule,
    StandardsError,
    accident_grade,
    configure,
    forest_fire_grade,
    preliminary_grade,
    reset_config,
)

G1, G2, G3, G4 = Grade.GRADE_1, Grade.GRADE_2, Grade.GRADE_3, Grade.GRADE_4


@pytest.fixture(autouse=True)
def _fresh_config():
    reset_config()
    yield
    reset_config()


@pytest.mark.parametrize(
    ("deaths", "grade"),
    [(0, G4), (2, G4), (3, G3), (9, G3), (10, G2), (29, G2), (30, G1), (31, G1)],
)
def test_death_bands_include_lower_bound(deaths, grade):
    assert accident_grade(deaths=deaths).grade is grade


@pytest.mark.parametrize(
    ("injuries", "grade"),
    [(9, G4), (10, G3), (49, G3), (50, G2), (99, G2), (100, G1)],
)
def test_serious_injury_bands(injuries, grade):
    assert accident_grade(serious_injuries=injuries).grade is grade


@pytest.mark.parametrize(
    ("loss", "grade"),
    [
        (9_999_999, G4),
        (10_000_000, G3),
        (49_999_999, G3),
        (50_000_000, G2),
        (99_999_999, G2),
        (100_000_000, G1),
    ],
)
def test_direct_loss_bands(loss, grade):
    assert accident_grade(direct_loss_cny=loss).grade is grade


def test_explanation_names_the_rule_the_ui_shows():
    result = accident_grade(deaths=3)
    assert result.explanation == "死亡3人，达到较大事故标准（3人以上10人以下）"
    assert result.rule is GradingRule.SAFETY_ACCIDENT
    assert accident_grade(direct_loss_cny=100_000_000).explanation == (
        "直接经济损失1亿元，达到特别重大事故标准（1亿元以上）"
    )
    assert accident_grade(serious_injuries=50).explanation == (
        "重伤50人，达到重大事故标准（50人以上100人以下）"
    )


def test_any_one_criterion_is_enough_and_highest_wins():
    result = accident_grade(deaths=1, serious_injuries=12, direct_loss_cny=60_000_000)
    assert result.grade is G2
    assert result.reasons == ("直接经济损失6000万元，达到重大事故标准（5000万元以上1亿元以下）",)


def test_criteria_reaching_the_same_grade_are_all_listed():
    result = accident_grade(deaths=10, serious_injuries=50)
    assert result.grade is G2
    assert result.reasons == (
        "死亡10人，达到重大事故标准（10人以上30人以下）",
        "重伤50人，达到重大事故标准（50人以上100人以下）",
    )
    assert result.explanation == "；".join(result.reasons)


def test_below_all_thresholds_is_general_with_explanation():
    result = accident_grade(deaths=2, serious_injuries=9, direct_loss_cny=5_000_000)
    assert result.grade is G4
    assert "死亡2人，达到一般事故标准（3人以下）" in result.reasons
    assert accident_grade().explanation.startswith("未达到较大事故标准，为一般事故")


@pytest.mark.parametrize("field", ["deaths", "serious_injuries", "direct_loss_cny", "missing"])
def test_negative_values_are_rejected_with_field(field):
    with pytest.raises(StandardsError) as info:
        accident_grade(**{field: -1})
    assert info.value.code == "negative_value"
    assert info.value.field == field
    assert "不能为负数" in info.value.message
    assert isinstance(info.value, ValueError)


def test_non_numbers_and_fractions_of_people_are_rejected():
    with pytest.raises(StandardsError) as info:
        accident_grade(deaths="三")
    assert info.value.code == "invalid_number"
    with pytest.raises(StandardsError) as info:
        accident_grade(deaths=2.5)
    assert info.value.code == "not_integer"
    with pytest.raises(StandardsError):
        accident_grade(direct_loss_cny=float("nan"))
    assert accident_grade(deaths="3").grade is G3


def test_missing_counts_only_when_configured():
    assert accident_grade(deaths=2, missing=1).grade is G4
    configure(grade_missing_as_dead=True)
    result = accident_grade(deaths=2, missing=1)
    assert result.grade is G3
    assert result.explanation.startswith("死亡（含失踪）3人")


figures = st.fixed_dictionaries(
    {
        "deaths": st.integers(0, 200),
        "serious_injuries": st.integers(0, 300),
        "direct_loss_cny": st.integers(0, 300_000_000),
    }
)


@settings(database=None, max_examples=300)
@given(
    base=figures,
    field=st.sampled_from(["deaths", "serious_injuries", "direct_loss_cny"]),
    extra=st.integers(0, 200_000_000),
)
def test_increasing_any_figure_never_lowers_the_grade(base, field, extra):
    before = accident_grade(**base).grade
    after = accident_grade(**{**base, field: base[field] + extra}).grade
    assert after.severity >= before.severity


@settings(database=None, max_examples=200)
@given(area=st.decimals(0, 5000, places=2), deaths=st.integers(0, 50), extra=st.decimals(0, 5000, places=2))
def test_forest_fire_more_area_never_lowers_the_grade(area, deaths, extra):
    before = forest_fire_grade(burnt_forest_ha=area, deaths=deaths).grade
    after = forest_fire_grade(burnt_forest_ha=area + extra, deaths=deaths).grade
    assert after.severity >= before.severity


@pytest.mark.parametrize(
    ("area", "grade"),
    [(0.99, G4), (1, G3), (99.9, G3), (100, G2), (999.99, G2), (1000, G1)],
)
def test_forest_fire_area_bands(area, grade):
    assert forest_fire_grade(burnt_forest_ha=area).grade is grade


def test_forest_fire_casualties_can_raise_the_grade():
    result = forest_fire_grade(burnt_forest_ha=5, deaths=10)
    assert result.grade is G2
    assert result.explanation == "死亡10人，达到重大森林火灾标准（10人以上30人以下）"
    assert forest_fire_grade(burnt_forest_ha=1200, serious_injuries=60).grade is G1


def test_fire_on_other_forest_land_is_general_whatever_the_area():
    result = forest_fire_grade(burnt_forest_ha=500, on_forest_land=False)
    assert result.grade is G4
    assert "其他林地起火" in result.explanation
    assert forest_fire_grade(burnt_forest_ha=500, deaths=3, on_forest_land=False).grade is G3


def test_forest_fire_negative_area_rejected():
    with pytest.raises(StandardsError) as info:
        forest_fire_grade(burnt_forest_ha=-0.5)
    assert (info.value.code, info.value.field) == ("negative_value", "burnt_forest_ha")


def test_preliminary_grade_picks_rule_by_type():
    assert preliminary_grade("2.1.4", {"deaths": 4}).grade is G3  # 火灾事故 -> safety accident
    assert preliminary_grade("road_traffic_accident", {"serious_injuries": 100}).grade is G1
    fire = preliminary_grade("1.7.1", {"burnt_forest_ha": 150})
    assert (fire.grade, fire.rule) == (G2, GradingRule.FOREST_FIRE)
    social = preliminary_grade("4.1", {"deaths": 50})
    assert (social.grade, social.explanation) == (None, NO_STATUTORY_GRADE_TEXT)
    quake = preliminary_grade("1.3", {"deaths": 50})
    assert (quake.grade, quake.explanation) == (None, MANUAL_GRADING_TEXT)
    assert preliminary_grade("3.1", {}).grade is None
    assert preliminary_grade("2.4", {"deaths": 40}).explanation == MANUAL_GRADING_TEXT


def test_preliminary_grade_unknown_type():
    with pytest.raises(StandardsError) as info:
        preliminary_grade("9.9", {})
    assert info.value.code == "unknown_incident_type"


def test_grade_metadata_and_parsing():
    assert [g.label for g in Grade] == ["特别重大", "重大", "较大", "一般"]
    assert [g.roman for g in Grade] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"]
    assert G1.colour == "red" and G4.colour == "blue"
    assert G1.severity > G2.severity > G3.severity > G4.severity
    assert Grade.parse("重大") is G2 and Grade.parse("Ⅲ") is G3 and Grade.parse("iv") is G4
    with pytest.raises(StandardsError) as info:
        Grade.parse("五级")
    assert info.value.code == "unknown_grade"


# Natural disasters other than forest fires (issue 14 §4): a flood with 5 trapped and 120 evacuated was left
# "无适用的自动分级规则". They now get a preliminary grade from the casualty bands of shared/STANDARDS.md §1.
@pytest.mark.parametrize(("type_code", "figures", "grade"), [
    ("1.1.1", {"trapped": 5, "evacuated": 120}, G4),  # flood, people trapped and evacuated, nobody hurt
    ("1.1.1", {"deaths": 1, "missing": 2, "evacuated": 3000}, G3),  # 死亡（含失踪）3人
    ("1.4.2", {"deaths": 10}, G2),  # landslide
    ("1.4.3", {"serious_injuries": 12}, G3),  # debris flow
    ("1.2.2", {"deaths": 30}, G1),  # wind and hail
    ("1.1.2", {}, G4),  # drought without casualties
    ("1.7.2", {"deaths": 3}, G3),  # grassland fire
])
def test_natural_disasters_are_graded_by_the_casualty_bands(type_code, figures, grade):
    result = preliminary_grade(type_code, figures)
    assert (result.grade, result.rule) == (grade, GradingRule.NATURAL_DISASTER)
    assert result.explanation != MANUAL_GRADING_TEXT


def test_flood_with_people_trapped_and_evacuated_names_them():
    result = preliminary_grade("1.1.1", {"trapped": 5, "evacuated": 120})
    assert result.grade is G4
    assert result.explanation.startswith("死亡（含失踪）3人以下、重伤10人以下，按伤亡初判为一般")
    assert "被困5人、紧急转移120人" in result.explanation and "专项应急预案" in result.explanation


def test_natural_disaster_missing_count_with_the_dead_unless_configured():
    assert preliminary_grade("1.1.1", {"deaths": 2, "missing": 1}).grade is G3
    configure(nd_grade_missing_as_dead=False)
    result = preliminary_grade("1.1.1", {"deaths": 2, "missing": 1})
    assert result.grade is G4 and "含失踪" not in result.explanation


def test_natural_disaster_grading_can_be_left_to_people():
    assert preliminary_grade("1.3", {"deaths": 50}).explanation == MANUAL_GRADING_TEXT  # 地震 by default
    configure(nd_casualty_grading=False)
    assert preliminary_grade("1.1.1", {"trapped": 5}).explanation == MANUAL_GRADING_TEXT
    configure(nd_casualty_grading=True, nd_casualty_grading_excluded_codes=["1.1"])
    assert preliminary_grade("1.1.1", {"deaths": 5}).grade is None
    assert preliminary_grade("1.4.2", {"deaths": 5}).grade is G3


def test_natural_disaster_negative_figure_rejected():
    with pytest.raises(StandardsError) as info:
        preliminary_grade("1.1.1", {"trapped": -1})
    assert (info.value.code, info.value.field) == ("negative_value", "trapped")
