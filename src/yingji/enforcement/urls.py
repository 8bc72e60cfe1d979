from django.urls import path

from . import views, views_cases, views_orders

app_name = "enforcement"

urlpatterns = [
    path("", views.draw_list, name="draws"),
    path("draws/<uuid:uuid>/", views.draw_detail, name="draw"),
    path("tasks/<uuid:uuid>/inspect/", views.inspect, name="inspect"),
    path("tasks/<uuid:uuid>/onsite/", views.onsite, name="onsite"),
    path("tasks/<uuid:uuid>/record/", views_orders.task_record, name="task-record"),
    path("tasks/<uuid:uuid>/publish/", views_orders.task_publish, name="task-publish"),
    path("tasks/<uuid:uuid>/order/", views_orders.task_order, name="task-order"),
    path("orders/<uuid:uuid>/", views_orders.order_page, name="order"),
    path("documents/<uuid:uuid>/", views_orders.document_download, name="document"),
    path("tasks/<uuid:uuid>/case/", views_cases.case_from_task, name="task-case"),
    path("cases/<uuid:uuid>/step/", views_cases.case_step, name="case-step"),
    path("cases/<uuid:uuid>/rights/", views_cases.case_rights, name="case-rights"),
    path("cases/<uuid:uuid>/payment/", views_cases.case_payment, name="case-payment"),
    path("cases/<uuid:uuid>/file/", views_cases.case_file, name="case-file"),
    path("plans/<uuid:uuid>/", views.plan_progress, name="plan"),
    path("public/", views.public_results, name="public"),
    path("publication/", views.publication, name="publication"),
    path("my/", views.my_calendar, name="my-calendar"),
    path("my/map/", views.my_map, name="my-map"),
]
