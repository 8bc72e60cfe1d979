from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.extensions import MAP_LAYERS

from .cache import cached_layer_response
from .layers import visible_layers


def parse_bbox(raw: str | None):
    if not raw:
        return None
    try:
        values = [float(part) for part in raw.split(",")]
    except ValueError:
        values = []
    if len(values) != 4 or values[0] > values[2] or values[1] > values[3]:
        raise DomainError("invalid_bbox", _("bbox 格式应为 最小经度,最小纬度,最大经度,最大纬度"), field="bbox")
    return values


class LayerSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    group = serializers.CharField()
    color = serializers.CharField()
    geometry = serializers.CharField(help_text="Point、LineString 或 Polygon")
    legend = serializers.ListField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="[[颜色, 说明], …]")


class FeatureCollectionSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="FeatureCollection")
    features = serializers.ListField(child=serializers.DictField(), help_text="GeoJSON Feature")


class LayerListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="onemap_layers_list", responses={200: LayerSerializer(many=True), **ERRORS})
    def get(self, request):
        return Response([{"slug": layer.slug, "title": layer.title, "group": layer.group, "color": layer.color,
                          "geometry": layer.geometry, "legend": [[c, str(label)] for c, label in layer.legend]}
                         for layer in visible_layers(request.user)])


class LayerFeaturesView(APIView):
    """One layer as GeoJSON. ?bbox=minLon,minLat,maxLon,maxLat sends only what is in view."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("bbox", str), OpenApiParameter("township", str),
                               OpenApiParameter("q", str, description="按名称搜索")],
                   responses={200: FeatureCollectionSerializer, **ERRORS})
    def get(self, request, slug):
        layer = MAP_LAYERS.get(slug)
        if layer is None:
            raise DomainError("unknown_layer", _("图层不存在"), field="slug")
        if layer.permission and not request.user.has_perm(layer.permission):
            raise PermissionDeniedError("permission_denied", _("没有查看该图层的权限"))
        bbox = parse_bbox(request.query_params.get("bbox"))
        query = (request.query_params.get("q") or "").strip()
        if layer.version is not None and request.accepted_renderer.format == "json":
            return cached_layer_response(request, layer, bbox, query)
        features = layer.features(request.user, bbox, request.query_params)
        if query:  # layers that do not filter by name themselves are searched here
            features = [f for f in features if query in str(f.get("properties", {}).get("name", ""))]
        return Response({"type": "FeatureCollection", "features": features})
