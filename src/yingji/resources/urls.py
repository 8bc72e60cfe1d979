from django.urls import path

from . import stock_views, views

app_name = "resources"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("nearby/", views.nearby_page, name="nearby"),
    path("stock/", stock_views.stock_page, name="stock"),
    path("stock/move/", stock_views.move_page, name="move"),
    path("stock/ledger/", stock_views.ledger_page, name="ledger"),
    path("depots/<uuid:uuid>/stock/", stock_views.depot_stock, name="depot-stock"),
]
