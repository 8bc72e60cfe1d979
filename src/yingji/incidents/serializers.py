"""API shapes of incidents, timeline entries, clocks and reports. Writes go to the services."""

from rest_framework import serializers

from yingji.core.api_serializers import FieldsBuiltOnce
from yingji.core.models import Region
from yingji.core.validators import validate_date_range

from .grading import grade_label
from .locate import place_name
from .models import Incident, ReportingClock, SituationReport, TimelineEntry

COUNTS = ("dead", "missing", "injured", "serious_injured", "trapped", "affected", "evacuated")


class IncidentInputSerializer(serializers.Serializer):
    """Counts are plain integers here so a negative one reaches the service and gets its Chinese message."""

    type_code = serializers.CharField(max_length=32, help_text="事件类型代码或英文名，如 2.2.1 或 landslide")
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    occurred_at = serializers.DateTimeField()
    received_at = serializers.DateTimeField(required=False)
    lon = serializers.FloatField(required=False, allow_null=True)
    lat = serializers.FloatField(required=False, allow_null=True)
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True,
        help_text="乡镇（街道）或村（社区）的区划代码；与 lon/lat 同时给出时，坐标须在该乡镇内。"
                  "修改时即位置更正（记入时间线）")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    statement = serializers.CharField(max_length=4000, required=False, allow_blank=True,
                                      help_text="来电/报告原话")
    direct_loss_cny = serializers.CharField(required=False, allow_blank=True)
    burnt_forest_ha = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    source = serializers.CharField(max_length=16, required=False)
    reporter_name = serializers.CharField(max_length=64, required=False, allow_blank=True)
    reporter_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    reporter_org = serializers.CharField(max_length=100, required=False, allow_blank=True)
    caller_name = serializers.CharField(max_length=64, required=False, allow_blank=True)
    caller_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, help_text="编辑时带上读取到的版本号；他人已修改则返回 409")

    def get_fields(self):
        fields = super().get_fields()
        for name in COUNTS:
            fields[name] = serializers.IntegerField(required=False)
        return fields


class ClockSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
    state_label = serializers.SerializerMethodField()

    class Meta:
        model = ReportingClock
        fields = ["id", "slug", "name", "report_to", "source", "starts_at", "due_at", "required", "met_at",
                  "waived_at", "waived_reason", "state", "state_label"]

    def get_state(self, clock) -> str:
        return clock.state()

    def get_state_label(self, clock) -> str:
        return clock.state_label()


class IncidentSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    place = serializers.SerializerMethodField()
    type_name = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    grade_display = serializers.SerializerMethodField()
    clocks = ClockSerializer(many=True, read_only=True)
    merged_into = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Incident
        fields = ["uuid", "code", "name", "status", "status_display", "type_code", "type_name", "occurred_at",
                  "received_at", "ended_at", "closed_at", "region", "place", "lon", "lat", "address", "description",
                  *COUNTS, "direct_loss_cny", "burnt_forest_ha", "source", "reporter_name", "reporter_org",
                  "grade", "grade_display", "grade_auto", "grade_rule", "grade_overridden", "grade_override_reason",
                  "closing_summary", "merged_into", "version", "is_demo", "clocks", "created", "updated"]

    def get_place(self, incident) -> str:
        return place_name(incident.region)

    def get_grade_display(self, incident) -> str:
        return grade_label(incident.grade)


class TimelineSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    corrects = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = TimelineEntry
        fields = ["id", "at", "kind", "kind_display", "title", "body", "actor_name", "organization_name", "data",
                  "attachment", "corrects"]


class TimelinePostSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=16, default="message")
    body = serializers.CharField(max_length=8000, required=False, allow_blank=True)
    attachment = serializers.FileField(required=False)
    corrects = serializers.IntegerField(required=False, help_text="更正的条目 id")


class ReportSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    incident = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    kind_display = serializers.CharField(source="kind_label", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    signer = serializers.CharField(source="signer.username", read_only=True, default=None)

    class Meta:
        model = SituationReport
        fields = ["uuid", "incident", "kind", "kind_display", "number", "region", "region_name", "status",
                  "status_display", "title", "issuer", "as_of", "figures", "texts", "explanation", "author", "signer",
                  "signed_at", "sent_at", "returned_reason", "version", "is_demo", "created", "updated"]


class ReportInputSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=16, required=False)
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all(), required=False,
                                          allow_null=True)
    title = serializers.CharField(max_length=200, required=False)
    issuer = serializers.CharField(max_length=200, required=False)
    as_of = serializers.DateTimeField(required=False, validators=[validate_date_range])
    figures = serializers.DictField(required=False)
    texts = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    explanation = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False)


class EventSerializer(serializers.Serializer):
    event = serializers.CharField(max_length=32)
    summary = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    ended_at = serializers.DateTimeField(required=False, validators=[validate_date_range])


class MergeSerializer(serializers.Serializer):
    into = serializers.UUIDField(help_text="并入的事件 uuid")


class WaiveSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="免于报送的理由")


class GradeSerializer(serializers.Serializer):
    grade = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False)
