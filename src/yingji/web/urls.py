from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("onemap/", views.onemap, name="onemap"),
    path("events/stream/", views.event_stream, name="event-stream"),
]
