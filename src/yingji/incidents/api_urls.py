from rest_framework.routers import DefaultRouter

from .api import IncidentViewSet, ReportViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("incidents", IncidentViewSet, basename="incident")
router.register("reports", ReportViewSet, basename="situationreport")

urlpatterns = router.urls
