"""Public, no login: CAP XML at a stable URL, an Atom feed, and a mobile page of the warnings in force."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from lxml import etree

from . import config, presenters, services
from .area import area_geojson
from .cap import cap_time
from .models import CapMessage

ATOM = "http://www.w3.org/2005/Atom"


def _in_force():
    return services.in_force().select_related("cap").order_by("-published_at")


@cache_control(max_age=60, public=True)
def cap_xml(request, identifier):
    message = CapMessage.objects.filter(identifier=identifier).first()
    if message is None:
        raise Http404("no such CAP message")
    return HttpResponse(message.xml, content_type="application/xml; charset=utf-8")


def _atom_text(parent, tag, text, **attrs):
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def feed(request):
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    base = request.build_absolute_uri("/")[:-1]
    _atom_text(root, "id", f"{base}{reverse('cap:feed')}")
    _atom_text(root, "title", f"{config.sender_name()} · 生效中的预警")
    _atom_text(root, "updated", cap_time(timezone.now()))
    _atom_text(root, "link", None, href=f"{base}{reverse('cap:feed')}", rel="self")
    author = _atom_text(root, "author", None)
    _atom_text(author, "name", config.sender_name())
    for warning in _in_force():
        entry = _atom_text(root, "entry", None)
        url = f"{base}{reverse('cap:xml', kwargs={'identifier': warning.cap.identifier})}"
        _atom_text(entry, "id", f"urn:cap:{warning.cap.identifier}")
        _atom_text(entry, "title", warning.headline)
        _atom_text(entry, "updated", cap_time(warning.cap.sent))
        _atom_text(entry, "summary", warning.description)
        _atom_text(entry, "link", None, href=url, rel="alternate", type="application/cap+xml")
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


def geojson(request):
    features = []
    for warning in _in_force():
        for feature in area_geojson(warning)["features"]:
            feature["properties"] = {"headline": warning.headline, "color": warning.level_enum.hex}
            features.append(feature)
    return JsonResponse({"type": "FeatureCollection", "features": features})


def public_page(request):
    return render(request, "alerts/public.html", {
        "warnings": [presenters.summary(w) for w in _in_force()], "sender": config.sender_name(),
        "now": timezone.localtime(),
    })
