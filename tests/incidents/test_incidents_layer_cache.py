"""The incident layer of the one-map, built once per version and served from the cache (issue 13 §2): what each
user gets is exactly what they may see, right after any change, and a reload of an unchanged layer is a 304."""

import gzip
import json

import pytest
from django.core.cache import cache
from django.test import Client

from yingji.core.scoping import scope_key
from yingji.incidents.models import Incident
from yingji.incidents.registrations import _incident_features
from yingji.incidents.services import create_incident, update_incident
from yingji.incidents.workflows import fire_incident

from .conftest import GUIHUA, LONGFENG, accident_data, landslide_data

pytestmark = pytest.mark.django_db
URL = "/api/onemap/layers/incidents/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _names(client, **params) -> list[str]:
    answer = client.get(URL, params)
    assert answer.status_code == 200
    return [f["properties"]["name"] for f in answer.json()["features"]]


def _fresh(user) -> list[str]:
    """What the layer shows the user, worked out without any cache."""
    return [f["properties"]["name"] for f in _incident_features(user, None, {})]


def test_two_townships_each_see_their_own_incidents_before_and_after_a_change(users, now):
    guihua_admin, longfeng_admin = users["township-guihua"], users["township-longfeng"]
    create_incident(actor=users["duty"], data=landslide_data(name="桂花镇滑坡"), now=now)
    create_incident(actor=users["duty"], data=accident_data(name="龙凤镇车祸"), now=now)
    guihua, longfeng = _client(guihua_admin), _client(longfeng_admin)
    assert "桂花镇滑坡" in _names(guihua) and "龙凤镇车祸" not in _names(guihua)
    assert "龙凤镇车祸" in _names(longfeng) and "桂花镇滑坡" not in _names(longfeng)
    assert scope_key(Incident, guihua_admin) != scope_key(Incident, longfeng_admin)

    create_incident(actor=users["duty"], data=landslide_data(name="桂花镇第二处滑坡"), now=now)
    assert _names(guihua) == _fresh(guihua_admin) and "桂花镇第二处滑坡" in _names(guihua)
    assert _names(longfeng) == _fresh(longfeng_admin) and "桂花镇第二处滑坡" not in _names(longfeng)
    # The district's commander sees both townships', in the same order as without the cache.
    assert _names(_client(users["commander"])) == _fresh(users["commander"])


def test_an_update_and_a_closing_show_on_the_next_request(users, now):
    incident = create_incident(actor=users["duty"], data=landslide_data(name="后山滑坡"), now=now)
    client = _client(users["township-guihua"])
    assert "后山滑坡" in _names(client)

    incident = update_incident(incident, actor=users["duty"], data={"name": "后山滑坡（扩大）"})
    assert "后山滑坡（扩大）" in _names(client) and "后山滑坡" not in _names(client)

    fire_incident(incident, "mark_false", actor=users["duty"], data={"reason": "核实为旧伤"})
    assert "后山滑坡（扩大）" not in _names(client)
    assert _names(client) == _fresh(users["township-guihua"])


def test_an_unchanged_layer_is_answered_304_and_a_changed_one_is_sent_again(users, now):
    create_incident(actor=users["duty"], data=landslide_data(name="后山滑坡"), now=now)
    client = _client(users["commander"])
    first = client.get(URL)
    etag = first["ETag"]
    assert first.status_code == 200 and etag and "no-cache" in first["Cache-Control"]

    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""

    create_incident(actor=users["duty"], data=accident_data(name="两车相撞甲"), now=now)
    changed = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "两车相撞甲" in [f["properties"]["name"] for f in changed.json()["features"]]
    # Another township's user with the commander's old ETag is not told "unchanged": their layer is another one.
    other = _client(users["township-longfeng"]).get(URL, HTTP_IF_NONE_MATCH=changed["ETag"])
    assert other.status_code == 200


