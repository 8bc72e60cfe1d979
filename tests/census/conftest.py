import pytest

from yingji.demo.townships import township


@pytest.fixture
def guihua_household(db):
    from yingji.census.models import Household

    return (Household.objects.filter(region__path__contains=f"/{township('桂花镇').code}/", shelter__isnull=False)
            .select_related("shelter", "region").order_by("code").first())


@pytest.fixture
def live_incident(db):
    from yingji.incidents.models import Incident

    return Incident.objects.exclude(code="SJ20200813-0001").order_by("code").first()
