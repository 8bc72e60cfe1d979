"""安全生产行政许可 (district level): the licence list is configuration (LICENCE_TYPES, overridable with
YINGJI_SERVICES {"licence_types": {...}}), seeded with the 危险化学品经营许可证 (不带储存设施). An application is a
case (cases.LICENCE_FLOW); 发证 writes the Licence with its number and validity; licences expiring within
config.licence_reminder_days are reminded (to-do, portal)."""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingji.core.errors import DomainError
from yingji.core.scoping import scope_to_user
from yingji.core.sequences import next_number

from .choices import CaseKind, LicenceStatus
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
    from .config import current

    today = today or timezone.localdate()
    within = current().licence_reminder_days if within_days is None else within_days
    return scope_to_user(Licence.objects.filter(status=LicenceStatus.VALID,
                                                expires_on__lte=today + dt.timedelta(days=within)), user) \
        .select_related("enterprise").order_by("expires_on")
