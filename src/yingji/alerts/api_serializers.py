"""OpenAPI shapes of the alerts API. Input is checked by compose.clean (its codes and messages), so these
request serializers document the body; the response ones mirror presenters.summary and delivery."""

from rest_framework import serializers

from .models.warnings import AreaKind


class WarningInputSerializer(serializers.Serializer):
    type_code = serializers.CharField(help_text="预警类型代码，如 11B03（暴雨）")
    level = serializers.CharField(help_text="预警级别：blue/yellow/orange/red 或 4/3/2/1")
    headline = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                     help_text="标题；留空则按类型与级别生成")
    description = serializers.CharField(max_length=4000, help_text="预警内容")
    instructions = serializers.CharField(max_length=4000, required=False, allow_blank=True,
                                         help_text="防御指南；留空则用该类型与级别的指南模板")
    source = serializers.CharField(max_length=200, required=False, allow_blank=True)
    headline_en = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                        help_text="英文标题（可选；与 description_en 一起填写时 CAP 另有 en-US 块）")
    description_en = serializers.CharField(max_length=4000, required=False, allow_blank=True, help_text="英文预警内容")
    instructions_en = serializers.CharField(max_length=4000, required=False, allow_blank=True, help_text="英文防御指南")
    effective = serializers.DateTimeField(help_text="生效时间")
    expires = serializers.DateTimeField(help_text="失效时间，须晚于生效时间")
    onset = serializers.DateTimeField(required=False, allow_null=True, help_text="开始时间，不晚于失效时间")
    area_kind = serializers.ChoiceField(AreaKind.choices, help_text="预警区域的给法")
    area_regions = serializers.ListField(child=serializers.CharField(), required=False,
                                         help_text="乡镇（街道）或村（社区）区划代码（area_kind=regions 时）")
    area_shape = serializers.DictField(child=serializers.JSONField(), required=False,
                                       help_text="GeoJSON 多边形或圆（polygon/circle 时）")
    incident_uuid = serializers.CharField(required=False, allow_null=True, allow_blank=True,
                                          help_text="关联的突发事件：事件编号（如 SJ20261205-0007）或其 uuid")
    committees = serializers.ListField(child=serializers.CharField(), required=False,
                                       help_text="抄送的议事协调机构编码")


class WarningSummarySerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    msg_type = serializers.CharField(help_text="Alert / Update / Cancel")
    msg_type_label = serializers.CharField()
    type_code = serializers.CharField()
    type_label = serializers.CharField()
    level = serializers.CharField()
    colour = serializers.CharField()
    colour_hex = serializers.CharField()
    level_label = serializers.CharField()
    headline = serializers.CharField()
    description = serializers.CharField()
    instructions = serializers.CharField()
    source = serializers.CharField()
    effective = serializers.CharField(help_text="GB/T 35965.1 时间格式")
    expires = serializers.CharField()
    onset = serializers.CharField()
    effective_text = serializers.CharField(help_text="页面显示的生效时间（区时，YYYY-MM-DD hh:mm）")
    expires_text = serializers.CharField()
    onset_text = serializers.CharField()
    area_desc = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField()
    urgent = serializers.BooleanField()
    incident_uuid = serializers.CharField(allow_null=True)
    incident_code = serializers.CharField(help_text="关联事件的编号（SJ…）")
    identifier = serializers.CharField(help_text="CAP 标识；未发布时为空")
    cap_url = serializers.CharField()
    references = serializers.CharField(help_text="所更新/解除的预警 uuid，或空")
    url = serializers.CharField()


class WarningListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = WarningSummarySerializer(many=True, help_text="最新的 200 条")


class ReachSerializer(serializers.Serializer):
    townships = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()),
                                      help_text="乡镇 → {通道编码: 人数}")
    channels = serializers.ListField(child=serializers.CharField())
    people = serializers.IntegerField()
    devices = serializers.IntegerField()
    officials = serializers.IntegerField()
    population = serializers.IntegerField(allow_null=True)


