"""core.api_serializers.FieldsBuiltOnce: a model serializer's fields are built from the model once per class, and
each serializer still gets fields of its own (issue 13: building 46 fields was a tenth of an intake's CPU)."""

from unittest import mock

from rest_framework import serializers

from yingji.core.api_serializers import FieldsBuiltOnce
from yingji.incidents.models import ReportingClock


class _ClockShape(FieldsBuiltOnce, serializers.ModelSerializer):
    state = serializers.SerializerMethodField()

    class Meta:
        model = ReportingClock
        fields = ["id", "slug", "due_at", "state"]

    def get_state(self, clock) -> str:
        return f"{self.context.get('prefix', '')}{clock.slug}"


def test_fields_are_built_once_per_class_and_copied_for_each_serializer():
    with mock.patch.object(serializers.ModelSerializer, "get_fields",
                           autospec=True, side_effect=serializers.ModelSerializer.get_fields) as build:
        first, second = _ClockShape(), _ClockShape(context={"prefix": "x-"})
        assert list(first.fields) == list(second.fields) == ["id", "slug", "due_at", "state"]
    assert build.call_count <= 1  # none when an earlier test already built them
    assert first.fields["state"] is not second.fields["state"]
    assert first.fields["state"].parent is first and second.fields["state"].parent is second


def test_each_serializer_answers_with_its_own_context():
    clock = ReportingClock(id=7, slug="sa_unit_report")
    assert _ClockShape(clock).data["state"] == "sa_unit_report"
    assert _ClockShape(clock, context={"prefix": "x-"}).data["state"] == "x-sa_unit_report"
