"""Travel time: the built-in estimate, and OSRM/Valhalla servers over HTTP (a real local peer that
answers in their formats), with the estimate as the fallback when the server fails."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from yingji.resources.routing import OSRM, Estimator, Valhalla, build_router

CITY = (105.5927, 30.5139)
GUIHUA = (105.604, 30.428)


class Peer(BaseHTTPRequestHandler):
    fail = False

    def log_message(self, *args):
        pass

    def _answer(self, body, status=200):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def do_GET(self):  # OSRM table service
        if Peer.fail:
            return self._answer({"code": "InvalidQuery", "message": "broken"}, 400)
        n = self.path.split("/table/v1/driving/")[1].split("?")[0].count(";")
        self._answer({"code": "Ok", "durations": [[0] + [600.0 * (i + 1) for i in range(n)]],
                      "distances": [[0] + [9000.0 * (i + 1) for i in range(n)]]})

    def do_POST(self):  # Valhalla sources_to_targets
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self._answer({"sources_to_targets": [[{"time": 300.0, "distance": 4.5} for _ in body["targets"]]]})


@pytest.fixture
def peer():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Peer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Peer.fail = False
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_estimate_uses_detour_and_road_class_speed():
    short = Estimator().route(CITY, (105.60, 30.52))
    far = Estimator().route(CITY, GUIHUA)
    assert short.road_class == "城区道路" and far.road_class == "县乡道路"
    assert far.duration_s == pytest.approx(far.distance_m / (45 / 3.6))
    assert far.distance_m > 1.3 * 9_000 and far.estimated


def test_osrm_backend_over_http(peer):
    routes = OSRM(peer).table(CITY, [GUIHUA, (105.60, 30.52)])
    assert [(r.duration_s, r.distance_m, r.estimated) for r in routes] == [(600.0, 9000.0, False),
                                                                            (1200.0, 18000.0, False)]


def test_a_failing_server_falls_back_to_the_estimate(peer):
    Peer.fail = True
    routes = OSRM(peer).table(CITY, [GUIHUA])
    assert routes[0].estimated and routes[0].road_class == "县乡道路"
    unreachable = OSRM("http://127.0.0.1:9", timeout=0.5).table(CITY, [GUIHUA])
    assert unreachable[0].estimated


def test_valhalla_backend_and_configuration(peer):
    routes = Valhalla(peer).table(CITY, [GUIHUA])
    assert (routes[0].duration_s, routes[0].distance_m) == (300.0, 4500.0)
    assert isinstance(build_router(f"osrm:{peer}"), OSRM)
    assert build_router('{"backend": "estimate", "detour": 2.0}').detour == 2.0
    with pytest.raises(ValueError):
        build_router("pigeon:http://x")


@pytest.mark.django_db
def test_nearby_uses_the_configured_router(api, users, peer, settings):
    settings.YINGJI_ROUTING = f"osrm:{peer}"
    answer = api(users["duty"]).get("/api/resources/nearby/", {"lon": "105.575", "lat": "30.49", "kind": "shelter",
                                                                "limit": "3"}).json()
    assert answer["router"] == "osrm" and [r["minutes"] for r in answer["results"]] == [10.0, 20.0, 30.0]


@pytest.mark.django_db
@pytest.mark.parametrize(("params", "code"), [
    ({"lon": "abc", "lat": "30.5"}, "invalid_coordinate"),
    ({"lon": "2.35", "lat": "48.85"}, "location_outside_china"),
    ({"kind": "boat"}, "unknown_kind"),
    ({"limit": "0"}, "invalid_limit"),
    ({"kind": "depot", "material": "9999999"}, "unknown_material"),
    ({"kind": "depot", "material": "3010101", "quantity": "-1"}, "negative_quantity"),
    ({"kind": "expert", "field": "magic"}, "unknown_field"),
])
def test_nearby_bad_input(api, users, params, code):
    response = api(users["duty"]).get("/api/resources/nearby/", {"lon": "105.575", "lat": "30.49", **params})
    assert response.status_code == 400 and response.json()["error"]["code"] == code


@pytest.mark.django_db
def test_nearby_depots_holding_a_material(api, users):
    answer = api(users["duty"]).get("/api/resources/nearby/", {"lon": "105.575", "lat": "30.49", "kind": "depot",
                                                                "material": "3010101", "quantity": "4000"}).json()
    assert {r["code"] for r in answer["results"]} == {"DEP-D01", "DEP-F01", "DEP-F02"}
    assert all(float(r["available"]) >= 4000 for r in answer["results"])
