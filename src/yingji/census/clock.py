"""The 8-hour relief clock (Table 2: 受灾群众基本生活得到有效救助 8小时之内).

For each person registered at a shelter during an incident: the time from the incident's start (occurred_at)
to the first distribution that covers them — one handed to them, or one to their shelter (for everyone
registered there) at or after their registration. The incident's share is the registered people covered within
8 hours ÷ all registered people; people not yet covered count as not within."""

from dataclasses import dataclass, field
from datetime import timedelta

from yingji.core.scoping import scope_to_user

from .models import AffectedPerson, Distribution

TARGET = timedelta(hours=8)


@dataclass
class Share:
    name: str = ""
    people: int = 0
    within: int = 0
    covered: int = 0
    longest: timedelta | None = None
    rows: list = field(default_factory=list)

    def add(self, person, waited) -> None:
        self.people += person.people
        if waited is not None:
            self.covered += person.people
            self.within += person.people if waited <= TARGET else 0
            self.longest = waited if self.longest is None else max(self.longest, waited)

    @property
    def percent(self) -> float:
        return round(100 * self.within / self.people, 1) if self.people else 0.0

    @property
    def meets(self) -> bool:
        return self.people > 0 and self.within == self.people

    def as_dict(self) -> dict:
        hours = round(self.longest.total_seconds() / 3600, 2) if self.longest is not None else None
        return {"name": self.name, "people": self.people, "covered": self.covered, "within_8h": self.within,
                "percent": self.percent, "meets": self.meets, "longest_hours": hours}


def first_covering(person, distributions) -> object | None:
    """The time of the first distribution covering `person` (distributions sorted by time), or None."""
    for d in distributions:
        if d.distributed_at >= person.registered_at and (
                d.person_id == person.pk or (d.person_id is None and d.shelter_id == person.shelter_id)):
            return d.distributed_at
    return None


def relief_clock(incident, user=None) -> dict:
    """{"total": Share, "townships": [Share…]} for the incident (limited to the user's reach when given)."""
    people = AffectedPerson.objects.filter(incident=incident).select_related("region")
    people = scope_to_user(people, user) if user is not None else people
    distributions = list(Distribution.objects.filter(incident=incident).order_by("distributed_at", "id").only(
        "id", "person_id", "shelter_id", "distributed_at"))
    by_shelter: dict[int, list] = {}
    for d in distributions:
        by_shelter.setdefault(d.shelter_id, []).append(d)
    total, townships, names = Share(name=str(incident)), {}, _township_names()
    for person in people:
        moment = first_covering(person, by_shelter.get(person.shelter_id, ()))
        waited = moment - incident.occurred_at if moment is not None else None
        total.add(person, waited)
        township = _township_of(person.region, names)
        townships.setdefault(township, Share(name=township)).add(person, waited)
    return {"total": total, "townships": [townships[k] for k in sorted(townships)]}


def _township_names() -> dict[str, str]:
    from yingji.core.models import Region, RegionLevel

    return dict(Region.objects.filter(level=RegionLevel.TOWNSHIP).values_list("code", "name"))


def _township_of(region, names) -> str:
    """The name of the township a region lies in (its own name above township level)."""
    codes = region.path.strip("/").split("/")
    return names.get(codes[1], region.name) if len(codes) > 1 else region.name
