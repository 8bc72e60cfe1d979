from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter(trailing_slash=True)
router.register("stock", api.StockViewSet, basename="resources-stock")
router.register("stock-movements", api.MovementViewSet, basename="resources-stock-movements")

urlpatterns = [
    path("nearby/", api.NearbyView.as_view(), name="api-resources-nearby"),
    path("indicators/", api.IndicatorsView.as_view(), name="api-resources-indicators"),
    *router.urls,
]
