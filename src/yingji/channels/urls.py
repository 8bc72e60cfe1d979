from django.urls import path

from . import views

app_name = "channels"

urlpatterns = [path("<str:token>/", views.acknowledge_page, name="acknowledge")]
