"""The attachments of one record over the API: GET lists them, POST (multipart: file, kind, optional lon/lat)
adds one. An app wires it for its records in its api_urls.py, e.g.
`path("hazards/<uuid:uuid>/attachments/", RecordAttachmentsView.as_view(model=Hazard))`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import attachments
from .api_serializers import ERRORS
from .errors import DomainError
from .parsers import FormParser, MultiPartParser


class AttachmentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField(help_text="类别代码：before 整改前照片、after 整改后照片、document 文书、other 其他")
    kind_label = serializers.CharField()
    original_name = serializers.CharField()
    media_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_by = serializers.CharField(allow_null=True)
    uploaded_at = serializers.DateTimeField()
    lon = serializers.FloatField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    url = serializers.CharField(help_text="下载地址（需登录，按所属记录的权限和管辖范围检查）")


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="JPG、PNG、PDF、DOCX 或 XLSX（按文件头判断），不超过设定大小（默认 10 MB）")
    kind = serializers.ChoiceField(choices=["before", "after", "document", "other"])
    lon = serializers.FloatField(required=False)
    lat = serializers.FloatField(required=False)


def as_json(item) -> dict:
    return {"uuid": str(item.uuid), "kind": item.kind, "kind_label": attachments.kind_label(item.kind),
            "original_name": item.original_name, "media_type": item.media_type, "size": item.size,
            "sha256": item.sha256, "uploaded_by": getattr(item.uploaded_by, "username", None),
            "uploaded_at": item.uploaded_at.isoformat(), "lon": item.lon, "lat": item.lat,
            "url": reverse("core:attachment", kwargs={"uuid": item.uuid})}


def _number(request, name):
    value = request.data.get(name)
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise DomainError("invalid_number", _("请填写数字"), field=name) from None


class RecordAttachmentsView(APIView):
    model = None
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    def record(self, request, uuid):
        record = self.model._base_manager.filter(uuid=uuid).first()
        if record is None or not attachments.may_view(request.user, record):
            raise NotFound(_("记录不存在或不在您的管辖范围内"))
        return record

    @extend_schema(responses={200: AttachmentSerializer(many=True), **ERRORS})
    def get(self, request, uuid):
        return Response([as_json(item) for item in attachments.attachments_of(self.record(request, uuid))])

    @extend_schema(request={"multipart/form-data": AttachmentUploadSerializer},
                   responses={201: AttachmentSerializer, **ERRORS})
    def post(self, request, uuid):
        record = self.record(request, uuid)
        item = attachments.attach(actor=request.user, record=record, upload=request.FILES.get("file"),
                                  kind=str(request.data.get("kind", "")),
                                  lon=_number(request, "lon"), lat=_number(request, "lat"))
        return Response(as_json(item), status=201)
