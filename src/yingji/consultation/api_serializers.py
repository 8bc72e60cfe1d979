"""The contract of the consultation API (OpenAPI): what each operation takes and answers."""

from rest_framework import serializers

from .choices import DecisionKind, InviteeKind, State, Subject


def _values(choices) -> str:
    """The values, written out (plain text fields: an enum component named like another app's would collide)."""
    return " / ".join(f"{value} {label}" for value, label in choices.choices)


DECISION_KINDS = _values(DecisionKind)


class ConsultationInviteesInputSerializer(serializers.Serializer):
    departments = serializers.ListField(child=serializers.CharField(), required=False,
                                        help_text="邀请的部门单位编码，如 ORG-WATER")
    townships = serializers.ListField(child=serializers.CharField(), required=False,
                                      help_text="邀请的乡镇（街道）单位编码")
    experts = serializers.ListField(child=serializers.CharField(), required=False, help_text="邀请的专家编码")


class ConsultationConveneSerializer(ConsultationInviteesInputSerializer):
    title = serializers.CharField(help_text="会商主题")
    agenda = serializers.CharField(help_text="议程")
    scheduled_at = serializers.DateTimeField(help_text="会商时间（ISO 8601）")
    incident = serializers.UUIDField(required=False, allow_null=True, help_text="会商的事件 uuid")
    warning = serializers.UUIDField(required=False, allow_null=True, help_text="会商的预警 uuid")
    subject = serializers.CharField(required=False, allow_blank=True,
                                    help_text="无事件、预警时填 forecast（趋势研判）")
    room_template = serializers.CharField(required=False, allow_blank=True,
                                          help_text="会议室链接模板编码，如 HYS-JITSI")
    place = serializers.CharField(required=False, allow_blank=True, help_text="会商地点")


class ConsultationAcknowledgeSerializer(serializers.Serializer):
    invitee = serializers.IntegerField(
        required=False, allow_null=True,
        help_text="代为登记确认的参加单位 id（主持人，如专家电话确认）；不填为本单位确认")
    note = serializers.CharField(required=False, allow_blank=True, help_text="确认说明，默认“电话确认”")


class ConsultationPresentSerializer(serializers.Serializer):
    invitee = serializers.IntegerField(help_text="参加单位 id")
    attendee = serializers.CharField(required=False, allow_blank=True, help_text="出席人")


class ConsultationAttendanceSerializer(serializers.Serializer):
    present = ConsultationPresentSerializer(many=True, help_text="出席的参加单位；未列出的记为缺席")


class ConsultationMinutesSerializer(serializers.Serializer):
    minutes = serializers.CharField(help_text="会商纪要")
    version = serializers.IntegerField(required=False, allow_null=True,
                                       help_text="读取时的 version；他人已修改则 409 edit_conflict")


class ConsultationDecisionInputSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=DECISION_KINDS)
    text = serializers.CharField(help_text="决定事项")
    organization = serializers.CharField(help_text="责任单位编码")
    owner = serializers.CharField(required=False, allow_blank=True, help_text="责任人")
    deadline = serializers.DateTimeField(help_text="完成时限（ISO 8601）")


class ConsultationInviteeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_values(InviteeKind))
    name = serializers.CharField()
    organization = serializers.CharField(allow_null=True, help_text="单位编码")
    expert = serializers.CharField(allow_null=True, help_text="专家编码")
    notified_at = serializers.DateTimeField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    ack_note = serializers.CharField()
    attended = serializers.BooleanField()
    attendee = serializers.CharField()


class ConsultationDecisionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField(help_text=DECISION_KINDS)
    text = serializers.CharField()
    organization = serializers.CharField(help_text="责任单位编码")
    owner = serializers.CharField()
    deadline = serializers.DateTimeField()
    task = serializers.UUIDField(allow_null=True, help_text="生成的响应任务 uuid")
    instruction = serializers.UUIDField(allow_null=True, help_text="生成的值班指令 uuid")
    decided_at = serializers.DateTimeField()


class ConsultationSummarySerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    title = serializers.CharField()
    subject = serializers.CharField(help_text=_values(Subject))
    state = serializers.CharField(help_text=_values(State))
    scheduled_at = serializers.DateTimeField()
    incident = serializers.UUIDField(allow_null=True, help_text="事件 uuid（读者可查看时）")
    warning = serializers.UUIDField(allow_null=True, help_text="预警 uuid（读者可查看时）")
    url = serializers.CharField(help_text="会商页")


class ConsultationSerializer(ConsultationSummarySerializer):
    agenda = serializers.CharField()
    place = serializers.CharField()
    room_link = serializers.CharField(help_text="视频会议室链接（无则为空）")
    convened_by = serializers.CharField()
    convened_at = serializers.DateTimeField()
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    minutes = serializers.CharField()
    version = serializers.IntegerField()
    invitees = ConsultationInviteeSerializer(many=True)
    decisions = ConsultationDecisionSerializer(many=True)


class ConsultationListSerializer(serializers.Serializer):
    results = ConsultationSummarySerializer(many=True)


class ConsultationInvitedSerializer(serializers.Serializer):
    invitees = ConsultationInviteeSerializer(many=True)


class ConsultationFieldInputSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="专家专业领域代码，如 flood（防汛抗旱）、geology（地质灾害）")


class FieldExpertSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    title = serializers.CharField()
    organization = serializers.CharField()
    availability = serializers.CharField()


class ConsultationFieldPreviewSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    to_invite = FieldExpertSerializer(many=True)
    already_invited = FieldExpertSerializer(many=True)
    unavailable = FieldExpertSerializer(many=True)
