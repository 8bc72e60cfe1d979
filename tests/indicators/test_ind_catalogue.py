"""The catalogue holds the plan's 19 indicators, and each status is decided on fixed data."""

from decimal import Decimal

import pytest

from yingji.core import extensions as ext
from yingji.indicators import status
from yingji.indicators.catalogue import BY_CODE, CATALOGUE, COMPUTED, ENTERED, Target


def test_all_19_indicators_by_table():
    codes = [entry.code for entry in CATALOGUE]
    assert len(codes) == len(set(codes)) == 19
    assert [sum(1 for e in CATALOGUE if e.table == t) for t in "123"] == [4, 8, 7]
    assert codes == [f"{t}.{n}" for t, count in (("1", 4), ("2", 8), ("3", 7)) for n in range(1, count + 1)]
    assert {str(e.attribute) for e in CATALOGUE} == {"约束性", "预期性"}
    assert {e.source for e in CATALOGUE} == {COMPUTED, ENTERED}


def test_every_provider_of_a_plan_code_is_a_computed_indicator_of_the_catalogue():
    """Providers under other codes (an app's own figures, e.g. enforcement's) are not plan indicators."""
    for provider in ext.INDICATORS:
        assert provider.code not in BY_CODE or BY_CODE[provider.code].source == COMPUTED, provider.code
    assert {"1.4", "2.5", "2.6", "2.7", "2.8", "3.3", "3.4"} <= {p.code for p in ext.INDICATORS}


@pytest.mark.parametrize("op, target, value, baseline, expected", [
    (">=", "100", 100, None, True), (">=", "100", 99.9, None, False), (">", "98", 98, None, False),
    ("<", "1", Decimal("0.5"), None, True), ("<", "15000", 15000, None, False),
    ("decrease", "10", 90, 100, True), ("decrease", "10", 91, 100, False), ("decrease", "33", 1, None, None),
    (">=", "90", None, None, None),
])
def test_target_check(op, target, value, baseline, expected):
    assert Target(op, Decimal(target), "%").meets(value, baseline) is expected


def _row(code, user):
    return status.evaluate(BY_CODE[code], user)


def test_computed_status_from_the_catalogue_target(provider, users):
    provider("2.4", lambda user: {"value": 95.0, "unit": "%", "url": "/x/"})
    assert (_row("2.4", users["commander"])["status"], _row("2.4", users["commander"])["status_label"]) == \
        ("met", "达标")
    provider("2.4", lambda user: {"value": 80.0, "unit": "%"})
    assert _row("2.4", users["commander"])["status_label"] == "未达标"


def test_the_providers_own_judgement_wins_where_it_gives_one(provider, users):
    provider("2.7", lambda user: {"value": 3, "of": 4, "unit": "个乡镇达标", "meets": False})
    row = _row("2.7", users["commander"])
    assert (row["value"], row["of"], row["unit"], row["status"]) == (3, 4, "个乡镇达标", "not_met")


def test_a_missing_provider_gives_no_data_never_a_value(provider, users):
    provider("1.4", None)
    row = _row("1.4", users["commander"])
    assert (row["value"], row["status_label"], row["note"]) == (None, "无数据", "暂无数据来源")


def test_a_provider_without_a_figure_gives_no_data(provider, users):
    provider("3.3", lambda user: {"value": None, "unit": "%", "meets": False})
    assert _row("3.3", users["commander"])["status"] == "no_data"


def test_computed_indicators_without_a_provider_today_say_so(users):
    rows = {r["code"]: r for r in status.current(users["commander"])}
    for code in ("2.1", "2.2", "2.4", "3.1", "3.2", "3.5", "3.7"):
        if ext.INDICATORS.get(code) is None:
            assert (rows[code]["value"], rows[code]["note"]) == (None, "暂无数据来源")
