import hmac

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from yingji.core.api_serializers import error_responses
from yingji.core.errors import DomainError, PermissionDeniedError

from .models import Channel
from .services import acknowledge, record_receipt


@require_http_methods(["GET", "POST"])
def acknowledge_page(request, token):
    """The link in a message: an official confirms receipt (no login needed; the token is the proof). A link that
    is not valid is said beside the button (the token is the form's one field)."""
    message = error = None
    if request.method == "POST":
        try:
            message = acknowledge(token)
        except DomainError as exc:
            error = exc
    return render(
        request,
        "channels/acknowledge.html",
        {"token": token, "message": message, "error": error},
        status=400 if error else 200,
    )


class ReceiptSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=128)
    status = serializers.ChoiceField(choices=["delivered", "failed"])
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ReceiptResultSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="消息 uuid")
    status = serializers.CharField()


class ReceiptView(APIView):
    """Delivery reports from a gateway: headers X-Yingji-Channel (code) and X-Yingji-Secret."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=ReceiptSerializer, responses={200: ReceiptResultSerializer, **error_responses(400, 403)},
                   parameters=[OpenApiParameter("X-Yingji-Channel", str, OpenApiParameter.HEADER, required=True),
                               OpenApiParameter("X-Yingji-Secret", str, OpenApiParameter.HEADER, required=True)])
    def post(self, request):
        channel = Channel.objects.filter(code=request.headers.get("X-Yingji-Channel", "")).first()
        secret = str((channel.config if channel else {}).get("receipt_secret", ""))
        if not secret or not hmac.compare_digest(secret, request.headers.get("X-Yingji-Secret", "")):
            raise PermissionDeniedError("invalid_receipt_secret", _("回执来源未通过验证"))
        serializer = ReceiptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        message = record_receipt(
            message_id=data["id"], delivered=data["status"] == "delivered", reason=data.get("reason", "")
        )
        return Response({"id": str(message.uuid), "status": message.status})
