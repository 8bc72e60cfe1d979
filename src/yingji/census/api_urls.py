from django.urls import path

from . import api
from .registrations import DANGER_ZONES, EXPOSED_ASSETS, HAZARD_POINTS

urlpatterns = [
    path("transfers/<uuid:uuid>/marks/", api.MarkView.as_view(), name="api-census-marks"),
    path("transfers/<uuid:uuid>/progress/", api.ProgressView.as_view(), name="api-census-progress"),
    path("incidents/<uuid:uuid>/relief/", api.ReliefClockView.as_view(), name="api-census-relief"),
    path("allocations/", api.AllocationsView.as_view(), name="api-census-allocations"),
    path("shelter-stock/", api.ShelterStockView.as_view(), name="api-census-shelter-stock"),
    path("danger-zones/import-geojson/", api.GeoJSONImportView.as_view(registry=DANGER_ZONES),
         name="api-census-zones-geojson"),
    path("hazard-points/import-geojson/", api.GeoJSONImportView.as_view(registry=HAZARD_POINTS),
         name="api-census-points-geojson"),
    path("import-jobs/<uuid:uuid>/", api.ImportJobView.as_view(), name="api-census-import-job"),
]
for _registry in (EXPOSED_ASSETS, DANGER_ZONES, HAZARD_POINTS):
    urlpatterns += [
        path(f"{_registry.plural}/import-spatial/", api.SpatialImportView.as_view(registry=_registry),
             name=f"api-census-{_registry.plural}-import-spatial"),
        path(f"{_registry.plural}/export-shapefile/", api.SpatialExportView.as_view(registry=_registry),
             name=f"api-census-{_registry.plural}-export-shapefile"),
        path(f"{_registry.plural}/export-geojson/", api.SpatialExportView.as_view(registry=_registry, as_geojson=True),
             name=f"api-census-{_registry.plural}-export-geojson"),
    ]
