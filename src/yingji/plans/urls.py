from django.urls import path

from . import response_views as rv
from . import views

app_name = "plans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("responses/", views.responses, name="responses"),
    path("tasks/mine/", views.my_tasks, name="my-tasks"),
    path("tasks/<uuid:uuid>/update/", rv.task_update, name="task-update"),
    path("incident/<uuid:uuid>/", rv.response_page, name="response"),
    path("incident/<uuid:uuid>/activate/", rv.activate, name="activate"),
    path("incident/<uuid:uuid>/dispatch-team/", rv.dispatch_team, name="dispatch-team"),
    path("incident/<uuid:uuid>/order-materials/", rv.order_materials, name="order-materials"),
    path("<str:kind>/<uuid:uuid>/transition/", rv.transition, name="transition"),
    path("<uuid:uuid>/", views.plan_detail, name="plan"),
    path("<uuid:uuid>/edit/", views.edit_draft, name="edit"),
    path("<uuid:uuid>/document/", views.upload_document, name="document"),
    path("<uuid:uuid>/document/download/", views.download_document, name="document-download"),
    path("<uuid:uuid>/versions/<int:number>/diff/", views.version_diff, name="diff"),
]
