from django.urls import path

from . import references, views, views_import, views_relief, views_risk

app_name = "census"

urlpatterns = [
    path("transfers/<uuid:uuid>/", views.transfer_page, name="transfer"),
    path("transfers/<uuid:uuid>/mark/", views.mark_page, name="mark"),
    path("transfers/<uuid:uuid>/mark/<uuid:household>/", views.mark_post, name="mark-post"),
    path("relief/<uuid:uuid>/", views_relief.relief_page, name="relief"),
    path("references/<slug:slug>/", references.search_page, name="reference-search"),
    path("zoning/", views_risk.zoning_page, name="zoning"),
    path("zoning/print/", views_risk.print_page, name="zoning-print"),
    path("zoning/<str:code>/card.docx", views_risk.risk_card, name="risk-card"),
    path("import/<slug:kind>/", views_import.upload_page, name="import"),
    path("import-jobs/<uuid:uuid>/", views_import.job_page, name="import-job"),
    path("import/<slug:kind>/<str:upload>/", views_import.mapping_page, name="import-map"),
]
