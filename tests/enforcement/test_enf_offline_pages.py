"""The on-site form works offline without having been opened online: the site's service worker (/service-worker.js)
is registered for the scopes the apps declare and keeps the pages they list for the signed-in user — for an
inspector, the task calendar and the on-site form of each task waiting for them — with the scripts and styles those
pages load. Here: what the server gives the worker; the offline journey itself is
tests/browser/test_enforcement_offline_first_open.py."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from yingji.enforcement.models import InspectionTask, Inspector, Target

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_service_worker_is_served_for_the_whole_site():
    response = _client().get("/service-worker.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/" and "no-cache" in response["Cache-Control"]
    text = response.content.decode()
    assert 'var STATIC_URL = "/static/"' in text and 'addEventListener("fetch"' in text and "{{" not in text


def test_an_inspector_gets_the_on_site_forms_of_their_waiting_tasks(users):
    inspector = users["inspector"]
    me = Inspector.objects.get(user=inspector)
    other = Inspector.objects.filter(code__in=["ZFRY-002", "ZFRY-004"]).exclude(pk=me.pk).first()
    target = Target.objects.order_by("code").first()
    mine = InspectionTask.objects.create(name="投诉核查：离线", target=target, source="complaint", lead_inspector=other,
                                         second_inspector=me, region=target.region)
    theirs = InspectionTask.objects.create(name="别人的任务：离线", target=target, source="complaint",
                                           lead_inspector=other, region=target.region,
                                           second_inspector=Inspector.objects.get(code="ZFRY-005"))
    body = _client(inspector).get("/offline/pages/").json()
    onsite = reverse("enforcement:onsite", kwargs={"uuid": mine.uuid})
    assert body["user"] == str(inspector.pk) and "/enforcement/" in body["scopes"]
    assert onsite in body["pages"] and reverse("enforcement:my-calendar") in body["pages"]
    assert reverse("enforcement:onsite", kwargs={"uuid": theirs.uuid}) not in body["pages"]
    assert all(p.startswith("/enforcement/") for p in body["pages"])
    page = _client(inspector).get(onsite)
    html = page.content.decode()
    assert page.status_code == 200 and "data-offline-safe" in html and 'id="onsite-signature"' in html
    assets = re.findall(r'(?:src|href)="(/static/[^"?]+)', html)
    assert any(a.endswith("enforcement/onsite.js") for a in assets) and any(a.endswith("offline-forms.js")
                                                                              for a in assets)
    missing = [a for a in assets if finders.find(a.removeprefix("/static/")) is None]
    assert missing == [], "every script and style the worker keeps exists"


def test_nobody_signed_out_gets_pages_and_every_page_registers_the_worker(users):
    assert _client().get("/offline/pages/").json() == {"user": "", "scopes": [], "pages": []}
    observer = _client(users["observer"]).get("/offline/pages/").json()
    assert (observer["scopes"], observer["pages"]) == ([], []), "who does not record inspections keeps nothing"
    html = _client(users["observer"]).get(reverse("enforcement:my-calendar")).content.decode()
    assert 'src="/static/web/offline-pages.js"' in html and 'data-worker="/service-worker.js"' in html
    done = InspectionTask.objects.filter(state="done").first()
    pages = _client(users["commander"]).get("/offline/pages/").json()["pages"]
    assert reverse("enforcement:onsite", kwargs={"uuid": done.uuid}) not in pages, "a task done is not kept"
