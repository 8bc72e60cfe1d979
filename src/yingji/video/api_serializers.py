from rest_framework import serializers


class PositionSerializer(serializers.Serializer):
    lon = serializers.FloatField(help_text="WGS84 经度")
    lat = serializers.FloatField(help_text="WGS84 纬度")
    altitude = serializers.FloatField(required=False, allow_null=True, help_text="高度（米）")
    recorded_at = serializers.DateTimeField(required=False, help_text="定位时间（ISO 8601），缺省为接收时间")


class PositionsBodySerializer(serializers.Serializer):
    positions = PositionSerializer(many=True)
    incident = serializers.UUIDField(required=False, allow_null=True, help_text="所属事件的 uuid（可选）")


class TrackSerializer(serializers.Serializer):
    camera = serializers.UUIDField()
    count = serializers.IntegerField()
    positions = PositionSerializer(many=True)
