from django.urls import path

from . import api

urlpatterns = [
    path("incidents/<uuid:uuid>/suggestions/", api.suggestions, name="plans-api-suggestions"),
    path("incidents/<uuid:uuid>/activate/", api.activate, name="plans-api-activate"),
    path("incidents/<uuid:uuid>/summary/", api.incident_summary, name="plans-api-summary"),
    path("incidents/<uuid:uuid>/allocate/", api.allocate, name="plans-api-allocate"),
    path("tasks/mine/", api.my_tasks, name="plans-api-my-tasks"),
    path("team-orders/", api.team_orders, name="plans-api-team-orders"),
    path("material-orders/", api.material_orders, name="plans-api-material-orders"),
    path("plans/<uuid:uuid>/capability/", api.plan_capability, name="plans-api-capability"),
    path("plans/<uuid:uuid>/versions/", api.plan_versions, name="plans-api-versions"),
    path("plans/<uuid:uuid>/versions/<int:number>/", api.plan_version, name="plans-api-version"),
    path("plans/<uuid:uuid>/versions/<int:number>/diff/", api.version_diff, name="plans-api-diff"),
    path("<str:kind>/<uuid:uuid>/transitions/", api.transition, name="plans-api-transition"),
]
