"""Pushes from partners: incidents (through the incidents app's intake service), hazards (through the registry's
save_record, as the hazard loop's other sources), monitoring readings (through monitoring's ingest). Each is
idempotent by the partner's own id (PushRecord), all or nothing, and stays within the partner's region."""


from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.models import Region

from . import gathering
from .models import Partner, PushRecord

DOCUMENT_KIND = "partner_doc"  # the timeline kind of a pushed document (contributions)
LINKAGE = {"110": "110 公安联动", "119": "119 消防联动", "120": "120 急救联动", "other": ""}


def earlier(partner: Partner, kind: str, ref: str) -> dict | None:
    """The first answer to this partner's id, if it was pushed before."""
    # Unique (partner, kind, ref): no ORDER BY, as `.first()` would add.
    rows = PushRecord.objects.filter(partner=partner, kind=kind, ref=ref).values_list("response", flat=True)[:1]
    return next(iter(rows), None)


def _once(partner: Partner, kind: str, ref: str, create) -> tuple[dict, bool]:
    """(answer, created): `create()` runs in one transaction with the push record; two racing requests with one id
    both try, one commits, the other reads its answer."""
    found = earlier(partner, kind, ref)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            answer = create()
            PushRecord.objects.create(partner=partner, kind=kind, ref=ref, object_uuid=answer.get("uuid", ""),
                                      response=answer)
    except IntegrityError:
        found = earlier(partner, kind, ref)
        if found is None:
            raise
        return found, False
    return answer, True


def _within(partner: Partner, region: Region, field="region") -> None:
    _within_path(partner, region.path, field)


def _within_path(partner: Partner, path: str, field="region") -> None:
    if not path.startswith(partner.region.path):
        raise PermissionDeniedError("outside_partner_region", _("该区域不在本伙伴的数据范围（%(r)s）内")
                                    % {"r": partner.region.name}, field=field)


def _region(partner: Partner, code: str | None, field="region") -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise DomainError("unknown_region", _("未知的区划代码：%(c)s") % {"c": code[:32]}, field=field)
    _within(partner, region, field)
    return region


def push_incident(partner: Partner, data: dict) -> tuple[dict, bool]:
    from yingji.incidents.choices import Source
    from yingji.incidents.services import create_incident

    def create():
        fields = {k: v for k, v in data.items() if k not in ("id", "linkage", "region")}
        fields["region"] = _region(partner, data.get("region"))
        fields["reporter_org"] = partner.name[:100]
        label = LINKAGE[data.get("linkage") or "other"]
        if label:
            fields["statement"] = f"【{label}】{data['statement']}"
        incident = create_incident(actor=None, data=fields, source=Source.API)
        _within(partner, incident.region)
        return {"id": data["id"], "uuid": str(incident.uuid), "code": incident.code,
                "url": f"/api/incidents/incidents/{incident.uuid}/"}

    return _once(partner, "incident", data["id"], create)


def push_hazard(partner: Partner, data: dict) -> tuple[dict, bool]:
    from yingji.core.registry import registry_for
    from yingji.core.services import save_record
    from yingji.prevention.choices import HazardSource
    from yingji.prevention.models import Enterprise, Hazard

    def create():
        enterprise = None
        if data.get("enterprise"):
            enterprise = Enterprise.objects.filter(code=data["enterprise"]).first()
            if enterprise is None:
                raise DomainError("unknown_enterprise", _("未知的企业编码：%(c)s") % {"c": data["enterprise"][:40]},
                                  field="enterprise")
            _within(partner, enterprise.region, "enterprise")
        hazard = save_record(registry_for(Hazard), actor=None, data={
            "name": data["name"], "region": _region(partner, data["region"]), "source": HazardSource.DEPARTMENT,
            "grade": data.get("grade") or "general", "found_on": data.get("found_on") or timezone.localdate(),
            "enterprise": enterprise, "lon": data.get("lon"), "lat": data.get("lat"),
            "description": (_("%(p)s 推送（编号 %(id)s）") % {"p": partner.name, "id": data["id"]}
                            + (f"\n{data['description']}" if data.get("description") else "")),
            "extra": {"exchange": {"partner": partner.code, "id": data["id"]}}})
        return {"id": data["id"], "uuid": str(hazard.uuid), "code": hazard.code,
                "url": f"/api/prevention/hazards/{hazard.uuid}/"}

    return _once(partner, "hazard", data["id"], create)


