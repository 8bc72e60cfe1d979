"""Where an incident is, without a geocoder: the place search of the intake and edit forms, the point → township
lookup, and the district and township outlines the pickers draw (public: the public report page has them too)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from yingji.core.models import Region, RegionLevel
from yingji.geo.errors import GeoError

from .locate import checked_point, place_codes, region_for_point, search_places


@login_required
@require_GET
def places(request):
    """`?q=石桥` → {"results": [{label, kind, township, village, lon, lat}]} within the user's reach."""
    return JsonResponse({"results": search_places(request.GET.get("q", "")[:50], request.user)})


@require_GET
def locate(request):
    """`?lon=&lat=` → {"township", "village", "label"} of the point; 400 with the message when it is outside."""
    try:
        point = checked_point(request.GET.get("lon"), request.GET.get("lat"))
    except (ValidationError, GeoError, TypeError, ValueError) as exc:
        message = "；".join(getattr(exc, "messages", [])) or _("坐标无效")
        return JsonResponse({"error": {"code": "invalid_point", "message": message, "fields": {"lon": [message]}}},
                            status=400)
    return JsonResponse(place_codes(region_for_point(*point)))


@require_GET
@cache_control(max_age=3600, public=True)
def outline(request):
    """The district and its townships as GeoJSON, with names (public administrative boundaries)."""
    regions = Region.objects.filter(level__lte=RegionLevel.TOWNSHIP, geometry__isnull=False).order_by("level", "code")
    features = [{"type": "Feature", "geometry": r.geometry,
                 "properties": {"code": r.code, "name": r.name, "level": r.level,
                                "approximate": r.geometry_is_approximate}}
                for r in regions]
    return JsonResponse({"type": "FeatureCollection", "features": features})
