"""The on-site inspection from a phone (现场检查, issue 17): the item results, photos taken on site, the position
(GPS, editable) and the drawn signatures of the participants — the two inspectors and the inspected unit's person
in charge — recorded in one step. The page (enforcement/onsite.html, onsite.js) is an offline-safe form
(web/static/web/offline-forms.js): filled where the signal is bad, it waits in the browser and is sent when the
network is back; its submission key (core.submissions) makes a re-sent form record the inspection once. All or
nothing: the findings and hazards (inspections.record_inspection), the position and signer on the task, the photos
(kind 现场检查照片, with the position) and the signature PNGs (kinds 签名, 执法人员签名) as attachments, their
SHA-256 in the audit trail.

当事人拒绝签字: the person in charge may refuse to sign. The inspectors then tick 当事人拒绝签字 and write what
happened (拒签情况, required); a witness present (见证人, e.g. a neighbouring unit's employee or a village cadre) is
named and signs on the canvas instead (kind 见证人签名). The 现场检查记录 says so, as the 执法文书 expect."""

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

PHOTO, SIGNATURE, WITNESS_SIGNATURE = "site_photo", "signature", "witness_signature"
INSPECTOR_SIGNATURE = "inspector_signature"
KINDS = {PHOTO: gettext_lazy("现场检查照片"), SIGNATURE: gettext_lazy("签名"),
         WITNESS_SIGNATURE: gettext_lazy("见证人签名"), INSPECTOR_SIGNATURE: gettext_lazy("执法人员签名")}
SIGNERS = ("lead", "second")  # the task's two inspectors sign: fields signature_lead, signature_second
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


def _png(value, field, required: DomainError) -> bytes:
    """A drawn signature: a data URL of a PNG image (the canvas's toDataURL)."""
    text = str(value or "")
    if not text.strip():
        raise required
    prefix = "data:image/png;base64,"
    try:
        content = base64.b64decode(text[len(prefix):], validate=True) if text.startswith(prefix) else b""
    except (binascii.Error, ValueError):
        content = b""
    if not content.startswith(PNG):
        raise DomainError("invalid_signature", _("签名图像无效，请清除后重新签名"), field=field)
    return content


def _signature(value, witness=False) -> bytes:
    if witness:
        missing = DomainError("witness_signature_required", _("请见证人在签名框内签名"), field="signature")
    else:
        missing = DomainError("signature_required", _("请被检查单位现场负责人在签名框内签名"), field="signature")
    return _png(value, "signature", missing)


def _inspector_signatures(task, drawn) -> list[tuple[object, bytes]]:
    """[(inspector, PNG)] for the task's two inspectors, each required."""
    drawn, found = drawn or {}, []
    for key in SIGNERS:
        inspector = getattr(task, f"{key}_inspector")
        field = f"signature_{key}"
        message = _("请执法人员%(n)s在签名框内签名") % {"n": inspector.name}
        missing = DomainError("inspector_signature_required", message, field=field)
        found.append((inspector, _png(drawn.get(key), field, missing)))
    return found


def _refusal(refused, note, witness) -> tuple[bool, str, str]:
    refused = str(refused or "").strip().lower() in ("1", "on", "true", "yes")
    if not refused:
        return False, "", ""
    note = str(note or "").strip()[:500]
    if not note:
        raise DomainError("refusal_note_required", _("当事人拒绝签字的，请注明拒签情况"), field="refusal_note")
    return True, note, str(witness or "").strip()[:50]


def record_onsite(task: InspectionTask, *, actor, findings, inspected_on=None, photos=(), lon=None, lat=None,
                  signer="", signature="", refused=False, refusal_note="", witness="",
                  inspector_signatures=None) -> InspectionTask:
    """`inspector_signatures` {"lead": data URL, "second": data URL}: both inspectors sign. `refused` (当事人拒绝签字)
    with `refusal_note`: no party signature; a `witness` named signs instead."""
    signer = str(signer or "").strip()[:50]
    if not signer:
        raise DomainError("signer_required", _("请填写被检查单位现场负责人姓名"), field="party_signer")
    refused, refusal_note, witness = _refusal(refused, refusal_note, witness)
    # a refusal without a witness: the note stands, nobody signs for the party
    image = None if refused and not witness else _signature(signature, witness=refused)
    inspectors = _inspector_signatures(task, inspector_signatures)
    lon, lat = _position(lon, lat)
    photos = list(photos or ())
    if len(photos) > MAX_PHOTOS:
        raise DomainError("too_many_photos", _("现场照片最多%(n)d张") % {"n": MAX_PHOTOS}, field="photo")
    with transaction.atomic():
        task = record_inspection(task, actor=actor, findings=findings, inspected_on=inspected_on)
        on_task = {"lon": lon, "lat": lat, "party_signer": signer, "party_refused": refused,
                   "refusal_note": refusal_note, "witness": witness}
        InspectionTask.objects.filter(pk=task.pk).update(**on_task)
        for name, value in on_task.items():
            setattr(task, name, value)
        for photo in photos:
            attach(actor=actor, record=task, upload=photo, kind=PHOTO, lon=lon, lat=lat, check_permission=False)
        signed = [(f"执法人员签名-{i.code}", INSPECTOR_SIGNATURE, png) for i, png in inspectors]  # file names
        if image is not None:
            signed.append((f"见证人签名-{witness}" if refused else f"签名-{signer}",
                           WITNESS_SIGNATURE if refused else SIGNATURE, image))
        for name, kind, png in signed:
            attach(actor=actor, record=task, upload=ContentFile(png, name=f"{name}-{task.code}.png"), kind=kind,
                   lon=lon, lat=lat, check_permission=False)
        submissions.store_pending(task)
    return task


def _read(attachment) -> bytes | None:
    try:
        with attachment.file.open("rb") as stored:
            return stored.read()
    except OSError:  # the stored file is gone: the document says so instead
        return None


def signature_image(task, kind=SIGNATURE) -> bytes | None:
    """The drawn signature kept with the task (the party's, or the witness's), or None."""
    from yingji.core.attachments import attachments_of

    found = attachments_of(task).filter(kind=kind).order_by("-id").first()
    return _read(found) if found is not None else None


def inspector_signature(task, inspector) -> bytes | None:
    """The signature the inspector drew for this task (its file is named by their code), or None."""
    from yingji.core.attachments import attachments_of

    found = attachments_of(task).filter(kind=INSPECTOR_SIGNATURE,
                                        original_name__startswith=f"执法人员签名-{inspector.code}-").order_by("-id").first()
    return _read(found) if found is not None else None
