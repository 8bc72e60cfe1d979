"""What a partner may read from the platform (GET on the partner API), each behind its entry in the partner's
allow-list (`Partner.read_feeds`, choices.ReadFeed): the bureau grants them one by one on the partner's page; a new
partner reads nothing. The rows are the partner's own view: datasets it takes part in, warnings in force, the
incidents of its region."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yingji.core.errors import DomainError

from .choices import ReadFeed
from .keys import _may_manage
from .models import Dataset, Partner

INCIDENT_DAYS = 30
LIMIT = 500


def clean_feeds(feeds, field="read_feeds") -> list[str]:
    if feeds is None:
        feeds = []
    if isinstance(feeds, str) or not isinstance(feeds, list | tuple | set):
        raise DomainError("invalid_feed", _("可读取的数据应为列表"), field=field)
    feeds = list(dict.fromkeys(str(f) for f in feeds))
    unknown = [f for f in feeds if f not in ReadFeed.values]
    if unknown:
        raise DomainError("invalid_feed", _("未知的数据：%(f)s") % {"f": "、".join(unknown)[:200]}, field=field)
    return [f for f in ReadFeed.values if f in feeds]  # in the catalogue's order


def grant(*, actor, partner: Partner, feeds) -> Partner:
    """Set the partner's read allow-list (audited: Partner is an audited model)."""
    _may_manage(actor)
    feeds = clean_feeds(feeds)
    with transaction.atomic():
        locked = Partner.objects.select_for_update().get(pk=partner.pk)
        if locked.read_feeds != feeds:
            locked.read_feeds = feeds
            locked.save(update_fields=["read_feeds"])
    partner.read_feeds = feeds
    return partner


def catalogue(partner: Partner) -> list[dict]:
    return [{"code": d.code, "name": d.name, "direction": d.direction, "owner": d.owner, "frequency": d.frequency,
             "channel": d.channel, "fields": d.fields} for d in Dataset.objects.filter(partners=partner)]


def warnings(partner: Partner, now=None) -> list[dict]:
    """Warnings in force (published warnings are public: the /cap/ feed)."""
    from yingji.alerts.services import in_force

    rows = in_force(now).order_by("-published_at")[:LIMIT]
    return [{"uuid": str(w.uuid), "msg_type": w.msg_type, "type_code": w.type_code, "level": w.level,
             "headline": w.headline, "description": w.description, "instructions": w.instructions,
             "effective": w.effective, "expires": w.expires, "area": w.area_desc, "published_at": w.published_at,
             "source": w.source} for w in rows]


def incidents(partner: Partner, now=None) -> list[dict]:
    """The incidents of the partner's region received in the last 30 days (no exercises, no merged duplicates)."""
    from yingji.incidents.models import Incident

    since = (now or timezone.now()) - timedelta(days=INCIDENT_DAYS)
    rows = (Incident.objects.filter(region__path__startswith=partner.region.path, received_at__gte=since,
                                    is_exercise=False, merged_into__isnull=True)
            .select_related("region").defer("region__geometry").order_by("-received_at")[:LIMIT])
    return [{"uuid": str(i.uuid), "code": i.code, "name": i.name, "type_code": i.type_code, "status": i.status,
             "grade": i.grade, "occurred_at": i.occurred_at, "received_at": i.received_at, "lon": i.lon,
             "lat": i.lat, "region": {"code": i.region.code, "name": i.region.name}} for i in rows]


ROWS = {ReadFeed.CATALOGUE: catalogue, ReadFeed.WARNINGS: warnings, ReadFeed.INCIDENTS: incidents}
