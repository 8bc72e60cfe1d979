"""URLs of the in-process CPU bench of exchange pushes (bench/exchange_cpu.py): the platform's, the surge bench's
bare Django view (one INSERT), and a bare DRF view (one INSERT, DRF's request, parser, content negotiation and
renderer, no authentication): the ceilings a push is compared with."""

import json

from django.db import connection, transaction
from django.urls import path
from django.utils import timezone
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from bench.surge_urls import BARE_TABLE, bare_insert
from yingji.urls import urlpatterns as platform_urlpatterns


class BareDrfInsert(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def post(self, request):
        body = request.data if isinstance(request.data, dict) else json.loads(request.body or b"{}")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {BARE_TABLE} (statement, received_at) VALUES (%s, %s)",
                           [str(body.get("statement", ""))[:4000], timezone.now()])
        return Response({"ok": True}, status=201)


urlpatterns = [path("bench/bare-insert/", bare_insert), path("bench/bare-drf-insert/", BareDrfInsert.as_view()),
               *platform_urlpatterns]
