"""The OpenAPI document and its Swagger UI: open in demo mode, for signed-in users only in production.

The UI is drf-spectacular's split view: its start-up script is a separate request, not an inline script, so
it runs under the Content-Security-Policy."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny, IsAuthenticated


class SchemaView(SpectacularAPIView):
    def get_permissions(self):
        return [AllowAny()] if settings.DEMO_MODE else [IsAuthenticated()]


class DocsView(SpectacularSwaggerSplitView):
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        if not settings.DEMO_MODE and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().get(request, *args, **kwargs)
