from django.urls import path

from . import accounts_views, views, views_attachments

app_name = "core"

urlpatterns = [
    path("regions/", views.region_list, name="region-list"),
    path("regions/<uuid:uuid>/", views.region_detail, name="region-detail"),
    path("audit/", views.audit_log, name="audit-log"),
    path("password/", accounts_views.PasswordChangePage.as_view(), name="password-change"),
    path("accounts/", accounts_views.account_list, name="accounts"),
    path("accounts/<uuid:uuid>/", accounts_views.account_detail, name="account-detail"),
    path("accounts/<uuid:uuid>/<slug:action>/", accounts_views.account_action, name="account-action"),
    path("attachments/<uuid:uuid>/", views_attachments.download, name="attachment"),
    path("attachments/<slug:app_label>/<slug:model_name>/<uuid:uuid>/", views_attachments.upload,
         name="attachment-upload"),
]
