"""The API's contract (OpenAPI): an indicator with its status, its history, an entered value."""

from rest_framework import serializers


class TargetCheckSerializer(serializers.Serializer):
    op = serializers.CharField(help_text="< <= > >= 或 decrease（较2020基准下降的百分数）")
    value = serializers.FloatField()
    unit = serializers.CharField()


class TownshipFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    of = serializers.FloatField(allow_null=True, required=False)
    meets = serializers.BooleanField(allow_null=True)


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="表号.序号，如 2.5")
    table = serializers.CharField()
    name = serializers.CharField()
    target = serializers.CharField(help_text="规划目标原文")
    target_check = TargetCheckSerializer()
    attribute = serializers.CharField(help_text="约束性 / 预期性")
    unit = serializers.CharField()
    formula = serializers.CharField()
    source = serializers.CharField(help_text="computed 系统计算 / entered 部门填报")
    baseline = serializers.FloatField(allow_null=True, help_text="2020年基准值；null：基线待录入")
    baseline_source = serializers.CharField(
        help_text="catalogue 规划文本 / entered 部门填报（审核通过）/ backfill 补录 / "
                  "computed 系统依据2020年记录计算 / 空：待录入")
    baseline_note = serializers.CharField(help_text="基线来源的说明，或“基线待录入”")
    year = serializers.IntegerField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    of = serializers.IntegerField(allow_null=True, required=False)
    status = serializers.CharField(help_text="met / not_met / no_data")
    status_label = serializers.CharField(help_text="达标 / 未达标 / 无数据")
    note = serializers.CharField(help_text="如“暂无数据来源”")
    url = serializers.CharField(help_text="数据背后的记录")
    townships = TownshipFigureSerializer(many=True, allow_null=True,
                                         help_text="提供方给出的乡镇（街道）分项（如 3.6）；无则为 null")


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField()
    source = serializers.CharField(
        help_text="baseline 2020基线 / computed 系统计算 / entered 部门填报 / snapshot 年度快照 / backfill 补录")


class HistorySerializer(serializers.Serializer):
    indicator = IndicatorSerializer()
    years = YearSerializer(many=True)


class ValueSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    year = serializers.IntegerField()
    value = serializers.FloatField()
    note = serializers.CharField()
    status = serializers.CharField(help_text="submitted 已填报 / approved 审核通过 / returned 退回")
    reason = serializers.CharField()


class ValueInputSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="填报类指标的编号，如 1.1")
    year = serializers.IntegerField()
    value = serializers.CharField(help_text="数值（十进制）")
    note = serializers.CharField(required=False)
    evidence = serializers.FileField(help_text="佐证材料（PDF、DOCX、XLSX、JPG、PNG），必填")


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, help_text="退回时必填")


class EvaluationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField(help_text="annual 年度监测报告 / midterm 中期评估报告 / final 终期评估报告")
    kind_label = serializers.CharField()
    year = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.CharField(help_text="drafted 起草中 / submitted 已提交审批 / approved 已批准")
    status_label = serializers.CharField()
    created_by = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField(help_text="退回原因")
    figures_at = serializers.DateTimeField(help_text="取数时间")
    docx = serializers.CharField(help_text="该版 DOCX 的地址")


class EvaluationVersionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    created_at = serializers.DateTimeField()


class EvaluationDetailSerializer(EvaluationSerializer):
    summary = serializers.CharField(help_text="总体评价")
    achievements = serializers.CharField(help_text="主要成效")
    problems = serializers.CharField(help_text="存在问题")
    measures = serializers.CharField(help_text="下一步措施")
    figures = serializers.JSONField(help_text="取数结果：year, rows（19项）, trend, ranking, departments")
    versions = EvaluationVersionSerializer(many=True, help_text="同一报告（类别、年度）的全部版本")


class EvaluationTextSerializer(serializers.Serializer):
    summary = serializers.CharField(required=False, help_text="总体评价（至多20000字）")
    achievements = serializers.CharField(required=False)
    problems = serializers.CharField(required=False)
    measures = serializers.CharField(required=False)


class EvaluationInputSerializer(EvaluationTextSerializer):
    kind = serializers.CharField(help_text="annual / midterm / final")
    year = serializers.IntegerField(required=False, help_text="年度监测报告必填；中期为2023、终期为2025，可省略")