class StepSerializer(serializers.Serializer):
    event = serializers.CharField()
    label = serializers.CharField()


class WarningDetailSerializer(WarningSummarySerializer):
    reach = ReachSerializer(help_text="覆盖预估")
    actions = StepSerializer(many=True, help_text="当前用户此刻可做的操作")


class WarningEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="操作：submit、approve、sign、return、withdraw 等（见 actions）")
    reason = serializers.CharField(required=False, allow_blank=True, help_text="退回等操作的理由")


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="解除理由（必填）")


class CoverageSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    reached = serializers.IntegerField()
    percent = serializers.FloatField()
    statuses = serializers.DictField(child=serializers.IntegerField(), help_text="状态名 → 条数")
    done = serializers.BooleanField()
    rows = serializers.DictField(child=serializers.DictField(child=serializers.ListField(
        child=serializers.IntegerField())), help_text="乡镇 → 通道 → [送达, 应发]")
    failures = serializers.ListField(child=serializers.DictField(), help_text="失败原因及条数（前 20）")
    time_to_95_seconds = serializers.FloatField(allow_null=True, help_text="发布到 95% 送达所用秒数")


class IncomingSerializer(serializers.Serializer):
    xml = serializers.CharField(help_text="CAP 1.2 或 1.1 文档（或 EDXL-DE、<alerts> 封装）；按文档自身声明的编码理解")


class IncomingRecordSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    identifier = serializers.CharField()
    sender = serializers.CharField()
    sender_name = serializers.CharField()
    sent = serializers.DateTimeField()
    status = serializers.CharField(help_text="Actual / Exercise / System / Test / Draft")
    msg_type = serializers.CharField(help_text="Alert / Update / Cancel / Ack / Error")
    scope = serializers.CharField()
    references = serializers.CharField(help_text="sender,identifier,sent，以空格分隔")
    event = serializers.CharField()
    headline = serializers.CharField()
    severity = serializers.CharField()
    language = serializers.CharField(help_text="显示所用信息块的语言")
    languages = serializers.ListField(child=serializers.CharField(), help_text="全部信息块的语言")
    effective = serializers.DateTimeField(allow_null=True)
    onset = serializers.DateTimeField(allow_null=True)
    expires = serializers.DateTimeField(allow_null=True, help_text="各信息块中最晚的失效时间")
    cap_version = serializers.CharField(help_text="收到时的 CAP 版本（1.1 已升级为 1.2 校验）")
    envelope = serializers.CharField(help_text="外层封装：空、EDXL-DE 或 alerts")
    encoding = serializers.CharField(help_text="文档声明的字符编码")
    signature = serializers.ChoiceField(["valid", "invalid", "unsigned"])
    signer = serializers.CharField(help_text="签名证书的主题")
    signer_trusted = serializers.BooleanField()
    state = serializers.ChoiceField(["active", "updated", "cancelled"])
    replaced_by = serializers.UUIDField(allow_null=True, help_text="更新或解除它的消息")
    notice = serializers.CharField(help_text="需要值班员处理的说明")
    feed = serializers.CharField(allow_null=True, help_text="来自的订阅源名称")
    received = serializers.DateTimeField()
    reissued_as = serializers.UUIDField(allow_null=True, help_text="转发生成的本地预警")
    url = serializers.CharField()


class IncomingListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = IncomingRecordSerializer(many=True, help_text="最新的 200 条")


class IncomingDetailSerializer(IncomingRecordSerializer):
    infos = serializers.ListField(child=serializers.DictField(), help_text="全部 <info> 信息块（含语言、区域）")
    xml = serializers.CharField(help_text="收到的文档（文本）")


class IncomingReceiptSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(help_text="第一条消息")
    identifier = serializers.CharField()
    headline = serializers.CharField()
    records = IncomingRecordSerializer(many=True, help_text="本次收到的全部消息（封装中可有多条）")