def test_gzip_when_accepted_with_the_same_features(users, now):
    create_incident(actor=users["duty"], data=landslide_data(name="后山滑坡"), now=now)
    client = _client(users["commander"])
    plain = client.get(URL)
    zipped = client.get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain and zipped["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
    assert "Accept-Encoding" in zipped["Vary"]


def test_box_and_name_filters_on_the_cached_layer(users, now):
    create_incident(actor=users["duty"], data=landslide_data(name="后山滑坡"), now=now)
    create_incident(actor=users["duty"], data=accident_data(name="两车相撞甲"), now=now)
    client = _client(users["commander"])
    around_guihua = f"{GUIHUA[0] - 0.01},{GUIHUA[1] - 0.01},{GUIHUA[0] + 0.01},{GUIHUA[1] + 0.01}"
    in_box = _names(client, bbox=around_guihua)
    assert "后山滑坡" in in_box and "两车相撞甲" not in in_box
    expected = [f["properties"]["name"] for f in _incident_features(
        users["commander"], [float(v) for v in around_guihua.split(",")], {})]
    assert in_box == expected
    assert _names(client, q="相撞甲") == ["两车相撞甲"]
    around_longfeng = f"{LONGFENG[0] - 0.01},{LONGFENG[1] - 0.01},{LONGFENG[0] + 0.01},{LONGFENG[1] + 0.01}"
    assert "两车相撞甲" in _names(client, bbox=around_longfeng)
    assert client.get(URL, {"bbox": "1,2,3"}).status_code == 400


def test_english_gets_its_own_labels(users, now):
    create_incident(actor=users["duty"], data=landslide_data(name="后山滑坡"), now=now)
    client = _client(users["commander"])
    chinese = client.get(URL).json()["features"]
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").json()["features"]
    assert chinese[0]["properties"]["status"] != english[0]["properties"]["status"]
    assert english[0]["properties"]["status"].isascii()


def test_users_of_one_jurisdiction_share_a_key_and_nobody_else(users):
    from yingji.core.models import User

    other = User.objects.create_user("township-guihua-2", password="x", region=users["township-guihua"].region)
    assert scope_key(Incident, other) == scope_key(Incident, users["township-guihua"])
    assert scope_key(Incident, users["grid-guihua-01"]) != scope_key(Incident, users["township-guihua"])
    assert scope_key(Incident, users["commander"]) != scope_key(Incident, users["township-guihua"])


def _board(client) -> list[str]:
    answer = client.get("/incidents/board/data/")
    assert answer.status_code == 200
    return [row["name"] for row in answer.json()["incidents"]]


def test_the_boards_rows_are_each_townships_own_and_follow_every_change(users, now):
    guihua, longfeng = _client(users["township-guihua"]), _client(users["township-longfeng"])
    incident = create_incident(actor=users["duty"], data=landslide_data(name="桂花镇滑坡"), now=now)
    assert "桂花镇滑坡" in _board(guihua) and "桂花镇滑坡" not in _board(longfeng)
    before = _board(longfeng)

    create_incident(actor=users["duty"], data=accident_data(name="龙凤镇车祸乙"), now=now)
    assert "龙凤镇车祸乙" in _board(longfeng) and "龙凤镇车祸乙" not in _board(guihua)
    assert set(_board(longfeng)) == {"龙凤镇车祸乙", *before}

    incident = update_incident(incident, actor=users["duty"], data={"name": "桂花镇滑坡（扩大）"})
    assert "桂花镇滑坡（扩大）" in _board(guihua)
    fire_incident(incident, "mark_false", actor=users["duty"], data={"reason": "核实为旧伤"})
    assert not {"桂花镇滑坡", "桂花镇滑坡（扩大）"} & set(_board(guihua))


def test_features_are_encoded_as_the_api_renders_them_whatever_their_nesting():
    from rest_framework.renderers import JSONRenderer

    from yingji.onemap.cache import _encoded

    render = JSONRenderer().render
    tricky = [
        {"type": "Feature", "properties": {"name": '引号},{"type":"Feature"', "list": [{"type": "Feature"}]}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.1, 30.2]}, "properties": {"a": {"b": 1}}},
        {"type": "Feature", "properties": {"name": "末尾"}},
    ]
    for features in (tricky, tricky[1:], tricky[:1], []):
        assert _encoded(features) == [render(feature) for feature in features]


def test_the_layers_features_carry_what_the_record_says_in_each_language(users, now):
    from django.utils import translation

    incident = create_incident(actor=users["duty"], data=landslide_data(name="后山滑坡"), now=now)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            feature = next(f for f in _incident_features(users["commander"], None, {})
                           if f["properties"]["uuid"] == str(incident.uuid))
            assert feature["properties"]["status"] == incident.get_status_display()
            assert feature["properties"]["code"] == incident.code and feature["geometry"]["coordinates"] == [
                incident.lon, incident.lat]
