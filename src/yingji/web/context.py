from django.conf import settings

from .navigation import navigation


def shell(request):
    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.DEMO_MODE,
        "nav_groups": navigation(user) if user is not None and user.is_authenticated else [],
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        # <script nonce="{{ csp_nonce }}">: lazy, so only pages that use it put a nonce in their policy
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
