"""The on-site inspection from a phone (现场检查, issue 17): the item results, photos taken on site, the position
(GPS, editable) and the drawn signature of the inspected unit's person in charge, recorded in one step. The page
(enforcement/onsite.html, onsite.js) is an offline-safe form (web/static/web/offline-forms.js): filled where the
signal is bad, it waits in the browser and is sent when the network is back; its submission key
(core.submissions) makes a re-sent form record the inspection once. All or nothing: the findings and hazards
(inspections.record_inspection), the position and signer on the task, the photos (kind 现场检查照片, with the
position) and the signature PNG (kind 签名) as attachments, their SHA-256 in the audit trail."""

import base64
import binascii

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core import submissions
from yingji.core.attachments import attach
from yingji.core.errors import DomainError

from .inspections import record_inspection
from .models import InspectionTask

PHOTO, SIGNATURE = "site_photo", "signature"
KINDS = {PHOTO: gettext_lazy("现场检查照片"), SIGNATURE: gettext_lazy("签名")}
PNG = b"\x89PNG\r\n\x1a\n"
MAX_PHOTOS = 9


def _position(lon, lat) -> tuple[float | None, float | None]:
    if lon in (None, "") and lat in (None, ""):
        return None, None
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise DomainError("invalid_position", _("经纬度应为数字，或都不填"), field="lon") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise DomainError("invalid_position", _("经纬度超出范围"), field="lon")
    return lon, lat


def _signature(value) -> bytes:
    """The drawn signature: a data URL of a PNG image (the canvas's toDataURL)."""
    text = str(value or "")
    if not text.strip():
        raise DomainError("signature_required", _("请被检查单位现场负责人在签名框内签名"), field="signature")
    prefix = "data:image/png;base64,"
    try:
        content = base64.b64decode(text[len(prefix):], validate=True) if text.startswith(prefix) else b""
    except (binascii.Error, ValueError):
        content = b""
    if not content.startswith(PNG):
        raise DomainError("invalid_signature", _("签名图像无效，请清除后重新签名"), field="signature")
    return content


def record_onsite(task: InspectionTask, *, actor, findings, inspected_on=None, photos=(), lon=None, lat=None,
                  signer="", signature="") -> InspectionTask:
    signer = str(signer or "").strip()[:50]
    if not signer:
        raise DomainError("signer_required", _("请填写被检查单位现场负责人姓名"), field="party_signer")
    image = _signature(signature)
    lon, lat = _position(lon, lat)
    photos = list(photos or ())
    if len(photos) > MAX_PHOTOS:
        raise DomainError("too_many_photos", _("现场照片最多%(n)d张") % {"n": MAX_PHOTOS}, field="photo")
    with transaction.atomic():
        task = record_inspection(task, actor=actor, findings=findings, inspected_on=inspected_on)
        InspectionTask.objects.filter(pk=task.pk).update(lon=lon, lat=lat, party_signer=signer)
        task.lon, task.lat, task.party_signer = lon, lat, signer
        for photo in photos:
            attach(actor=actor, record=task, upload=photo, kind=PHOTO, lon=lon, lat=lat, check_permission=False)
        attach(actor=actor, record=task, upload=ContentFile(image, name=f"签名-{signer}-{task.code}.png"),
               kind=SIGNATURE, lon=lon, lat=lat, check_permission=False)
        submissions.store_pending(task)
    return task
