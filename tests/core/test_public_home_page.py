"""公众服务 (issue 14 §16): an anonymous visitor at / gets the public home, not the login page: warnings in force,
the public report, the nearest open shelter with room from a position or a typed place, safety guidance. No personal
data; searches are limited per address. Signed-in users keep the overview."""

import pytest

from yingji.demo.townships import township
from yingji.resources.models import Shelter

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_gets_the_public_home(client):
    page = client.get("/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "公众服务" in text and "暴雨黄色预警" in text  # the demo warning in force
    assert "/cap/" in text and "/incidents/report/" in text and "防御指南" in text
    assert 'id="staff-login"' in text


def test_signed_in_users_keep_the_overview_and_may_open_the_public_home(client, users):
    client.force_login(users["duty"])
    assert "公众服务：" not in client.get("/").content.decode()
    assert client.get("/").templates[0].name == "web/home.html"
    assert client.get("/public/").status_code == 200


def test_the_login_page_links_to_the_public_home(client):
    assert 'href="/public/"' in client.get("/accounts/login/").content.decode()


def test_nearest_shelters_from_a_typed_place(client):
    page = client.get("/", {"place": "桂花镇"}, REMOTE_ADDR="10.1.0.1")
    assert page.status_code == 200
    results = page.context["search"]["results"]
    assert len(results) == 3 and page.context["search"]["from"] == "桂花镇"
    assert results == sorted(results, key=lambda r: r["distance_km"])
    assert all(r["free"] > 0 for r in results)
    names = {r["name"] for r in results}
    usable = Shelter.objects.filter(name__in=names, shelter_status__in=["open", "ready"])
    assert usable.count() == 3
    text = page.content.decode()
    assert "离“桂花镇”最近" in text and results[0]["name"] in text
    for shelter in usable:  # no personal data: the manager and their phone stay private
        assert (not shelter.manager or shelter.manager not in text)
        assert (not shelter.manager_phone or shelter.manager_phone not in text)


def test_nearest_shelters_from_the_visitors_position_skip_full_and_closed_ones(client):
    seat = township("老池镇").seat
    nearest = Shelter.objects.filter(shelter_status__in=["open", "ready"]).exclude(capacity=0).first()
    full = Shelter.objects.get(pk=nearest.pk)
    full.occupancy = full.capacity
    full.save()
    page = client.get("/public/", {"lon": str(full.lon), "lat": str(full.lat)}, REMOTE_ADDR="10.1.0.2")
    names = [r["name"] for r in page.context["search"]["results"]]
    assert page.context["search"]["from"] == "您的位置" and full.name not in names and len(names) == 3
    assert client.get("/public/", {"lon": str(seat[0]), "lat": str(seat[1])}, REMOTE_ADDR="10.1.0.2").status_code == 200


def test_an_unknown_place_or_a_position_outside_the_district_is_explained(client):
    unknown = client.get("/", {"place": "火星村"}, REMOTE_ADDR="10.1.0.3")
    assert unknown.status_code == 400 and "没有找到“火星村”" in unknown.content.decode()
    beijing = client.get("/", {"lon": "116.40", "lat": "39.90"}, REMOTE_ADDR="10.1.0.3")
    assert beijing.status_code == 400 and "船山区" in beijing.content.decode()
    garbage = client.get("/", {"lon": "east", "lat": "1e999"}, REMOTE_ADDR="10.1.0.3")
    assert garbage.status_code == 400


def test_searches_are_limited_per_address(client):
    for _n in range(20):
        assert client.get("/", {"place": "桂花镇"}, REMOTE_ADDR="10.1.0.4").status_code == 200
    refused = client.get("/", {"place": "桂花镇"}, REMOTE_ADDR="10.1.0.4")
    assert refused.status_code == 429 and "查询过于频繁" in refused.content.decode()
    assert client.get("/", REMOTE_ADDR="10.1.0.4").status_code == 200  # the page itself stays open
    assert client.get("/", {"place": "桂花镇"}, REMOTE_ADDR="10.1.0.5").status_code == 200


def test_the_public_home_in_english(client):
    text = client.get("/", {"place": "桂花镇"}, HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="10.1.0.6").content.decode()
    assert "Public services" in text and "Nearest shelters" in text and "Report an incident" in text
