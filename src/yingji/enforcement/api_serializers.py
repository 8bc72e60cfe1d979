"""Contracts of the enforcement app's hand-written endpoints."""

from rest_framework import serializers


class DrawRequestSerializer(serializers.Serializer):
    name = serializers.CharField()
    region = serializers.CharField(help_text="抽查范围的区域编码（本辖区或下级乡镇）")
    target_count = serializers.IntegerField(help_text="抽取的检查对象数，不得多于候选对象数")
    inspectors_per_target = serializers.IntegerField(required=False, help_text="每个对象的执法人员数（≥2）")
    seed = serializers.CharField(help_text="抽取前公布的随机种子（如公证见证的摇号结果）")
    seed_source = serializers.CharField(help_text="种子来源")
    sector = serializers.CharField(required=False, allow_blank=True)
    supervision_class = serializers.CharField(required=False, allow_blank=True)
    own_township_recusal = serializers.BooleanField(required=False)
    redraw_of = serializers.CharField(required=False, allow_blank=True, help_text="重抽时：原抽查编号")
    redraw_reason = serializers.CharField(required=False, allow_blank=True)


class DrawSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    region = serializers.CharField()
    state = serializers.CharField()
    seed = serializers.CharField()
    seed_source = serializers.CharField()
    algorithm = serializers.CharField()
    target_count = serializers.IntegerField()
    inspectors_per_target = serializers.IntegerField()
    own_township_recusal = serializers.BooleanField()
    candidate_count = serializers.IntegerField()
    inputs_sha256 = serializers.CharField()
    result_sha256 = serializers.CharField()
    result = serializers.ListField(child=serializers.DictField())
    redraw_of = serializers.CharField(allow_null=True)
    redraw_reason = serializers.CharField()
    drawn_at = serializers.DateTimeField()


class ReplayRequestSerializer(serializers.Serializer):
    expected_result_sha256 = serializers.CharField(required=False, allow_blank=True,
                                                   help_text="可选：您持有的结果摘要，答复说明复现结果是否与之一致")


class ReplaySerializer(serializers.Serializer):
    code = serializers.CharField()
    algorithm = serializers.CharField()
    identical = serializers.BooleanField()
    inputs_intact = serializers.BooleanField()
    inputs_sha256 = serializers.CharField()
    result_sha256 = serializers.CharField()
    result = serializers.ListField(child=serializers.DictField())
    matches_expected = serializers.BooleanField(required=False, help_text="给出 expected_result_sha256 时")


class FindingSerializer(serializers.Serializer):
    item = serializers.CharField(help_text="检查事项编码")
    result = serializers.ChoiceField(choices=["pass", "fail", "na"])
    note = serializers.CharField(required=False, allow_blank=True)


class InspectionSerializer(serializers.Serializer):
    findings = FindingSerializer(many=True)
    inspected_on = serializers.DateField(required=False)


class TaskStateSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField()
    hazards = serializers.ListField(child=serializers.CharField(), help_text="不合格项生成的隐患编码")


class PlanEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="submit | return | approve | publish")
    reason = serializers.CharField(required=False)


class PlanStateSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField()


class PlanProgressSerializer(serializers.Serializer):
    months = serializers.ListField(child=serializers.DictField())
