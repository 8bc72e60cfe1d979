"""Public, no login: the CAP documents and their pages, the Atom and RSS feeds, the signing certificate, the mobile
page and the map of the warnings in force."""

from django.urls import path

from . import public_views

app_name = "cap"

urlpatterns = [
    path("", public_views.public_page, name="public"),
    path("feed.atom", public_views.feed, name="feed"),
    path("feed.rss", public_views.rss, name="rss"),
    path("certificate.pem", public_views.certificate, name="certificate"),
    path("warnings.geojson", public_views.geojson, name="geojson"),
    path("<str:identifier>.xml", public_views.cap_xml, name="xml"),
    path("<str:identifier>.html", public_views.message_page, name="page"),
]
