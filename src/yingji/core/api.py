"""Core API: regions, the current user, and the token endpoint."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .accounts_login import lock_message
from .accounts_services import issue_token
from .api_serializers import error_responses
from .errors import DomainError, PermissionDeniedError
from .models import Region
from .scoping import scope_to_user


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Region
        fields = [
            "uuid",
            "code",
            "name",
            "level",
            "level_display",
            "kind",
            "parent",
            "population",
            "households",
            "area_km2",
            "lon",
            "lat",
            "geometry_is_approximate",
            "is_demo",
        ]


class RegionGeometrySerializer(RegionSerializer):
    class Meta(RegionSerializer.Meta):
        fields = [*RegionSerializer.Meta.fields, "geometry"]


class RegionFilter(filters.FilterSet):
    parent = filters.CharFilter(field_name="parent__code", label="上级区域编码")
    within = filters.CharFilter(method="filter_within", label="区域编码（含全部下级）")

    class Meta:
        model = Region
        fields = ["level", "kind"]

    def filter_within(self, queryset, name, value):
        return queryset.filter(path__contains=f"/{value}/")


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """行政区域树（区县、乡镇街道、村社区、网格），按管辖区域过滤。?geometry=1 返回边界。"""

    queryset = Region.objects.select_related("parent")
    filterset_class = RegionFilter
    search_fields = ["name", "code"]
    ordering_fields = ["code", "name", "population"]
    lookup_field = "uuid"

    def get_serializer_class(self):
        wants_geometry = self.request and self.request.query_params.get("geometry") in {"1", "true"}
        return RegionGeometrySerializer if wants_geometry or self.action == "retrieve" else RegionSerializer

    def get_queryset(self):
        return scope_to_user(super().get_queryset(), self.request.user)


class MeSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    organization = serializers.CharField(source="organization.name", default=None)
    region = serializers.CharField(source="region.code", default=None)
    region_name = serializers.CharField(source="region.name", default=None)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeSerializer, **error_responses(401)})
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class TokenSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class TokenView(APIView):
    """POST {"username","password"} → {"token"}. Repeated failures lock the account (403 account_locked, with
    the time the lock ends); a new token replaces the user's old one and is audited as an API login."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(request=TokenSerializer, responses={
        200: inline_serializer("Token", {"token": serializers.CharField()}), **error_responses(400, 403, 429)})
    def post(self, request):
        serializer = TokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request._request, **serializer.validated_data)
        if user is None:
            until = getattr(request._request, "login_locked_until", None)
            if until is not None:
                raise PermissionDeniedError("account_locked", lock_message(until))
            raise DomainError("invalid_credentials", _("用户名或密码错误"))
        if user.must_change_password and not settings.DEMO_MODE:
            raise PermissionDeniedError("password_change_required", _("请先登录网页修改管理员设置的初始密码"))
        return Response({"token": issue_token(user=user).key})
