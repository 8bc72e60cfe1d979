"""应急管理行政执法文书 as DOCX (core.documents' official layout, the 安全生产执法文书式样 contents): 现场检查记录,
责令限期整改指令书, 整改复查意见书. Each is numbered prefix〔year〕N号 per kind and year from a core.sequences
counter (key = the kind's sequence prefix, day = 1 January of the year): never reused, gaps allowed (a number taken
by a request that then fails is not given out again). The file is kept as an attachment of the task (core
attachments: its SHA-256 is in the audit trail) and listed as an IssuedDocument."""

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.attachments import attach
from yingji.core.documents import Heading, OfficialDocument, Picture, Table, chinese_date, render_docx
from yingji.core.sequences import next_number

from .choices import DOCUMENT_PREFIX, DocumentKind, ItemResult
from .models import Inspector, IssuedDocument

ISSUER = "遂宁市船山区应急管理局"
RIGHTS = ("如不服本决定，可以在收到本文书之日起六十日内依法向遂宁市船山区人民政府申请行政复议，或者在六个月内"
          "依法向人民法院提起行政诉讼，但本决定不停止执行，法律另有规定的除外。")


# The demo loader walks cases and orders through their steps without writing files: the test template keeps the
# database but not the media directory, so a demo document would be a row whose file is gone.
_FILES: ContextVar[bool] = ContextVar("enforcement_document_files", default=True)


@contextmanager
def without_files():
    token = _FILES.set(False)
    try:
        yield
    finally:
        _FILES.reset(token)


def files_enabled() -> bool:
    return _FILES.get()


def next_serial(kind: str, year: int) -> int:
    return next_number(DOCUMENT_PREFIX[kind][1], dt.date(year, 1, 1))


def number_text(kind: str, year: int, serial: int) -> str:
    return f"{DOCUMENT_PREFIX[kind][0]}〔{year}〕{serial}号"


def issue(kind: str, *, actor, build, task=None, order=None, case=None, day=None) -> IssuedDocument:
    """Take the next number of `kind`, render `build(number)` (an OfficialDocument), keep the file as an attachment
    of the case (or else the task): all or nothing (the number is never given out again). Under without_files()
    (the demo loader) nothing is issued and None is returned."""
    if not files_enabled():
        return None
    day = day or timezone.localdate()
    serial = next_serial(kind, day.year)
    number = number_text(kind, day.year, serial)
    content = render_docx(build(number))
    with transaction.atomic():
        upload = ContentFile(content, name=f"{number}.docx")
        record = case or task
        attachment = attach(actor=actor, record=record, upload=upload, kind="document", check_permission=False)
        user = actor if getattr(actor, "pk", None) else None
        return IssuedDocument.objects.create(kind=kind, year=day.year, serial=serial, number=number, task=task,
                                             order=order, case=case, region_id=record.region_id, attachment=attachment,
                                             created_by=user)


def _inspectors(task) -> str:
    people = Inspector.objects.filter(pk__in=task.inspector_ids()).order_by("code")
    return "、".join(f"{p.name}（执法证号：{p.certificate_no}）" for p in people)


def _facts(task) -> Table:
    enterprise = task.target.enterprise
    return Table([_("项目"), _("内容")], [
        [_("被检查单位"), enterprise.name], [_("地址"), enterprise.address or "—"],
        [_("法定代表人（负责人）"), enterprise.legal_representative or "—"],
        [_("检查时间"), chinese_date(task.inspected_on) if task.inspected_on else "—"],
        [_("检查人员"), _inspectors(task)], [_("检查任务"), task.code]])


