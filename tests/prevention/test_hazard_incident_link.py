"""Hazard ↔ incident: 关联事件 on the hazard page (only incidents in the user's reach; another is a 404), the incident
page lists the linked hazards with their history, and a review's rectification item becomes a hazard (转为隐患,
source 事故复盘) linked to the incident: risk → hazard → incident → review → new hazard."""

import pytest
from django.urls import reverse

from yingji.incidents.models import Incident, RectificationItem, Review
from yingji.prevention.models import Enterprise, Hazard, HazardStep

pytestmark = pytest.mark.django_db


def _outside(region):
    """An incident outside the township (the demo's incidents lie elsewhere than 桂花镇)."""
    return Incident.objects.exclude(region__path__startswith=region.path).order_by("pk").first()


@pytest.fixture
def hazard(regions):
    enterprise = Enterprise.objects.filter(region__path__startswith=regions["guihua"].path).first()
    return Hazard.objects.create(name="锅炉房燃气管道腐蚀", enterprise=enterprise, region=enterprise.region)


def _link(client, user, hazard, incident):
    client.force_login(user)
    return client.post(reverse("prevention:hazard-link-incident", kwargs={"uuid": hazard.uuid}),
                       {"incident": str(incident.uuid) if incident else ""})


def test_a_hazard_is_linked_to_an_incident_and_the_incident_page_lists_it(client, users, regions, hazard):
    incident = _outside(regions["guihua"])
    client.force_login(users["township-guihua"])
    page = client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid})).content.decode()
    assert 'id="hazard-link-incident"' in page and f'<option value="{incident.uuid}"' not in page, "only in reach"
    officer = users["inspector"]  # the district's
    client.force_login(officer)
    page = client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid})).content.decode()
    assert f'<option value="{incident.uuid}"' in page
    assert _link(client, officer, hazard, incident).status_code == 302
    hazard.refresh_from_db()
    assert hazard.incident == incident
    assert HazardStep.objects.filter(hazard=hazard, event="link_incident", note__contains=incident.name).exists()
    page = client.get(reverse("incidents:detail", kwargs={"uuid": incident.uuid})).content.decode()
    panel = page.split('id="incident-hazards"')[1].split("</section>")[0]
    assert hazard.code in panel and 'data-event="link_incident"' in panel and officer.display_name in panel


def test_an_incident_outside_the_users_reach_is_a_404(client, users, regions, hazard):
    response = _link(client, users["township-guihua"], hazard, _outside(regions["guihua"]))
    assert response.status_code == 404
    hazard.refresh_from_db()
    assert hazard.incident is None and not HazardStep.objects.filter(hazard=hazard).exists()


def test_no_incident_chosen_is_an_error_on_the_field(client, users, hazard):
    response = _link(client, users["township-guihua"], hazard, None)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="link-incident_error" data-field="incident">' in page and "请选择要关联的事件" in page


def test_an_enterprise_account_cannot_link(client, users):
    own = Enterprise.objects.get(code="QY-HX-01")
    hazard = Hazard.objects.create(name="隐患", enterprise=own, region=own.region)
    client.force_login(users["enterprise"])
    page = client.get(reverse("registry:prevention-hazards-detail", kwargs={"uuid": hazard.uuid})).content.decode()
    assert 'id="hazard-link-incident"' not in page


def test_a_review_item_becomes_a_hazard_linked_to_the_incident(client, users, regions):
    incident = _outside(regions["guihua"])
    review, _created = Review.objects.get_or_create(incident=incident)
    item = RectificationItem.objects.create(review=review, content="完善燃气管道巡检制度", owner="桂花镇安办")
    officer = users["commander"]
    client.force_login(officer)
    page = client.get(reverse("incidents:detail", kwargs={"uuid": incident.uuid})).content.decode()
    assert f'id="review-item-{item.pk}-to-hazard"' in page
    url = reverse("prevention:review-item-hazard", kwargs={"item_id": item.pk})
    client.force_login(users["township-guihua"])
    assert client.post(url).status_code == 404
    client.force_login(officer)
    assert client.post(url).status_code == 302
    hazard = Hazard.objects.get(review_item=item)
    assert (hazard.source, hazard.incident, hazard.name, hazard.state) == ("review", incident, item.content, "reported")
    assert client.post(url).status_code == 302 and Hazard.objects.filter(review_item=item).count() == 1
    page = client.get(reverse("incidents:detail", kwargs={"uuid": incident.uuid})).content.decode()
    assert f'id="review-item-{item.pk}-to-hazard"' not in page and hazard.code in page
