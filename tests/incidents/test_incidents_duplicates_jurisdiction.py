"""Possible duplicates (issue 12 §2): only those the viewer may see, and found by place and time in the database,
so a busy day hides no real duplicate."""

from datetime import timedelta

import pytest

from yingji.incidents.models import Incident
from yingji.incidents.services import create_incident, duplicates_of

from .conftest import GUIHUA, LONGFENG, landslide_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def across_the_border(users, landslide, now):
    """The same landslide reported again, 150 m away but recorded in 龙凤镇 (say, a caller there)."""
    other = create_incident(actor=users["duty"], now=now, data=landslide_data(
        lon=LONGFENG[0], lat=LONGFENG[1], reporter_name="龙凤镇的报告人", dead=2))
    Incident.objects.filter(pk=other.pk).update(lon=landslide.lon + 0.0015, lat=landslide.lat)
    return other


def test_a_township_officer_is_not_shown_the_other_townships_duplicates(users, api, client, landslide,
                                                                        across_the_border):
    url = f"/api/incidents/incidents/{landslide.uuid}/duplicates/"
    assert [row["uuid"] for row in api(users["duty"]).get(url).json()] == [str(across_the_border.uuid)]
    response = api(users["township-guihua"]).get(url)
    assert response.status_code == 200 and response.json() == []

    client.force_login(users["township-guihua"])
    page = client.get(f"/incidents/{landslide.uuid}/").content.decode()
    assert landslide.name in page and str(across_the_border.uuid) not in page and "龙凤镇的报告人" not in page
    client.force_login(users["duty"])
    assert str(across_the_border.uuid) in client.get(f"/incidents/{landslide.uuid}/").content.decode()


def test_a_real_duplicate_is_found_after_a_busy_day(users, landslide, now):
    """300 reports of the same type within the time window but elsewhere used to fill the first 200 candidates."""
    decoys = [Incident(code=f"DECOY-{n:03d}", name=f"别处滑坡{n}", type_code=landslide.type_code,
                       status=landslide.status, occurred_at=landslide.occurred_at + timedelta(minutes=n % 60),
                       received_at=landslide.received_at + timedelta(minutes=1), region=landslide.region,
                       lon=GUIHUA[0] + 0.05,
                       lat=GUIHUA[1] + 0.05)
              for n in range(300)]
    Incident.objects.bulk_create(decoys)
    second = create_incident(actor=users["duty"], now=now, data=landslide_data(lon=landslide.lon + 0.001))
    assert [incident for incident, _distance in duplicates_of(second, user=users["duty"])] == [landslide]
