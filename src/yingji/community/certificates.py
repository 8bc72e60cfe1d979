"""A volunteer's certificates (证书: first aid, diving, drone …) with their expiry, entered on the volunteer's page or
through the API by whoever may change the volunteer; the page flags 临期 and 过期 ones."""

from datetime import date

from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from .models import VolunteerCertificate


def add_certificate(volunteer, *, name, expiry=None) -> VolunteerCertificate:
    name = str(name or "").strip()
    if not name:
        raise DomainError("required", _("请填写证书名称"), field="name")
    if len(name) > 100:
        raise DomainError("too_long", _("证书名称不能超过100字"), field="name")
    day = None
    if expiry not in (None, ""):
        day = expiry if isinstance(expiry, date) else parse_date(str(expiry).strip())
        if day is None:
            raise DomainError("invalid_date", _("有效期应为 YYYY-MM-DD 格式的日期"), field="expiry")
    with transaction.atomic():
        return VolunteerCertificate.objects.create(volunteer=volunteer, name=name, expiry=day)
