"""Contracts of the prevention app's hand-written endpoints."""

from rest_framework import serializers


class HazardEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="verify | return | resubmit | order | start | apply | recheck | close")
    reason = serializers.CharField(required=False, help_text="退回理由")
    note = serializers.CharField(required=False)
    deadline = serializers.DateField(required=False, help_text="下达整改：整改期限")
    plan_responsible = serializers.CharField(required=False)
    plan_measures = serializers.CharField(required=False)
    plan_funds = serializers.DecimalField(required=False, max_digits=12, decimal_places=2)
    plan_deadline = serializers.DateField(required=False)
    plan_contingency = serializers.CharField(required=False)


class HazardStateSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    open_hazards = serializers.IntegerField()
    overdue_hazards = serializers.IntegerField()
    major_open = serializers.IntegerField()
    supervised_open = serializers.IntegerField()
    hazards_by_state = serializers.DictField(child=serializers.IntegerField())
    risks_by_colour = serializers.DictField(child=serializers.IntegerField())
    risks_by_township = serializers.ListField(child=serializers.DictField())
    reassessment_overdue = serializers.IntegerField()
    without_certificate = serializers.IntegerField()
    standardisation = serializers.DictField()