def push_readings(partner: Partner, data: dict) -> tuple[dict, bool]:
    """A batch of readings; any refused reading (unknown device, out of range, another region's station …) refuses
    the batch, so nothing is half-saved. The rules run after the commit."""
    from yingji.monitoring.choices import Reason
    from yingji.monitoring.models import Station

    outcome = {}

    def create():
        messages = [{"device": r["device"], "time": r["time"].isoformat(), "values": r["values"]}
                    for r in data["readings"]]
        devices = {m["device"] for m in messages}
        for path in set(Station.objects.filter(device_id__in=devices).values_list("region__path", flat=True)):
            _within_path(partner, path, "readings")
        result = ingest_messages(messages, evaluate=False)
        refused = [i for i in result.refused if i.reason != Reason.DUPLICATE]
        if refused:
            raise DomainError("readings_refused", _("有 %(n)d 条数据未通过校验，整批未保存") % {"n": len(refused)},
                              fields={f"readings.{i.device}.{i.field}": [i.detail] for i in refused[:50]})
        outcome["sensors"] = result.sensors
        return {"id": data["id"], "uuid": "", "code": "", "url": "", "stored": result.stored,
                "duplicates": len(result.refused)}

    answer, created = _once(partner, "readings", data["id"], create)
    if created and outcome.get("sensors"):
        gathering.RULES.add(outcome["sensors"])
    return answer, created



def ingest_messages(messages: list[dict], *, evaluate: bool):
    from yingji.monitoring.choices import Source
    from yingji.monitoring.ingest import ingest
    from yingji.monitoring.parsing import items_of

    return ingest(items_of(messages), Source.HTTP, evaluate=evaluate)


def push_document(partner: Partner, data: dict) -> tuple[dict, bool]:
    """A document (部门来文) and its files, all or nothing: a refused file (not Base64, too large, not a PDF, DOCX,
    XLSX, JPG or PNG) refuses the push. About an incident of the partner's region, it is on the incident's
    timeline."""
    from django.core.files.base import ContentFile

    from yingji.core.attachments import attach, check_upload

    from .choices import DocumentCategory
    from .models import PartnerDocument

    category = data.get("category") or DocumentCategory.OTHER
    if category not in DocumentCategory.values:
        raise DomainError("invalid_choice", _("类别无效，应为 %(v)s 之一") % {"v": "、".join(DocumentCategory.values)},
                          field="category")
    issued_on = data.get("issued_on")
    if issued_on is not None:
        from yingji.core.validators import date_range_error

        error = date_range_error(issued_on)
        if error is not None:
            raise DomainError("date_out_of_range", error.message, field="issued_on")
    files = [ContentFile(_decoded(f["content"], f"files.{index}.content"), name=f["name"])
             for index, f in enumerate(data.get("files") or [])]
    for index, upload in enumerate(files):
        try:
            check_upload(upload, "document")
        except DomainError as exc:
            raise DomainError(exc.code, exc.message, field=f"files.{index}.content") from None
    incident = _incident_of(partner, data.get("incident"))

    def create():
        document = PartnerDocument.objects.create(
            partner=partner, ref=data["id"], title=data["title"], number=data.get("number") or "",
            category=category, issued_on=issued_on, summary=data.get("summary") or "", incident=incident,
            region=incident.region if incident is not None else partner.region)
        for upload in files:
            attach(actor=None, record=document, upload=upload, kind="document", check_permission=False)
        if incident is not None:
            _on_timeline(partner, document, incident)
        return {"id": data["id"], "uuid": str(document.uuid), "code": "", "url": "",
                "stored": len(files)}

    return _once(partner, "document", data["id"], create)


def _decoded(content: str, field: str) -> bytes:
    import base64
    import binascii

    from django.conf import settings

    if len(content) > settings.ATTACHMENT_MAX_BYTES * 4 // 3 + 4:
        raise DomainError("file_too_large", _("文件不能超过 %(mb)s MB") % {
            "mb": f"{settings.ATTACHMENT_MAX_BYTES / 1048576:g}"}, field=field)
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError("invalid_base64", _("文件内容应为 Base64 编码"), field=field) from None


def _incident_of(partner: Partner, key):
    from yingji.incidents.models import Incident

    if key is None:
        return None
    incident = Incident.objects.filter(uuid=key).select_related("region").first()
    if incident is None:
        raise DomainError("unknown_incident", _("事件不存在"), field="incident")
    _within(partner, incident.region, "incident")
    return incident


def _on_timeline(partner: Partner, document, incident) -> None:
    from yingji.incidents import timeline
    from yingji.incidents.titles import canonical

    timeline.write(incident, kind=DOCUMENT_KIND, title=canonical(gettext_noop("部门来文：%(t)s"), t=document.title),
                   body=_("%(p)s%(n)s：%(s)s") % {"p": partner.name, "n": f"（{document.number}）" if document.number
                                                  else "", "s": document.summary[:1000]},
                   data={"document": str(document.uuid), "partner": partner.code})
