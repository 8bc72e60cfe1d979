"""Enforcement indicators E.1–E.5 (the plan's tables do not number them): registered with core.extensions and
computed from the records in the user's reach."""

import datetime as dt

import pytest
from django.utils import timezone

from yingji.core import extensions as ext
from yingji.enforcement import indicators
from yingji.enforcement.models import Inspector

pytestmark = pytest.mark.django_db


def test_the_five_indicators_are_registered_with_their_targets():
    found = {i.code: i for i in ext.INDICATORS if i.code.startswith("E.")}
    assert sorted(found) == ["E.1", "E.2", "E.3", "E.4", "E.5", "E.6", "E.7"]
    assert found["E.4"].target == found["E.5"].target == "100%"
    assert str(found["E.4"].name) == "执法人员持证上岗率" and str(found["E.5"].name) == "执法人员培训率"


def test_certification_and_training_rates_count_the_active_inspectors(users):
    today = timezone.localdate()
    active = Inspector.objects.filter(status="active")
    valid = active.filter(certificate_expiry__gte=today).count()
    figure = indicators.certification_rate(users["commander"])
    assert (figure["numerator"], figure["denominator"]) == (valid, active.count())
    assert figure["meets"] is (valid == active.count())
    expired = active.filter(certificate_expiry__gte=today).order_by("code").first()
    expired.certificate_expiry = today - dt.timedelta(days=1)
    expired.save()
    assert indicators.certification_rate(users["commander"])["numerator"] == valid - 1
    trained = indicators.training_rate(users["commander"])
    assert trained["denominator"] == active.count() and trained["numerator"] < active.count()  # ZFRY-023 short


def test_the_drawn_share_and_plan_completion_are_percentages_of_this_years_tasks(users):
    share = indicators.drawn_share(users["commander"])
    assert 0 <= share["value"] <= 100 and share["numerator"] <= share["denominator"]
    completion = indicators.plan_completion(users["commander"])
    assert completion["unit"] == "%" and completion["url"]


def test_the_recheck_rate_counts_orders_past_their_deadline(users):
    figure = indicators.recheck_rate(users["commander"])
    assert figure["denominator"] >= figure["numerator"] >= 0
