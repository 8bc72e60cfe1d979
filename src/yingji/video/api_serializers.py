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


class GatewayStreamSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="监控点编号")
    device_id = serializers.CharField(help_text="国标设备编码")
    channel_id = serializers.CharField(help_text="国标通道编码（可为空）")
    rtsp_url = serializers.CharField(help_text="网关应拉取的 RTSP 地址")
    hls_url = serializers.CharField(help_text="网关应发布的 HLS 地址（YINGJI_VIDEO_GATEWAY_RTSP_HLS）")
    status = serializers.CharField()


class GatewayStreamsSerializer(serializers.Serializer):
    configured = serializers.BooleanField(help_text="是否配置了视频网关")
    streams = GatewayStreamSerializer(many=True)
