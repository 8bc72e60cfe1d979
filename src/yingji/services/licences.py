"""安全生产行政许可 (district level): the licence list is configuration (LICENCE_TYPES, overridable with
YINGJI_SERVICES {"licence_types": {...}}), seeded with the 危险化学品经营许可证 (不带储存设施). An application is a
case (cases.LICENCE_FLOW); 发证 writes the Licence with its number and validity; licences expiring within
config.licence_reminder_days are reminded (to-do, portal) and, once at each of licence_reminder_steps days before
expiry (90, 30, 7), by a message to the enterprise's accounts (in-app; SMS on the work-notice channel when it is
configured). The certificate (正本 layout) is a DOCX."""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.channels.notices import notify_users
from yingji.core.documents import OfficialDocument, Table, chinese_date, render_docx
from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user
from yingji.core.sequences import next_number

from .choices import CaseKind, LicenceStatus
from .config import current
from .models import Licence, LicenceApplication


@dataclass(frozen=True)
class LicenceType:
    code: str
    name: str
    years: int
    number_prefix: str


LICENCE_TYPES = {
    "hazchem_trade": LicenceType("hazchem_trade", gettext_lazy("危险化学品经营许可证（不带储存设施）"), 3,
                                 "川遂船应急经"),
}


def type_label(code: str) -> str:
    found = LICENCE_TYPES.get(code)
    return str(found.name) if found else code


def apply(*, actor, enterprise, data: dict, files: dict, when=None):
    from .cases import open_case

    code = str(data.get("licence_type") or "hazchem_trade")
    licence_type = LICENCE_TYPES.get(code)
    if licence_type is None:
        raise DomainError("invalid_licence_type", _("许可事项无效"), field="licence_type")
    scope = str(data.get("scope") or "").strip()
    if not scope:
        raise DomainError("scope_required", _("请填写许可范围（经营品种）"), field="scope")
    if "licence_application" not in files:
        raise DomainError("document_missing", _("请上传许可申请书"), field="licence_application")
    renewal = None
    if data.get("renewal_of"):
        renewal = Licence.objects.filter(enterprise=enterprise, number=str(data["renewal_of"])[:40]).first()
        if renewal is None:
            raise DomainError("licence_not_found", _("未找到要延续的许可证"), field="renewal_of")

    def build(case):
        return LicenceApplication(case=case, licence_type=code, scope=scope[:2000], renewal_of=renewal)

    title = (_("%(e)s%(t)s延续申请") if renewal else _("%(e)s%(t)s申请")) % {"e": enterprise.name,
                                                                        "t": licence_type.name}
    return open_case(actor=actor, enterprise=enterprise, kind=CaseKind.LICENCE, title=title, files=files,
                     build_detail=build, when=when)


def on_licence_step(case, event, *, actor, data, day) -> None:
    application = case.licence_application
    if event == "site_check":
        application.site_checked_on = day
        application.site_check_note = str(data.get("note") or "")[:2000]
    elif event in ("approve", "refuse"):
        application.decision_note = str(data.get("note") or data.get("reason") or "")[:2000]
    elif event == "certify":
        issue(application, day=day)
    application.save()


def issue(application, *, day) -> Licence:
    licence_type = LICENCE_TYPES[application.licence_type]
    # A counter per licence type and year (the day is 1 January); sequence prefixes are at most 8 characters, so the
    # type's code is a short digest of it.
    kind = hashlib.sha1(application.licence_type.encode()).hexdigest()[:6]
    serial = next_number(f"XK{kind}", dt.date(day.year, 1, 1))
    case = application.case
    if application.renewal_of_id:
        application.renewal_of.status = LicenceStatus.CANCELLED
        application.renewal_of.save()
    return Licence.objects.create(
        enterprise=case.enterprise, region_id=case.region_id, licence_type=application.licence_type,
        number=f"{licence_type.number_prefix}〔{day.year}〕{serial:04d}", scope=application.scope, issued_on=day,
        expires_on=_years_later(day, licence_type.years) - dt.timedelta(days=1), case=case)


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def expiring(user, within_days=None, today=None):
    today = today or timezone.localdate()
    within = current().licence_reminder_days if within_days is None else within_days
    return scope_to_user(Licence.objects.filter(status=LicenceStatus.VALID,
                                                expires_on__lte=today + dt.timedelta(days=within)), user) \
        .select_related("enterprise").order_by("expires_on")


def certificate(licence) -> OfficialDocument:
    """The licence certificate: the items a 危险化学品经营许可证 carries (证书编号, 企业名称, 主要负责人, 经营地址,
    许可范围, 经营方式, 有效期, 发证机关) in the official layout."""
    from .filing import ISSUER

    with translation.override("zh-hans"):  # a 公文 is in Chinese whatever the reader's language
        licence_name = type_label(licence.licence_type)
    enterprise = licence.enterprise
    rows = [["证书编号", licence.number], ["企业名称", enterprise.name],
            ["统一社会信用代码", enterprise.credit_code or "—"], ["主要负责人", enterprise.legal_representative or "—"],
            ["经营地址", enterprise.address or "—"], ["许可事项", licence_name],
            ["许可范围", licence.scope],
            ["经营方式", "不带储存设施经营" if licence.licence_type == "hazchem_trade" else "—"],
            ["有效期", f"{chinese_date(licence.issued_on)}至{chinese_date(licence.expires_on)}"]]
    return OfficialDocument(title=licence_name, issuer=ISSUER, date=licence.issued_on,
                            number=licence.number,
                            blocks=[Table(["项目", "内容"], rows), "发证机关（盖章）：" + ISSUER])


def certificate_docx(licence) -> bytes:
    if licence.status != LicenceStatus.VALID:
        raise DomainError("licence_not_valid", _("该许可证已注销或失效，不再出具证书"), field="uuid")
    return render_docx(certificate(licence))


def remind_expiring(today=None) -> int:
    """Once a day: a message to the accounts of each enterprise whose valid licence has reached a reminder step (90,
    30, 7 days before expiry); each step once (the message key names it). Messages written."""
    from yingji.core.models import User

    today = today or timezone.localdate()
    steps = sorted(current().licence_reminder_steps)
    written = 0
    for licence in Licence.objects.filter(status=LicenceStatus.VALID, expires_on__gte=today,
                                          expires_on__lte=today + dt.timedelta(days=steps[-1])).select_related(
            "enterprise"):
        left = (licence.expires_on - today).days
        step = next(step for step in steps if left <= step)
        users = User.objects.filter(is_active=True, pk__in=licence.enterprise.accounts.values("user_id"))
        text = _("%(e)s的%(t)s（编号 %(n)s）将于 %(d)s 到期，还有 %(left)s 天，请及时申请延续。") % {
            "e": licence.enterprise.name, "t": type_label(licence.licence_type), "n": licence.number,
            "d": licence.expires_on.isoformat(), "left": left}
        written += notify_users(list(users), subject=_("许可证到期提醒"), body=text,
                                key=f"licence-expiry:{licence.uuid}:{step}",
                                sms_channel_code=current().notice_sms_channel)
    return written