def _signatures(task) -> list:
    """二、签名: each inspector with their drawn signature (when recorded on the phone), then the party's — or its
    refusal, with the note and the witness's drawn signature (当事人拒绝签字)."""
    from .onsite import SIGNATURE, WITNESS_SIGNATURE, inspector_signature, signature_image

    missing = _("（签名图像无法读取，见检查任务附件）")
    blocks = []
    people = {p.pk: p for p in Inspector.objects.filter(pk__in=task.inspector_ids())}
    for pk in task.inspector_ids():
        person = people[pk]
        image = inspector_signature(task, person)
        caption = _("执法人员%(n)s（执法证号：%(c)s）（签名）：") % {"n": person.name, "c": person.certificate_no}
        blocks.append(Picture(image, caption, fallback=missing) if image else caption)
    if task.party_refused:
        blocks.append(_("被检查单位现场负责人%(n)s拒绝签字。拒签情况：%(r)s")
                      % {"n": task.party_signer, "r": task.refusal_note})
        if task.witness:
            image = signature_image(task, WITNESS_SIGNATURE)
            caption = _("见证人%(w)s（签名）：") % {"w": task.witness}
            blocks.append(Picture(image, caption, fallback=missing) if image else caption + missing)
        else:
            blocks.append(_("无见证人在场。"))
        return blocks
    image = signature_image(task, SIGNATURE) if task.party_signer else None
    caption = _("被检查单位现场负责人%(n)s（签名）：") % {"n": task.party_signer} if task.party_signer \
        else _("被检查单位现场负责人（签名）：")
    blocks.append(Picture(image, caption, fallback=missing) if image else caption)
    return blocks


def inspection_record(task):
    """现场检查记录: the unit, the inspectors with their 执法证号, each item's result, and the signatures (the
    party's drawn signature embedded, or its refusal with the witness)."""
    rows = [[n, f.item.name, f.item.legal_basis, f.get_result_display(), f.note or ""]
            for n, f in enumerate(task.findings.select_related("item").order_by("item__code"), 1)]

    def build(number):
        blocks = [_facts(task), Heading(_("一、检查情况")),
                  Table([_("序号"), _("检查事项"), _("依据"), _("结果"), _("情况说明")], rows),
                  Heading(_("二、签名")), *_signatures(task)]
        return OfficialDocument(title=_("现场检查记录"), issuer=ISSUER, date=task.inspected_on or timezone.localdate(),
                                number=number, blocks=blocks)
    return build


def _problems(order) -> list[str]:
    failed = order.task.findings.filter(result=ItemResult.FAIL).select_related("item").order_by("item__code")
    return [f"{n}. {f.item.name}{('：' + f.note) if f.note else ''}（{f.item.legal_basis}）"
            for n, f in enumerate(failed, 1)]


def order_document(order):
    """责令限期整改指令书: the problems found, the deadline, the rights of the party."""
    def build(number):
        blocks = [_("经查，你单位存在下列问题："), *_problems(order),
                  _("依据《中华人民共和国安全生产法》第六十五条第一款第（三）项的规定，现责令你单位于%(d)s前整改完毕，"
                    "达到有关法律法规规章和标准规定的要求。整改期间，你单位应当采取措施，确保安全生产。")
                  % {"d": chinese_date(order.deadline)}]
        if order.requirements:
            blocks.append(_("整改要求：%(r)s") % {"r": order.requirements})
        blocks.append(RIGHTS)
        return OfficialDocument(title=_("责令限期整改指令书"), issuer=ISSUER, date=order.issued_on, number=number,
                                recipient=order.task.target.enterprise.name, blocks=blocks)
    return build


def recheck_document(order):
    """整改复查意见书: which order was re-checked, when, and the opinion (合格 / 不合格)."""
    ordered = order.documents.filter(kind=DocumentKind.ORDER).first()

    def build(number):
        passed = order.state == "passed"
        opinion = (_("经复查，你单位已按要求完成整改，复查合格。") if passed
                   else _("经复查，你单位未按要求完成整改，复查不合格，本机关将依法处理。"))
        blocks = [_("本机关于%(i)s作出了《责令限期整改指令书》（%(n)s），于%(r)s对你单位整改情况进行了复查。")
                  % {"i": chinese_date(order.issued_on), "n": ordered.number if ordered else "—",
                     "r": chinese_date(order.rechecked_on)},
                  opinion]
        if order.recheck_note:
            blocks.append(_("复查意见：%(o)s") % {"o": order.recheck_note})
        blocks.append(_("复查人员：%(p)s") % {"p": _inspectors(order.task)})
        return OfficialDocument(title=_("整改复查意见书"), issuer=ISSUER, date=order.rechecked_on, number=number,
                                recipient=order.task.target.enterprise.name, blocks=blocks)
    return build
