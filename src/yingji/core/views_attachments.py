"""Pages for attachments (core/attachments.py): the upload form of a record's panel and the download of one file.
MEDIA_ROOT is not served; this download is the only way to a stored file, and it checks the owner record's view
permission and jurisdiction (a record outside the user's reach is a 404, as for the record itself)."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import attachments
from .errors import DomainError
from .models import Attachment
from .refusals import refuse
from .registry import registry_for

NOT_FOUND = "记录不存在或不在您的管辖范围内"


def download(request, uuid):
    """The file, for a signed-in user of the pages or an API client sending its token (Authorization: Token …)."""
    user = _user(request)
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attachment = Attachment.objects.select_related("content_type").filter(uuid=uuid).first()
    owner = attachments.owner_of(attachment) if attachment is not None else None
    if owner is None or not attachments.may_view(user, owner):
        raise Http404(_(NOT_FOUND))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("附件文件已不存在")) from None
    return FileResponse(handle, content_type=attachment.media_type, filename=attachment.original_name,
                        as_attachment=not attachment.is_image)


def _user(request):
    if request.user.is_authenticated:
        return request.user
    from rest_framework.exceptions import AuthenticationFailed
    from rest_framework.request import Request

    from .api_auth import ExpiringTokenAuthentication

    try:
        found = ExpiringTokenAuthentication().authenticate(Request(request))
    except AuthenticationFailed:
        found = None
    return found[0] if found else request.user


@login_required
@require_POST
def upload(request, app_label, model_name, uuid):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404(_(NOT_FOUND)) from None
    record = model._base_manager.filter(uuid=uuid).first() if hasattr(model, "uuid") else None
    if record is None or not attachments.may_view(request.user, record):
        raise Http404(_(NOT_FOUND))
    try:
        attachment = attachments.attach(actor=request.user, record=record, upload=request.FILES.get("file"),
                                        kind=request.POST.get("kind", ""))
    except DomainError as exc:
        messages.error(request, _("附件未上传：%(m)s") % {"m": refuse(request, exc, keep=True).message})
    else:
        messages.success(request, _("已上传附件：%(n)s") % {"n": attachment.original_name})
    return redirect(_record_url(record))


def _record_url(record) -> str:
    registry = registry_for(type(record))
    return reverse(registry.url_name("detail"), kwargs={"uuid": record.uuid}) if registry else "/"


def panel(model_label: str, *, order: int = 60):
    """The attachments panel (list, thumbnails of photos, upload form) for records of `model_label`, to add to
    core.extensions.RECORD_PANELS: `RECORD_PANELS.add(panel("prevention.hazard"))`."""
    from .extensions import RecordPanel

    return RecordPanel(f"{model_label}-attachments", model_label, "core/attachments/panel.html", _panel_context,
                       order=order)


def _panel_context(user, record) -> dict | None:
    if not attachments.may_view(user, record):
        return None
    items = list(attachments.attachments_of(record))
    for item in items:
        item.kind_label = attachments.kind_label(item.kind)
    meta = record._meta
    return {"attachments": items, "photos": [item for item in items if item.is_image],
            "can_attach": attachments.may_attach(user, record), "kinds": list(attachments.KINDS.items()),
            "upload_url": reverse("core:attachment-upload", kwargs={
                "app_label": meta.app_label, "model_name": meta.model_name, "uuid": record.uuid}),
            "max_mb": f"{attachments.settings.ATTACHMENT_MAX_BYTES / 1048576:g}"}
