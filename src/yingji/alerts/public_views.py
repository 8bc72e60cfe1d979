"""Public, no login: the signed CAP documents at stable URLs, Atom and RSS feeds of the latest messages, the signing
certificate, and the mobile page of the warnings in force."""

from email.utils import format_datetime

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from lxml import etree

from . import config, presenters, services, signing
from .area import area_geojson
from .cap import cap_time
from .models import CapMessage

ATOM = "http://www.w3.org/2005/Atom"
CAP_TYPE = "application/cap+xml"
FEED_LIMIT = 200


def _in_force():
    return services.in_force().select_related("cap").order_by("-published_at")


def _recent():
    """The latest published messages (Alert, Update, Cancel) of the configured window, newest first."""
    since = timezone.now() - timezone.timedelta(days=config.cap_feed_days())
    return CapMessage.objects.filter(sent__gte=since).select_related("warning").order_by("-sent", "-id")[:FEED_LIMIT]


def _message(identifier) -> CapMessage:
    message = CapMessage.objects.filter(identifier=identifier).select_related("warning").first()
    if message is None:
        raise Http404("no such CAP message")
    return message


@cache_control(max_age=60, public=True)
def cap_xml(request, identifier):
    return HttpResponse(_message(identifier).xml.encode("utf-8"), content_type=f"{CAP_TYPE}; charset=utf-8")


def message_page(request, identifier):
    """The <web> page of one message: what it says, readable without a CAP reader."""
    message = _message(identifier)
    return render(request, "alerts/public_message.html", {
        "w": presenters.summary(message.warning), "message": message, "sender": config.sender_name()})


@cache_control(max_age=3600, public=True)
def certificate(request):
    return HttpResponse(signing.certificate_pem(), content_type="application/x-pem-file")


def _el(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = text
    return element


def _links(request, message) -> tuple[str, str]:
    base = request.build_absolute_uri("/")[:-1]
    return (f"{base}{reverse('cap:xml', kwargs={'identifier': message.identifier})}",
            f"{base}{reverse('cap:page', kwargs={'identifier': message.identifier})}")


def _title(message) -> str:
    """The headline; an Update says so (a Cancel's headline already starts with 解除)."""
    prefix = "【更新】" if message.warning.msg_type == "Update" else ""
    return prefix + message.warning.headline


def _feed_response(request, root, content_type: str) -> HttpResponse:
    """The feed with an XSL stylesheet, so a browser shows it as a readable page."""
    tree = etree.ElementTree(root)
    root.addprevious(etree.PI("xml-stylesheet", f'type="text/xsl" href="{static("alerts/cap-feed.xsl")}"'))
    body = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


def feed(request):
    """Atom 1.0: one entry per CAP message, linking to the document (application/cap+xml) and its page."""
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    a = f"{{{ATOM}}}"
    self_url = request.build_absolute_uri(reverse("cap:feed"))
    _el(root, a + "id", self_url)
    _el(root, a + "title", f"{config.sender_name()} · 预警信息（CAP）")
    _el(root, a + "updated", cap_time(timezone.now()))
    _el(root, a + "link", href=self_url, rel="self", type="application/atom+xml")
    _el(_el(root, a + "author"), a + "name", config.sender_name())
    for message in _recent():
        entry = _el(root, a + "entry")
        xml_url, page_url = _links(request, message)
        _el(entry, a + "id", f"urn:cap:{config.sender_code()}:{message.identifier}")
        _el(entry, a + "title", _title(message))
        _el(entry, a + "updated", cap_time(message.sent))
        _el(entry, a + "published", cap_time(message.sent))
        _el(entry, a + "category", term=message.warning.msg_type)
        _el(entry, a + "summary", message.warning.description)
        _el(entry, a + "link", href=xml_url, rel="alternate", type=CAP_TYPE)
        _el(entry, a + "link", href=page_url, rel="related", type="text/html")
    return _feed_response(request, root, "application/atom+xml")


def rss(request):
    """RSS 2.0 with the same items: link = the CAP document, guid = the CAP identifier."""
    root = etree.Element("rss", version="2.0", nsmap={"atom": ATOM})
    channel = _el(root, "channel")
    _el(channel, "title", f"{config.sender_name()} · 预警信息（CAP）")
    _el(channel, "link", request.build_absolute_uri(reverse("cap:public")))
    _el(channel, "description", "船山区发布的预警、更新与解除（CAP 1.2）")
    _el(channel, "language", "zh-cn")
    _el(channel, "lastBuildDate", format_datetime(timezone.now()))
    _el(channel, f"{{{ATOM}}}link", href=request.build_absolute_uri(reverse("cap:rss")), rel="self",
        type="application/rss+xml")
    for message in _recent():
        item = _el(channel, "item")
        xml_url, _page = _links(request, message)
        _el(item, "title", _title(message))
        _el(item, "link", xml_url)
        _el(item, "description", message.warning.description)
        _el(item, "category", message.warning.msg_type)
        _el(item, "guid", f"urn:cap:{config.sender_code()}:{message.identifier}", isPermaLink="false")
        _el(item, "pubDate", format_datetime(message.sent))
        _el(item, "enclosure", url=xml_url, type=CAP_TYPE, length=str(len(message.xml.encode("utf-8"))))
    return _feed_response(request, root, "application/rss+xml")


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
