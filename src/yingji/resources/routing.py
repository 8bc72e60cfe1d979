"""Travel time from a point to many destinations, behind one small interface.

The default `Estimator` needs no network: straight-line distance × a detour factor ÷ the speed of a
road class chosen by distance (short trips run on urban streets, longer ones on county and trunk roads).
`OSRM` and `Valhalla` ask a routing server over HTTP (one table request for all destinations); when
the server fails or is unreachable the estimate is used, flagged `estimated`.

Configuration (settings.YINGJI_ROUTING, or the YINGJI_ROUTING environment variable), e.g.:
  ""                                              → the estimator with its defaults
  "osrm:http://127.0.0.1:5000"                    → OSRM, profile "driving"
  "valhalla:http://127.0.0.1:8002"                → Valhalla, costing "auto"
  '{"backend": "estimate", "detour": 1.3, "speeds": [[5000, "城区道路", 25], [null, "干线公路", 60]]}'
  '{"backend": "osrm", "url": "http://osrm:5000", "profile": "driving", "timeout": 3}'
"""

import json
import logging
import os
import urllib.request
from dataclasses import dataclass
from functools import cache

from django.conf import settings

from yingji.geo.measure import haversine_m

log = logging.getLogger(__name__)
Point = tuple[float, float]  # (lon, lat)

# (up to this straight-line distance in m, road class, km/h); None = any distance beyond.
DEFAULT_SPEEDS = ((5_000, "城区道路", 30), (15_000, "县乡道路", 45), (None, "干线公路", 60))
DEFAULT_DETOUR = 1.4


@dataclass(frozen=True)
class Route:
    distance_m: float
    duration_s: float
    estimated: bool = True
    road_class: str = ""


class Estimator:
    name = "estimate"

    def __init__(self, detour: float = DEFAULT_DETOUR, speeds=DEFAULT_SPEEDS):
        self.detour = float(detour)
        self.speeds = tuple((limit, label, float(kmh)) for limit, label, kmh in speeds)

    def route(self, origin: Point, destination: Point) -> Route:
        straight = haversine_m(origin[0], origin[1], destination[0], destination[1])
        _limit, label, kmh = next(s for s in self.speeds if s[0] is None or straight <= s[0])
        distance = straight * self.detour
        return Route(distance, distance / (kmh / 3.6), True, label)

    def table(self, origin: Point, destinations: list[Point]) -> list[Route]:
        return [self.route(origin, d) for d in destinations]


class HttpRouter:
    """Common part of the HTTP backends: one request, fall back to the estimator on any failure."""

    name = "http"

    def __init__(self, url: str, timeout: float = 3.0, fallback: Estimator | None = None, **options):
        self.url, self.timeout, self.options = url.rstrip("/"), float(timeout), options
        self.fallback = fallback or Estimator()

    def table(self, origin: Point, destinations: list[Point]) -> list[Route]:
        if not destinations:
            return []
        try:
            return self.request(origin, destinations)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            log.warning("routing backend %s failed (%s); using the estimate", self.name, exc)
            return self.fallback.table(origin, destinations)

    def fetch(self, url: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read().decode())

    def request(self, origin, destinations) -> list[Route]:
        raise NotImplementedError


class OSRM(HttpRouter):
    name = "osrm"

    def request(self, origin, destinations):
        coords = ";".join(f"{lon:.6f},{lat:.6f}" for lon, lat in [origin, *destinations])
        profile = self.options.get("profile", "driving")
        answer = self.fetch(f"{self.url}/table/v1/{profile}/{coords}?sources=0&annotations=duration,distance")
        if answer.get("code") != "Ok":
            raise ValueError(answer.get("message") or answer.get("code"))
        durations, distances = answer["durations"][0][1:], answer["distances"][0][1:]
        return [self._route(origin, d, t, m) for d, t, m in zip(destinations, durations, distances, strict=True)]

    def _route(self, origin, destination, duration, distance):
        if duration is None:  # no road between them: say so with the estimate
            return self.fallback.route(origin, destination)
        return Route(float(distance), float(duration), False, "")


class Valhalla(HttpRouter):
    name = "valhalla"

    def request(self, origin, destinations):
        body = {"sources": [{"lon": origin[0], "lat": origin[1]}],
                "targets": [{"lon": lon, "lat": lat} for lon, lat in destinations],
                "costing": self.options.get("costing", "auto")}
        cells = self.fetch(f"{self.url}/sources_to_targets", body)["sources_to_targets"][0]
        return [self.fallback.route(origin, d) if cell.get("time") is None
                else Route(float(cell["distance"]) * 1000, float(cell["time"]), False, "")
                for d, cell in zip(destinations, cells, strict=True)]


BACKENDS = {"osrm": OSRM, "valhalla": Valhalla}


def configuration() -> str:
    return str(getattr(settings, "YINGJI_ROUTING", None) or os.environ.get("YINGJI_ROUTING", "")).strip()


def get_router():
    return build_router(configuration())


@cache
def build_router(config: str):
    if not config:
        return Estimator()
    if config.startswith("{"):
        options = json.loads(config)
    else:
        backend, _sep, url = config.partition(":")
        options = {"backend": backend, "url": url}
    backend = options.pop("backend", "estimate")
    estimator = Estimator(options.pop("detour", DEFAULT_DETOUR), options.pop("speeds", DEFAULT_SPEEDS))
    if backend == "estimate":
        return estimator
    if backend not in BACKENDS:
        raise ValueError(f"unknown routing backend {backend!r}; use estimate, osrm or valhalla")
    return BACKENDS[backend](options.pop("url"), fallback=estimator, **options)
