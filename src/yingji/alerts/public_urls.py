"""Public, no login: the CAP messages, the Atom feed of warnings in force, and the mobile page."""

from django.urls import path

from . import public_views

app_name = "cap"

urlpatterns = [
    path("", public_views.public_page, name="public"),
    path("feed.atom", public_views.feed, name="feed"),
    path("warnings.geojson", public_views.geojson, name="geojson"),
    path("<str:identifier>.xml", public_views.cap_xml, name="xml"),
]
