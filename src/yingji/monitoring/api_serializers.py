"""Contracts of the monitoring app's hand-written endpoints."""

from rest_framework import serializers


class ReadingSerializer(serializers.Serializer):
    device = serializers.CharField(required=False, help_text="设备编号；可省略（取密钥所属设备）")
    time = serializers.CharField(help_text="ISO 8601 时间（无时区时按北京时间）或 Unix 秒")
    values = serializers.DictField(help_text='监测量 → 数值，或 {"value": 数值, "unit": "单位"}')


class RefusedSerializer(serializers.Serializer):
    device = serializers.CharField()
    quantity = serializers.CharField()
    reason = serializers.CharField(help_text="unknown_device | device_mismatch | unknown_quantity | unit_mismatch | "
                                             "out_of_range | clock_skew | duplicate_timestamp | malformed")
    field = serializers.CharField()
    detail = serializers.CharField()


class IngestResultSerializer(serializers.Serializer):
    received = serializers.IntegerField()
    stored = serializers.IntegerField()
    refused = RefusedSerializer(many=True)


class KeySerializer(serializers.Serializer):
    device = serializers.CharField()
    key = serializers.CharField(help_text="只显示这一次；请求头 Authorization: Device <key>")


class AlarmEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="confirm | handle | resolve | false")
    note = serializers.CharField(required=False, help_text="解除和误报须填写")


class AlarmStateSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    state = serializers.CharField()
    level = serializers.CharField()


class SeriesSerializer(serializers.Serializer):
    sensors = serializers.ListField(child=serializers.DictField())
