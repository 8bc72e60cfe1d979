"""The exam certificate (考试合格证书) as DOCX, with the core's official-document layout."""

from django.utils import timezone

from yingji.core.documents import OfficialDocument, Table, chinese_date, render_docx


def certificate(attempt) -> bytes:
    paper = attempt.paper
    day = timezone.localtime(attempt.submitted_at).date()
    return render_docx(OfficialDocument(
        title="应急管理培训考试合格证书", issuer="船山区应急管理局", date=day,
        number=f"船应急考〔{day.year}〕{attempt.pk}号",
        blocks=[f"{attempt.candidate_name}同志于{chinese_date(day)}参加“{paper.name}”考试，成绩合格，特发此证。",
                Table(["姓名", "考试", "成绩", "及格分", "有效期至"],
                      [[attempt.candidate_name, paper.name, f"{attempt.score}分", f"{paper.pass_mark}分",
                        chinese_date(attempt.certificate_expiry)]])]))


def service_hours(volunteer, today=None) -> bytes:
    """志愿服务时长证明 (志愿服务条例: service hours are recorded and can be certified): the hours credited by
    every call-out the volunteer checked out of, and their total."""
    from yingji.core.timefmt import MINUTE, local_text

    today = today or timezone.localdate()
    entries = (volunteer.callouts.filter(checked_out_at__isnull=False).select_related("callout__incident")
               .order_by("checked_in_at", "pk"))
    rows = [[e.callout.incident.name, e.callout.task, local_text(e.checked_in_at, MINUTE),
             local_text(e.checked_out_at, MINUTE), f"{e.hours}"] for e in entries]
    return render_docx(OfficialDocument(
        title="志愿服务时长证明", issuer="船山区应急管理局", date=today,
        number=f"船应急志〔{today.year}〕{volunteer.pk}号",
        blocks=[f"兹证明{volunteer.name}（志愿者编号{volunteer.code}）为船山区登记的应急志愿者，截至"
                f"{chinese_date(today)}，累计志愿服务时长{volunteer.service_hours}小时。其中经平台召集、签到签退记录的"
                "服务如下：",
                Table(["事件", "任务", "签到时间", "签退时间", "时长（小时）"], rows or [["—", "—", "—", "—", "0"]]),
                "特此证明。"]))
