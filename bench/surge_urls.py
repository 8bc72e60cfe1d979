"""The platform's URLs plus the surge benchmark's baseline: a bare Django view that does one INSERT."""

import json

from django.db import connection, transaction
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from yingji.urls import urlpatterns as platform_urlpatterns

BARE_TABLE = "bench_bare_insert"


@csrf_exempt
def bare_insert(request):
    body = json.loads(request.body or b"{}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BARE_TABLE} (statement, received_at) VALUES (%s, %s)",
                       [str(body.get("statement", ""))[:4000], timezone.now()])
    return JsonResponse({"ok": True}, status=201)


urlpatterns = [path("bench/bare-insert/", bare_insert), *platform_urlpatterns]
