"""Who receives a warning: subscribers, loudspeakers, officials and grid workers in its area.

Everything is resolved with a few aggregate or streamed queries (never one query per recipient); subscribers
and loudspeakers are handed over as queries, so a fan-out to a million subscribers is written inside the
database (channels.services.RecipientQuery).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Value
from django.db.models.functions import Coalesce, Concat, NullIf

from yingji.channels.services import RecipientQuery
from yingji.core.models import Committee, Organization, Person, Region, RegionLevel, User
from yingji.core.roles import Role
from yingji.core.scoping import scope_for

from . import area as areas
from .config import ROUTES, SUBSCRIBER_CHANNELS
from .models import Loudspeaker, Subscriber


@dataclass
class Target:
    """The area of a warning as targeting needs it."""

    villages: list[Region]
    region_ids: set[int]  # the villages, their grids, and regions chosen as a whole
    townships: dict[int, Region] = field(default_factory=dict)  # region id → its township

    def township_of(self, region_id: int) -> str:
        township = self.townships.get(region_id)
        return township.name if township else "区级"


def target_of(warning) -> Target:
    regions = list(warning.area_regions.all())
    villages = areas.covered_villages(warning.area_kind, regions, warning.area_shape)
    paths = [v.path for v in villages] + [r.path for r in regions]
    if warning.area_kind == "district":
        paths = [Region.objects.get(level=RegionLevel.DISTRICT).path]
    townships = {r.code: r for r in Region.objects.filter(level=RegionLevel.TOWNSHIP)}
    result = Target(villages=villages, region_ids=set())
    for region in Region.objects.filter(level__gte=RegionLevel.TOWNSHIP).only("id", "path", "code"):
        if any(region.path.startswith(p) for p in paths):
            result.region_ids.add(region.id)
        result.townships[region.id] = townships.get(region.path.strip("/").split("/")[1])
    return result


def officials(warning, target: Target):
    """People of the chosen committees' member organizations and of the township governments in the area."""
    committee_orgs = Committee.objects.filter(pk__in=warning.committees.values("pk")).values("members__organization")
    township_ids = {t.id for t in target.townships.values() if t and t.id in target.region_ids}
    township_ids |= {v.parent_id for v in target.villages}
    organizations = Organization.objects.filter(pk__in=committee_orgs) | Organization.objects.filter(
        kind="township", region_id__in=township_ids
    )
    return Person.objects.filter(organization__in=organizations.distinct()).exclude(mobile="").select_related(
        "region"
    )


def grid_workers(target: Target):
    return User.objects.filter(role=Role.GRID_WORKER, is_active=True, region_id__in=target.region_ids)


def reach_preview(warning, user=None) -> dict:
    """How many people, devices and officials will receive it, per township and channel (before sending):
    within the viewer's jurisdiction (`user`, else whoever is acting; core.scoping)."""
    target = target_of(warning)
    target.region_ids &= set(scope_for(Region.objects.filter(pk__in=target.region_ids), user)
                             .values_list("id", flat=True))
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    subscribers = Subscriber.objects.filter(region_id__in=target.region_ids, opted_out=False)
    for row in subscribers.values("region_id", "preferred_channel").annotate(n=Count("id")):
        rows[target.township_of(row["region_id"])][ROUTES[row["preferred_channel"]]] += row["n"]
    speakers = Loudspeaker.objects.filter(region_id__in=target.region_ids)
    for row in speakers.values("region_id").annotate(n=Count("id")):
        rows[target.township_of(row["region_id"])][ROUTES["loudspeaker"]] += row["n"]
    people = list(scope_for(officials(warning, target), user))
    for person in people:
        rows[target.township_of(person.region_id)][ROUTES["official"]] += 1
    workers = list(grid_workers(target).values_list("region_id", flat=True))
    for region_id in workers:
        rows[target.township_of(region_id)][ROUTES["grid"]] += 1
    table = {t: dict(c) for t, c in sorted(rows.items())}
    channels = sorted({c for counts in table.values() for c in counts})
    return {
        "townships": table,
        "channels": channels,
        "people": subscribers.count() + len(workers),
        "devices": speakers.count(),
        "officials": len(people),
        "population": warning.population,
    }


def recipients_by_channel(warning, target: Target | None = None):
    """Yield (channel code, RecipientQuery) for every kind of recipient: the database lists them itself."""
    target = target or target_of(warning)
    subscribers = Subscriber.objects.filter(region_id__in=target.region_ids, opted_out=False)
    for channel in SUBSCRIBER_CHANNELS:  # no query for a channel that is not enabled (the query is lazy)
        yield ROUTES[channel], RecipientQuery(subscribers.filter(preferred_channel=channel), flags={"public": True},
                                              contacts={"phone": "phone", "email": "email", "device": "phone"})
    speakers = Loudspeaker.objects.filter(region_id__in=target.region_ids)
    yield ROUTES["loudspeaker"], RecipientQuery(speakers, contacts={"device": "device_id"})
    yield ROUTES["official"], RecipientQuery(officials(warning, target), contacts={"phone": "mobile", "person": "code"},
                                             flags={"ack": True})
    display_name = Coalesce(NullIf(Concat("last_name", "first_name"), Value("")), "username")  # User.display_name
    yield ROUTES["grid"], RecipientQuery(grid_workers(target), contacts={"phone": "phone", "username": "username"},
                                         name=display_name)
