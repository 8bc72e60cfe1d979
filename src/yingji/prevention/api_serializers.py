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


# ---- enterprise self-checks (selfchecks.py) ----------------------------------------------------------------
class SelfCheckResultInSerializer(serializers.Serializer):
    item = serializers.CharField(help_text="自查项目编码（本次自查清单中的项目）")
    result = serializers.CharField(help_text="合格 | 不合格 | 不适用（或 pass | fail | na）")
    note = serializers.CharField(required=False, allow_blank=True, help_text="情况说明")


class SelfCheckResultsInSerializer(serializers.Serializer):
    results = SelfCheckResultInSerializer(many=True)


class SelfCheckResultOutSerializer(serializers.Serializer):
    item = serializers.CharField()
    number = serializers.IntegerField()
    item_name = serializers.CharField()
    result = serializers.CharField(allow_null=True, help_text="pass | fail | na；未填写为 null")
    result_label = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    criterion = serializers.CharField(allow_null=True, help_text="不合格即判定为重大隐患时，对应的判定标准条款编码")
    hazard = serializers.UUIDField(allow_null=True)


class SelfCheckStateSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    state = serializers.CharField(help_text="open（进行中）| submitted（已提交）")
    results = SelfCheckResultOutSerializer(many=True)


class FiledHazardSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    grade = serializers.CharField(help_text="general | major")
    criterion = serializers.CharField(allow_null=True)


class SelfCheckSubmittedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField()
    hazards = FiledHazardSerializer(many=True)
