from django.urls import path

from . import api

urlpatterns = [
    path("incidents/", api.IncidentPushView.as_view(), name="api-exchange-incidents"),
    path("hazards/", api.HazardPushView.as_view(), name="api-exchange-hazards"),
    path("readings/", api.ReadingsPushView.as_view(), name="api-exchange-readings"),
    path("documents/", api.DocumentPushView.as_view(), name="api-exchange-documents"),
    path("catalogue/", api.CatalogueView.as_view(), name="api-exchange-catalogue"),
    path("feeds/warnings/", api.WarningsFeedView.as_view(), name="api-exchange-feed-warnings"),
    path("feeds/incidents/", api.IncidentsFeedView.as_view(), name="api-exchange-feed-incidents"),
]
