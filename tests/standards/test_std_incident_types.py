import subprocess
import sys
from pathlib import Path

import pytest

from yingji.standards import (
    CATEGORIES,
    GradingRule,
    StandardsError,
    all_types,
    category_of,
    descendants,
    get_type,
    grading_rule_for,
    has_statutory_grade,
    is_natural_disaster,
    is_safety_accident,
)


def test_four_categories_in_statutory_order():
    assert [(c.code, c.slug, c.name) for c in CATEGORIES] == [
        ("1", "natural_disaster", "自然灾害"),
        ("2", "accident_disaster", "事故灾难"),
        ("3", "public_health", "公共卫生事件"),
        ("4", "social_security", "社会安全事件"),
    ]


def test_codes_and_slugs_are_unique_and_hierarchical():
    nodes = all_types()
    assert len({n.code for n in nodes}) == len(nodes)
    assert len({n.slug for n in nodes}) == len(nodes)
    for node in nodes:
        assert node.gbt35561_code is None
        if node.parent is not None:
            assert node.code.rsplit(".", 1)[0] == node.parent.code
            assert node in node.parent.children


def test_natural_disaster_subtypes_follow_the_plan():
    names = [c.name for c in get_type("1").children]
    assert names == ["水旱灾害", "气象灾害", "地震灾害", "地质灾害", "海洋灾害", "生物灾害", "森林草原火灾"]
    assert [c.name for c in get_type("1.4").children] == ["崩塌", "滑坡", "泥石流"]


def test_lookup_by_code_or_slug():
    fire = get_type("fire_accident")
    assert fire is get_type("2.1.4")
    assert fire.full_name == "事故灾难 / 工矿商贸等生产安全事故 / 火灾事故"
    assert fire.level == 3
    assert category_of("2.1.4").slug == "accident_disaster"


@pytest.mark.parametrize("bad", ["", "5", "2.9", "fire", None])
def test_unknown_type_raises(bad):
    with pytest.raises(StandardsError) as info:
        get_type(bad)
    assert info.value.code == "unknown_incident_type"


def test_descendants_are_all_below():
    codes = [n.code for n in descendants("1.2")]
    assert codes == ["1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5"]
    assert "2.2.1" in [n.code for n in descendants("2")]
    assert descendants("1.3") == ()


def test_families_and_rules():
    assert is_natural_disaster("typhoon") and not is_natural_disaster("2.1")
    assert is_safety_accident("hazchem_accident") and is_safety_accident("2.2.1")
    assert is_safety_accident("2.3.4")
    assert not is_safety_accident("environmental_pollution") and not is_safety_accident("1.7.1")
    assert not has_statutory_grade("4.2") and has_statutory_grade("3.1")
    assert grading_rule_for("2.1.3") is GradingRule.SAFETY_ACCIDENT
    assert grading_rule_for("1.7.1") is GradingRule.FOREST_FIRE
    assert grading_rule_for("1.7.2") is GradingRule.NATURAL_DISASTER
    assert grading_rule_for("1.1.1") is GradingRule.NATURAL_DISASTER
    assert grading_rule_for("1.3") is GradingRule.NATURAL_DISASTER_NONE  # 地震: its own plan's bands
    assert grading_rule_for("4") is GradingRule.NO_STATUTORY_GRADE
    assert grading_rule_for("3.2") is None


def test_package_does_not_import_django():
    src = Path(__file__).resolve().parents[2] / "src"
    code = "import sys, yingji.standards; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], env={"PYTHONPATH": str(src)}, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
