from django.apps import apps
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog

from . import offline, public_views, screen, views

app_name = "web"

# The catalog changes only with a deployment: browsers revalidate it and get a 304 until the next restart.
# Templates put the language in its URL, so that a cached copy never outlives a change of language.
STARTED = timezone.now()
YINGJI_APPS = [config.name for config in apps.get_app_configs() if config.name.startswith("yingji.")]
javascript_catalog = last_modified(lambda request: STARTED)(
    JavaScriptCatalog.as_view(domain="djangojs", packages=YINGJI_APPS)
)

urlpatterns = [
    path("", public_views.entry, name="home"),  # the overview when signed in, else the public home
    path("public/", public_views.public_home, name="public"),
    path("onemap/", views.onemap, name="onemap"),
    path("todo/", views.todo, name="todo"),
    path("todo/count/", views.todo_count, name="todo-count"),
    path("events/stream/", views.event_stream, name="event-stream"),
    path("screen/", screen.screen, name="screen"),
    path("events/stream/screen/", screen.screen_stream, name="screen-stream"),
    path("jsi18n/", javascript_catalog, name="javascript-catalog"),
    path("service-worker.js", offline.service_worker, name="service-worker"),
    path("offline/pages/", offline.offline_pages, name="offline-pages"),
]
