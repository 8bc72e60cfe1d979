from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from yingji.core import api as core_api
from yingji.core.accounts_views import LoginPage
from yingji.core.api_docs import DocsView, SchemaView
from yingji.core.api_registry import build_viewset
from yingji.core.registry import REGISTRIES
from yingji.core.registry_views import registry_urlpatterns
from yingji.onemap import api as onemap_api
from yingji.web import views as web_views

DOMAIN_APPS = ("resources", "incidents", "alerts", "plans", "duty", "prevention", "enforcement", "monitoring",
               "census", "community", "drills", "exchange", "video", "consultation",
               "services")

router = DefaultRouter(trailing_slash=True)
router.register("core/regions", core_api.RegionViewSet, basename="region")
for registry in REGISTRIES.values():
    router.register(f"{registry.app_label}/{registry.plural}", build_viewset(registry), basename=registry.key)

api_patterns = [
    path("auth/token/", core_api.TokenView.as_view(), name="api-token"),
    path("core/me/", core_api.MeView.as_view(), name="api-me"),
    path("onemap/layers/", onemap_api.LayerListView.as_view(), name="api-layers"),
    path("onemap/layers/<slug:slug>/", onemap_api.LayerFeaturesView.as_view(), name="api-layer"),
    # Each domain app's own endpoints come before the registry router, which serves /api/<app>/<plural>/.
    *[path(f"{app}/", include(f"yingji.{app}.api_urls")) for app in ("channels", *DOMAIN_APPS)],
    path("indicators/", include("yingji.indicators.api_urls")),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", include("yingji.web.urls")),
    path("accounts/login/", LoginPage.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("core/", include("yingji.core.urls")),
    path("ack/", include("yingji.channels.urls")),
    *[path(f"{app}/", include(f"yingji.{app}.urls")) for app in DOMAIN_APPS],
    path("indicators/", include("yingji.indicators.urls")),
    path("cap/", include("yingji.alerts.public_urls")),
    path("r/", include((registry_urlpatterns(REGISTRIES.values()), "registry"))),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
    path("healthz", web_views.healthz, name="healthz"),
]

handler400 = "yingji.web.views.bad_request"
handler403 = "yingji.web.views.forbidden"
handler404 = "yingji.web.views.not_found"
handler500 = "yingji.web.views.server_error"
