"""OpenAPI shapes of the resources API answers that are computed dicts (near here, indicators, stock alerts)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from .nearby import KINDS


class PointSerializer(serializers.Serializer):
    lon = serializers.FloatField()
    lat = serializers.FloatField()


class NearbyResultSerializer(serializers.Serializer):
    """One resource and its route; each kind adds its own fields (stock, equipment, capacity…)."""

    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    lon = serializers.FloatField()
    lat = serializers.FloatField()
    region = serializers.CharField()
    url = serializers.CharField()
    distance_km = serializers.FloatField()
    minutes = serializers.FloatField(help_text="预计通行时间")
    estimated = serializers.BooleanField(help_text="按直线距离估算（无路网时）")
    road_class = serializers.CharField(allow_null=True)
    is_demo = serializers.BooleanField()


class NearbySerializer(serializers.Serializer):
    origin = PointSerializer()
    kind = serializers.CharField()
    router = serializers.CharField()
    results = NearbyResultSerializer(many=True)


NEARBY_PARAMETERS = [
    OpenApiParameter("lon", OpenApiTypes.DOUBLE, required=True, description="经度"),
    OpenApiParameter("lat", OpenApiTypes.DOUBLE, required=True, description="纬度"),
    OpenApiParameter("kind", str, enum=list(KINDS), description="默认 team"),
    OpenApiParameter("limit", int, description="返回条数"),
    *[OpenApiParameter(name, str) for name in ("material", "quantity", "equipment", "speciality", "readiness",
                                               "field")],
]


class IndicatorsSerializer(serializers.Serializer):
    shelter_area = serializers.DictField(help_text="人均避难面积：target_m2、townships、meeting、total")
    central_village_points = serializers.JSONField(help_text="中心村物资储备点")
    teams_equipped = serializers.JSONField(help_text="队伍装备率")
    teams_by_type = serializers.JSONField()
    equipment_by_kind = serializers.JSONField()
    stock_alerts = serializers.DictField(child=serializers.IntegerField(), help_text="expiring、low_stock 条数")


class LowStockSerializer(serializers.Serializer):
    depot = serializers.CharField()
    depot_name = serializers.CharField()
    material = serializers.CharField()
    material_name = serializers.CharField()
    unit = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=14, decimal_places=2)
    minimum = serializers.DecimalField(max_digits=14, decimal_places=2)
