"""The push contracts (OpenAPI): each body is checked against these before anything is written."""

from rest_framework import serializers

from yingji.core.api_serializers import BoundedDateTimeField


class PartnerRefField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=100, help_text="伙伴系统自己的记录编号；同一编号重复推送返回首次结果（200）",
                         **kwargs)


class IncidentPushSerializer(serializers.Serializer):
    id = PartnerRefField()
    linkage = serializers.ChoiceField(choices=["110", "119", "120", "other"], required=False, default="other",
                                      help_text="联动来源：110 公安、119 消防、120 急救")
    type_code = serializers.CharField(max_length=20, help_text="事件类型代码，如 2.2.1（道路交通事故）")
    occurred_at = BoundedDateTimeField()
    statement = serializers.CharField(max_length=4000, help_text="报告内容")
    name = serializers.CharField(max_length=200, required=False)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    region = serializers.CharField(max_length=32, required=False, help_text="乡镇（街道）或村（社区）区划代码")
    lon = serializers.FloatField(required=False, min_value=-180, max_value=180)
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
    dead = serializers.IntegerField(required=False, min_value=0, max_value=100000)
    missing = serializers.IntegerField(required=False, min_value=0, max_value=100000)
    injured = serializers.IntegerField(required=False, min_value=0, max_value=100000)
    trapped = serializers.IntegerField(required=False, min_value=0, max_value=100000)
    reporter_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    reporter_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)


class HazardPushSerializer(serializers.Serializer):
    id = PartnerRefField()
    name = serializers.CharField(max_length=200, help_text="隐患描述")
    region = serializers.CharField(max_length=32, help_text="乡镇（街道）或村（社区）区划代码")
    grade = serializers.ChoiceField(choices=["general", "major"], required=False, default="general")
    found_on = serializers.DateField(required=False)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    enterprise = serializers.CharField(max_length=40, required=False, help_text="企业编码（可选）")
    lon = serializers.FloatField(required=False, min_value=-180, max_value=180)
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)


class PartnerReadingSerializer(serializers.Serializer):
    device = serializers.CharField(max_length=64)
    time = BoundedDateTimeField()
    values = serializers.DictField(child=serializers.FloatField(), allow_empty=False,
                                   help_text='量 → 数值，如 {"rain": 1.5, "water_level": 3.2}')


class ReadingsPushSerializer(serializers.Serializer):
    id = PartnerRefField()
    readings = PartnerReadingSerializer(many=True, allow_empty=False, max_length=5000)


class DocumentFileSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, help_text="文件名，如 关于加强防汛值守的通知.pdf")
    content = serializers.CharField(help_text="文件内容，Base64 编码（PDF、DOCX、XLSX、JPG、PNG）")


class DocumentPushSerializer(serializers.Serializer):
    id = PartnerRefField()
    title = serializers.CharField(max_length=200, help_text="标题")
    number = serializers.CharField(max_length=64, required=False, allow_blank=True, help_text="文号")
    category = serializers.CharField(
        max_length=16, required=False, default="other",
        help_text="notice 通知 / report 情况报告 / briefing 简报 / plan 预案方案 / other 其他")
    issued_on = serializers.DateField(required=False, help_text="成文日期")
    summary = serializers.CharField(max_length=4000, required=False, allow_blank=True, help_text="摘要")
    incident = serializers.UUIDField(required=False, help_text="所涉事件的 uuid（可选）")
    files = DocumentFileSerializer(many=True, required=False, max_length=5, help_text="附件，至多 5 个")


class PushResultSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="伙伴的编号")
    uuid = serializers.CharField(help_text="本平台记录的 uuid（数据批次为空）")
    code = serializers.CharField(help_text="本平台记录的编号")
    url = serializers.CharField(help_text="本平台记录的接口地址")
    stored = serializers.IntegerField(required=False)


class DatasetSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    direction = serializers.CharField()
    owner = serializers.CharField()
    frequency = serializers.CharField()
    channel = serializers.CharField()
    fields = serializers.ListField(child=serializers.DictField())


class WarningFeedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    msg_type = serializers.CharField(help_text="Alert / Update / Cancel")
    type_code = serializers.CharField()
    level = serializers.CharField()
    headline = serializers.CharField()
    description = serializers.CharField()
    instructions = serializers.CharField()
    effective = serializers.DateTimeField()
    expires = serializers.DateTimeField()
    area = serializers.CharField()
    published_at = serializers.DateTimeField()
    source = serializers.CharField()


class FeedRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class IncidentFeedSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    type_code = serializers.CharField()
    status = serializers.CharField()
    grade = serializers.CharField(allow_null=True)
    occurred_at = serializers.DateTimeField()
    received_at = serializers.DateTimeField()
    lon = serializers.FloatField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    region = FeedRegionSerializer()
