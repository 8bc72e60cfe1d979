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
