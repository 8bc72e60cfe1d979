"""The site's one service worker and the list of pages it keeps for use without a network.

`/service-worker.js` is web/templates/web/service-worker.js. Each page loads web/static/web/offline-pages.js,
which, for a signed-in user and at most every few minutes, registers it for each scope the apps declare
(core.extensions.OFFLINE_PAGES; today /enforcement/ and /prevention/patrols/) and asks it to refresh its copy of the
pages they list for that user (the inspector's on-site inspection forms and task calendar, a grid worker's patrol
pages). Pages outside those scopes are never
controlled by it. Offline, a navigation to one of those pages is answered from the copy, so an
inspector can open the on-site form of a task they never opened before; the form itself is an offline-safe form
(offline-forms.js) that waits in the browser until the network is back. A page of another user is never kept: the
copy belongs to one user and is dropped when another signs in or the user signs out."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from yingji.core.extensions import OFFLINE_PAGES

MAX_PAGES = 60  # the pages kept per user, all providers together


def pages_for(user) -> tuple[list[str], list[str]]:
    """(scopes, pages): the pages to keep for `user`, and the scopes they lie in (the worker is registered there
    only: a user with nothing to keep gets no worker)."""
    found: dict[str, None] = {}
    scopes: set[str] = set()
    for entry in OFFLINE_PAGES:
        if not (entry.scope.startswith("/") and entry.scope.endswith("/")):
            continue
        for url in entry.urls(user) or ():
            if isinstance(url, str) and url.startswith(entry.scope) and len(found) < MAX_PAGES:
                found.setdefault(url, None)
                scopes.add(entry.scope)
    return sorted(scopes), list(found)


@never_cache
def offline_pages(request):
    """GET: {"user", "scopes", "pages"} — where the service worker is to be registered, and the pages to keep for
    this user (none when signed out)."""
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"user": "", "scopes": [], "pages": []})
    scopes, pages = pages_for(user)
    return JsonResponse({"user": str(user.pk), "scopes": scopes, "pages": pages})


@never_cache
def service_worker(request):
    response = render(request, "web/service-worker.js", {
        "static_url": settings.STATIC_URL, "catalog_url": reverse("web:javascript-catalog"),
        "pages_url": reverse("web:offline-pages")}, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response
