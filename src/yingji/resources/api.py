"""API of the resources app beyond the registries: stock, the movement ledger, alerts, "near here" and
the dashboard indicators. Registry CRUD lives at /api/resources/<plural>/ (core.api_registry)."""

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS, body_of
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user

from . import indicators, movements, nearby, stock
from .api_serializers import NEARBY_PARAMETERS, IndicatorsSerializer, LowStockSerializer, NearbySerializer
from .models import StockBatch, StockMovement


class BatchSerializer(serializers.ModelSerializer):
    depot = serializers.CharField(source="depot.code")
    depot_name = serializers.CharField(source="depot.name")
    material = serializers.CharField(source="material.code")
    material_name = serializers.CharField(source="material.name")
    unit = serializers.CharField(source="material.unit")
    available = serializers.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        model = StockBatch
        fields = ["uuid", "depot", "depot_name", "material", "material_name", "unit", "batch_no", "quantity",
                  "reserved", "available", "expiry_date", "received", "is_demo"]


class MovementSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    depot = serializers.CharField(source="depot.code")
    material = serializers.CharField(source="material.code")
    batch_no = serializers.CharField(source="batch.batch_no")
    counterpart = serializers.CharField(source="counterpart.code", default=None)
    actor = serializers.CharField(source="actor.username", default=None)

    class Meta:
        model = StockMovement
        fields = ["uuid", "group", "kind", "kind_label", "depot", "material", "batch_no", "quantity", "balance",
                  "reserved_balance", "counterpart", "reason", "reference", "actor", "at", "is_demo"]


class MovementRequest(serializers.Serializer):
    kind = serializers.ChoiceField(list(movements.KINDS), help_text="receive/issue/transfer/adjust/scrap/…")
    depot = serializers.CharField(help_text="库点编码")
    to_depot = serializers.CharField(required=False, help_text="调入库点编码（调拨时）")
    material = serializers.CharField(help_text="物资编码")
    quantity = serializers.CharField(help_text="数量（盘点时为实盘数量）")
    batch_no = serializers.CharField(required=False)
    expiry_date = serializers.DateField(required=False)
    reason = serializers.CharField(required=False)
    reference = serializers.CharField(required=False)
    from_reserved = serializers.BooleanField(required=False)


class StockAlertsSerializer(serializers.Serializer):
    low_stock = LowStockSerializer(many=True)
    expiring = BatchSerializer(many=True)


class MovementResultSerializer(serializers.Serializer):
    group = serializers.UUIDField(help_text="本次变动的组号（调拨的出与入同组）")
    movements = MovementSerializer(many=True)


class StockFilter(filters.FilterSet):
    depot = filters.CharFilter(field_name="depot__code", label="库点编码")
    material = filters.CharFilter(field_name="material__code", label="物资编码")

    class Meta:
        model = StockBatch
        fields = ["depot", "material"]


class StockViewSet(viewsets.ReadOnlyModelViewSet):
    """库存批次（按库点×物资×批次），只读：变动请走 stock-movements。"""

    queryset = StockBatch.objects.all()
    serializer_class = BatchSerializer
    filterset_class = StockFilter
    lookup_field = "uuid"
    search_fields = ["material__name", "depot__name", "batch_no"]
    ordering_fields = ["expiry_date", "quantity"]

    def get_queryset(self):
        return stock.batches_for(self.request.user).order_by("depot__code", "material__code", "batch_no")

    @extend_schema(parameters=[OpenApiParameter("days", int, description="临期天数，默认 30")],
                   responses={200: StockAlertsSerializer, **ERRORS})
    @action(detail=False)
    def alerts(self, request):
        """低库存（低于定额）与临期批次（默认 30 天内到期）。"""
        days = request.query_params.get("days", str(stock.EXPIRING_DAYS))
        if not days.isdigit() or int(days) > 3650:
            raise DomainError("invalid_days", _("days 应为 0 到 3650 的整数"), field="days")
        low = [{"depot": m.depot.code, "depot_name": m.depot.name, "material": m.material.code,
                "material_name": m.material.name, "unit": m.material.unit, "quantity": m.total, "minimum": m.minimum}
               for m in stock.low_stock(request.user)]
        return Response({"low_stock": low,
                         "expiring": BatchSerializer(stock.expiring(request.user, int(days)), many=True).data})


class MovementViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """库存台账：每一次入库、出库、调拨、盘点、报废、预占与释放。POST 办理一次变动（全部成功或全部不做）。"""

    queryset = StockMovement.objects.all()
    serializer_class = MovementSerializer
    lookup_field = "uuid"
    filterset_fields = {"kind": ["exact"], "depot__code": ["exact"], "material__code": ["exact"], "group": ["exact"]}
    ordering_fields = ["at"]

    def get_queryset(self):
        return scope_to_user(StockMovement.objects.select_related("depot", "material", "batch", "counterpart",
                                                                  "actor"), self.request.user)

    @extend_schema(request=MovementRequest, responses={201: MovementResultSerializer, **ERRORS})
    def create(self, request, *args, **kwargs):
        result = movements.perform(request.user, body_of(request, MovementRequest))
        return Response({"group": str(result.group), "movements": MovementSerializer(result.rows, many=True).data},
                        status=201)


class NearbyView(APIView):
    """就近查找：?lon=&lat=&kind=team|depot|shelter|expert&limit=，以及 material、quantity、equipment、
    speciality、readiness、field。按预计通行时间排序。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=NEARBY_PARAMETERS, responses={200: NearbySerializer, **ERRORS})
    def get(self, request):
        return Response(nearby.find(request.user, request.query_params))


class IndicatorsView(APIView):
    """资源指标（实时计算）：人均避难面积、中心村物资储备、队伍装备率、队伍/人员/装备分类统计、临期与低库存。"""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: IndicatorsSerializer, **ERRORS})
    def get(self, request):
        if not request.user.has_perm("resources.view_rescueteam"):
            raise PermissionDeniedError("permission_denied", _("没有查看应急资源的权限"))
        return Response(indicators.compute(request.user))
