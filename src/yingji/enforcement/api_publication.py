"""API of 一公开: the inspected 双随机 results awaiting publication with their 20-working-day clock, and publishing
one (the public page then shows it)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import ERRORS
from yingji.core.errors import PermissionDeniedError

from . import inspections, publication
from .api_orders import _found
from .models import InspectionTask


class PublicationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    target = serializers.CharField()
    draw = serializers.CharField()
    inspected_on = serializers.DateField()
    result = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    deadline = serializers.DateField(help_text="公示期限：检查后20个工作日")
    clock = serializers.CharField(allow_null=True, help_text="running / amber / overdue；已公示为 null")


def publication_json(task) -> dict:
    clock = publication.clock(task)
    return {"uuid": str(task.uuid), "code": task.code, "target": task.target.name, "draw": task.draw.code,
            "inspected_on": task.inspected_on, "result": inspections.result_label(task),
            "published_on": task.published_on, "deadline": publication.deadline(task),
            "clock": clock.state if clock else None}


class AwaitingPublicationView(APIView):
    """GET: the inspected 双随机 results in reach not yet published, oldest inspection first."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PublicationSerializer(many=True), **ERRORS})
    def get(self, request):
        if not request.user.has_perm("enforcement.view_inspectiontask"):
            raise PermissionDeniedError("permission_denied", _("没有查看检查任务的权限"))
        tasks = publication.awaiting(request.user).prefetch_related("findings")[:500]
        return Response([publication_json(t) for t in tasks])


class PublishView(APIView):
    """POST: publish the task's result (公示); 400 on `tasks` when not inspected, not drawn or already published."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: PublicationSerializer, **ERRORS})
    def post(self, request, uuid):
        task = _found(InspectionTask.objects.select_related("target", "draw"), request, uuid,
                      "enforcement.view_inspectiontask")
        if not request.user.has_perm(publication.PUBLISH):
            raise PermissionDeniedError("permission_denied", _("没有公示抽查结果的权限"))
        [task] = publication.publish([task], actor=request.user)
        return Response(publication_json(task))
