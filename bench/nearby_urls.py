"""The platform's URLs plus the near-here benchmark's two references (bench/resources.py):
- /bench/bare-bbox/: the baseline, a bare view doing one indexed bounding-box query;
- /bench/nearby-before/: the near-here API with the ranking it had before issue 13 replayed (every candidate
  loaded with its jurisdiction join and sorted by haversine in Python), for a before/now figure in one run."""

from unittest import mock

from django.http import JsonResponse
from django.urls import path

from yingji.geo.measure import haversine_m
from yingji.resources import nearby
from yingji.resources.api import NearbyView
from yingji.resources.models import RescueTeam
from yingji.urls import urlpatterns as platform_urlpatterns

HALF_BOX_DEGREES = 0.015  # about 1.5 km: the first box near-here asks for


def bare_bbox_query(lon: float, lat: float, limit: int = 10) -> list:
    """Ten teams in a box around the point: one query on the indexed lon/lat columns, nothing else."""
    d = HALF_BOX_DEGREES
    return list(RescueTeam.objects.filter(lon__range=(lon - d, lon + d), lat__range=(lat - d, lat + d))
                .order_by().values_list("pk", "lon", "lat")[:limit])


def bare_bbox(request):
    points = bare_bbox_query(float(request.GET["lon"]), float(request.GET["lat"]))
    return JsonResponse({"results": [{"id": pk, "lon": lon, "lat": lat} for pk, lon, lat in points]})


def old_nearest(candidates, origin, count):
    """Near-here's ranking before issue 13."""
    points = candidates.filter(lon__isnull=False).values_list("pk", "lon", "lat")
    return sorted(points, key=lambda p: haversine_m(origin[0], origin[1], p[1], p[2]))[:count]


def find_before(user, params):
    with mock.patch.object(nearby, "nearest_points", old_nearest):
        return nearby.find(user, params)


nearby_now = NearbyView.as_view()


def nearby_before(request):
    with mock.patch.object(nearby, "nearest_points", old_nearest):
        return nearby_now(request)


urlpatterns = [path("bench/bare-bbox/", bare_bbox), path("bench/nearby-before/", nearby_before),
               *platform_urlpatterns]
