"""Contracts of the census app's hand-written endpoints."""

from rest_framework import serializers


class MarkInSerializer(serializers.Serializer):
    household = serializers.CharField(help_text="建档立卡户编码（code）")
    mark = serializers.CharField(
        help_text="transferred（已转移）| refused（拒绝转移）| not_found（未找到）| returned（已返回）")
    note = serializers.CharField(required=False, allow_blank=True)
    submission_key = serializers.UUIDField(required=False, help_text="客户端生成的 UUID：同一编号重复提交只记一次")


class MarkOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    household = serializers.CharField()
    mark = serializers.CharField()
    people = serializers.IntegerField()
    shelter = serializers.CharField(allow_null=True)
    at = serializers.DateTimeField()
    repeated = serializers.BooleanField(help_text="true：该提交编号此前已记录，返回的是第一次的结果")


class TallySerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField(allow_blank=True)
    households = serializers.IntegerField()
    people = serializers.IntegerField()
    moved_people = serializers.IntegerField()
    percent = serializers.FloatField()
    transferred = serializers.IntegerField()
    refused = serializers.IntegerField()
    not_found = serializers.IntegerField()
    returned = serializers.IntegerField()
    pending = serializers.IntegerField()


class ShelterRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    occupancy = serializers.IntegerField()
    capacity = serializers.IntegerField()
    over = serializers.BooleanField()


class InsideSerializer(serializers.Serializer):
    household = serializers.CharField()
    name = serializers.CharField()
    village = serializers.CharField()
    members = serializers.IntegerField()
    state = serializers.CharField(allow_null=True, help_text="null：待转移")


class ProgressSerializer(serializers.Serializer):
    total = TallySerializer()
    villages = TallySerializer(many=True)
    shelters = ShelterRowSerializer(many=True)
    inside_count = serializers.IntegerField()
    inside = InsideSerializer(many=True)


class ShareSerializer(serializers.Serializer):
    name = serializers.CharField()
    people = serializers.IntegerField()
    covered = serializers.IntegerField()
    within_8h = serializers.IntegerField()
    percent = serializers.FloatField()
    meets = serializers.BooleanField()
    longest_hours = serializers.FloatField(allow_null=True)


class ReliefClockSerializer(serializers.Serializer):
    incident = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    total = ShareSerializer()
    townships = ShareSerializer(many=True)


class ImportedSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    total = serializers.IntegerField()
