"""OpenAPI shapes of the duty desk API. The views keep their own checks (codes like invalid_time,
unknown_shift), so the request serializers here document the bodies; the response ones mirror the dicts."""

from rest_framework import serializers

from .choices import LogKind, StepTarget


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class OnDutyPostSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField()


class OnDutyPersonSerializer(CodeNameSerializer):
    phone = serializers.CharField(help_text="无权查看时为脱敏号码")


class OnDutyShiftSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    label = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class OnDutyRowSerializer(serializers.Serializer):
    post = OnDutyPostSerializer()
    organization = CodeNameSerializer()
    region = CodeNameSerializer()
    person = OnDutyPersonSerializer(allow_null=True)
    shift = OnDutyShiftSerializer(allow_null=True)
    empty = serializers.BooleanField(help_text="该岗位此刻无人值守")


class OnDutySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    region = serializers.CharField(allow_null=True)
    posts = OnDutyRowSerializer(many=True)


class LogEntrySerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    at = serializers.DateTimeField()
    counterpart = serializers.CharField()
    summary = serializers.CharField()
    incident = serializers.UUIDField(allow_null=True)
    incident_label = serializers.CharField()
    corrects = serializers.UUIDField(allow_null=True, help_text="被更正的条目")
    recorded_by = serializers.CharField(allow_null=True)
    region = serializers.CharField()


class LogListSerializer(serializers.Serializer):
    results = LogEntrySerializer(many=True, help_text="最新的 200 条")


class NewIncidentSerializer(serializers.Serializer):
    type_code = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    name = serializers.CharField(required=False)
    address = serializers.CharField(required=False)


class LogPostSerializer(serializers.Serializer):
    """One of three bodies: a call (kind call_in/call_out), an event (kind=event), or a correction (corrects)."""

    kind = serializers.ChoiceField(LogKind.choices, required=False, help_text="默认 call_in；event 记其他事项")
    summary = serializers.CharField(help_text="摘要")
    counterpart = serializers.CharField(required=False, allow_blank=True, help_text="来电/去电对象")
    phone = serializers.CharField(required=False, allow_blank=True)
    at = serializers.DateTimeField(required=False, help_text="默认现在")
    region = serializers.CharField(required=False, help_text="区划代码，默认本人所在区域")
    incident = serializers.UUIDField(required=False, help_text="关联已有事件")
    new_incident = NewIncidentSerializer(required=False, help_text="同时接报一起新事件")
    corrects = serializers.UUIDField(required=False, help_text="更正这条日志（只需 summary）")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)


class UuidStatusSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.CharField()


class RollCallResultSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    result = serializers.CharField()


class SwapRequestSerializer(serializers.Serializer):
    shift = serializers.UUIDField(help_text="要换出的班次")
    to_person = serializers.CharField(required=False, help_text="替班人员编码（替班）")
    counterpart = serializers.UUIDField(required=False, help_text="对方班次（互换）")
    reason = serializers.CharField(required=False, allow_blank=True)
    on_behalf = serializers.BooleanField(required=False, help_text="排班员代为申请")


class SwapEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="approve（批准）、reject（驳回）或 cancel（撤回）")
    note = serializers.CharField(required=False, allow_blank=True)


class HandoverEventSerializer(serializers.Serializer):
    event = serializers.ChoiceField(["submit", "accept", "return"])
    remarks = serializers.CharField(required=False, allow_blank=True, help_text="交班说明（submit）")
    notes = serializers.CharField(required=False, allow_blank=True, help_text="注意事项（submit）")
    reason = serializers.CharField(required=False, allow_blank=True, help_text="退回理由（return）")


class ChainStepSerializer(serializers.Serializer):
    target = serializers.ChoiceField(StepTarget.choices, help_text="通知对象")
    wait_minutes = serializers.IntegerField(required=False, help_text="上一步后等待分钟数")
    channel = serializers.CharField(required=False, help_text="通道编码")
    person = serializers.CharField(required=False, help_text="人员编码（target=person 时）")


class ChainInputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    event_kind = serializers.CharField(help_text="触发事件种类")
    repeat = serializers.IntegerField(required=False, help_text="整条链重复次数")
    stop_kinds = serializers.CharField(required=False, allow_blank=True, help_text="停止升级的事件种类，逗号分隔")
    enabled = serializers.BooleanField(required=False, default=True)
    steps = ChainStepSerializer(many=True)


class ChainSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    event_kind = serializers.CharField()
    repeat = serializers.IntegerField()
    enabled = serializers.BooleanField()
    steps = serializers.IntegerField(help_text="步骤数")
