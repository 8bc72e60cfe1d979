"""The exam certificate (考试合格证书) and the service-hours certificate (志愿服务时长证明), each one document in the
core's official layout given as DOCX (core.documents) or PDF (core.pdf): the same content in both."""

from django.utils import timezone

from yingji.core.documents import DOCX_TYPE, OfficialDocument, Table, chinese_date, render_docx
from yingji.core.pdf import PDF_TYPE, render_pdf

ISSUER = "船山区应急管理局"
FORMATS = {"docx": (render_docx, DOCX_TYPE), "pdf": (render_pdf, PDF_TYPE)}


def masked_id(number: str) -> str:
    """An ID number on a certificate handed out: the region code and the last four digits (510903********1234)."""
    number = (number or "").strip()
    return f"{number[:6]}{'*' * 8}{number[-4:]}" if len(number) >= 10 else ""


def certificate_document(attempt) -> OfficialDocument:
    paper = attempt.paper
    day = timezone.localtime(attempt.submitted_at).date()
    return OfficialDocument(
        title="应急管理培训考试合格证书", issuer=ISSUER, date=day, number=certificate_number(attempt),
        blocks=[f"{attempt.candidate_name}同志于{chinese_date(day)}参加“{paper.name}”考试，成绩合格，特发此证。",
                Table(["姓名", "考试", "成绩", "及格分", "有效期至"],
                      [[attempt.candidate_name, paper.name, f"{attempt.score}分", f"{paper.pass_mark}分",
                        chinese_date(attempt.certificate_expiry)]])])


def certificate_number(attempt) -> str:
    day = timezone.localtime(attempt.submitted_at).date()
    return f"船应急考〔{day.year}〕{attempt.pk}号"


def certificate(attempt, fmt="docx") -> bytes:
    return FORMATS[fmt][0](certificate_document(attempt))


def service_hours_document(volunteer, today=None) -> OfficialDocument:
    """志愿服务时长证明 (志愿服务条例: service hours are recorded and can be certified): the hours credited by
    every call-out the volunteer checked out of, and their total."""
    from yingji.core.timefmt import MINUTE, local_text

    today = today or timezone.localdate()
    entries = (volunteer.callouts.filter(checked_out_at__isnull=False).select_related("callout__incident")
               .order_by("checked_in_at", "pk"))
    rows = [[e.callout.incident.name, e.callout.task, local_text(e.checked_in_at, MINUTE),
             local_text(e.checked_out_at, MINUTE), f"{e.hours}"] for e in entries]
    identity = masked_id(volunteer.id_number)
    identity = f"，身份证号{identity}" if identity else ""
    return OfficialDocument(
        title="志愿服务时长证明", issuer=ISSUER, date=today, number=service_hours_number(volunteer, today),
        blocks=[f"兹证明{volunteer.name}（志愿者编号{volunteer.code}{identity}）为船山区登记的应急志愿者，截至"
                f"{chinese_date(today)}，累计志愿服务时长{volunteer.service_hours}小时。其中经平台召集、签到签退记录的"
                "服务如下：",
                Table(["事件", "任务", "签到时间", "签退时间", "时长（小时）"], rows or [["—", "—", "—", "—", "0"]]),
                "特此证明。"])


def service_hours_number(volunteer, today) -> str:
    return f"船应急志〔{today.year}〕{volunteer.pk}号"


def service_hours(volunteer, today=None, fmt="docx") -> bytes:
    return FORMATS[fmt][0](service_hours_document(volunteer, today))
