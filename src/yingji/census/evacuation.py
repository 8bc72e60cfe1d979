"""避险转移 during an incident (models/transfers.py): marking households and the commander's figures.

`mark_household` is what the phone page and the API post, through core.submissions.once: an offline re-send of
the same mark records it once. Each mark keeps the household's people at the shelter they were moved to, and
the shelter's 当前安置人数 follows: +people when a household becomes 已转移, −people when it leaves that state
(已返回, or a correction)."""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import Count, F, Max, Q, Value
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from yingji.core import submissions
from yingji.core.errors import DomainError, PermissionDeniedError
from yingji.core.scoping import scope_to_user
from yingji.resources.models import Shelter

from .choices import INSIDE, Mark, TransferState
from .models import Household, Transfer, TransferMark

MARK_PERMISSION = "census.add_transfermark"


def transfers_for(user):
    """The transfers whose pages the user may open: those of their region's subtree, and those of the regions
    above it (a district-wide transfer is marked by each township's officers). The households in them stay
    scoped to the user (households_for). The registry itself keeps the usual subtree scope."""
    queryset = Transfer.objects.select_related("incident", "region", "danger_zone").defer(
        "geometry", "region__geometry", "danger_zone__geometry", "incident__geometry")  # boundaries: never shown
    region = getattr(user, "region", None)
    if getattr(user, "is_superuser", False):
        return queryset
    if region is None:
        return queryset.none()
    codes = region.path.strip("/").split("/")
    above = ["/" + "/".join(codes[:n]) + "/" for n in range(1, len(codes))]
    return queryset.filter(Q(region__path__startswith=region.path) | Q(region__path__in=above))


def households_for(transfer, user):
    """The transfer's households this user may see (a township officer: their township's only)."""
    return scope_to_user(transfer.households(), user)


def latest_marks(transfer, household_ids=None) -> dict[int, TransferMark]:
    """household id → its newest mark in this transfer."""
    marks = TransferMark.objects.filter(transfer=transfer).order_by("id")
    if household_ids is not None:
        marks = marks.filter(household_id__in=household_ids)
    return {m.household_id: m for m in marks.only("id", "household_id", "mark", "people", "shelter_id", "at")}


def mark_household(*, actor, transfer, household, mark: str, note: str = "") -> TransferMark:
    if not actor.has_perm(MARK_PERMISSION):
        raise PermissionDeniedError("permission_denied", _("没有标记转移情况的权限"))
    if mark not in Mark.values:
        raise DomainError("invalid_mark", _("请选择转移情况"), field="mark")
    if transfer.state != TransferState.ACTIVE:
        raise DomainError("transfer_closed", _("该转移已结束，不能再标记"), field="mark")
    with transaction.atomic():
        Household.objects.select_for_update().filter(pk=household.pk).first()  # one mark at a time per household
        before = latest_marks(transfer, [household.pk]).get(household.pk)
        if mark == Mark.RETURNED and (before is None or before.mark != Mark.TRANSFERRED):
            raise DomainError("not_transferred", _("该户尚未转移，不能标记为已返回"), field="mark")
        record = TransferMark.objects.create(
            transfer=transfer, household=household, mark=mark, people=household.members,
            shelter_id=household.shelter_id if mark == Mark.TRANSFERRED else None, note=(note or "")[:200],
            marked_by=actor if getattr(actor, "is_authenticated", False) else None)
        submissions.store_pending(record)
        _move_occupancy(before, record)
    return record


def _move_occupancy(before, after) -> None:
    if before is not None and before.mark == Mark.TRANSFERRED and before.shelter_id:
        Shelter.objects.filter(pk=before.shelter_id).update(occupancy=Greatest(F("occupancy") - before.people,
                                                                               Value(0)))
    if after.mark == Mark.TRANSFERRED and after.shelter_id:
        Shelter.objects.filter(pk=after.shelter_id).update(occupancy=F("occupancy") + after.people)


@dataclass
class Tally:
    """Households and people of one village (or of the whole transfer) by their latest mark."""

    name: str = ""
    code: str = ""
    households: int = 0
    people: int = 0
    moved_people: int = 0
    counts: dict = field(default_factory=dict)  # mark (None: 待转移) → households

    def add(self, members: int, mark) -> None:
        self.households += 1
        self.people += members
        self.counts[mark] = self.counts.get(mark, 0) + 1
        if mark == Mark.TRANSFERRED:
            self.moved_people += members

    @property
    def percent(self) -> float:
        return round(100 * self.moved_people / self.people, 1) if self.people else 0.0

    def remove(self, members: int, mark) -> None:
        self.households -= 1
        self.people -= members
        self.counts[mark] = self.counts.get(mark, 0) - 1
        if mark == Mark.TRANSFERRED:
            self.moved_people -= members

    def count(self, mark) -> int:
        return self.counts.get(mark, 0)

    def as_dict(self) -> dict:
        return {"name": self.name, "code": self.code, "households": self.households, "people": self.people,
                "moved_people": self.moved_people, "percent": self.percent,
                **{m: self.count(m) for m in Mark.values}, "pending": self.count(None)}


ROW_FIELDS = ("id", "members", "region__code", "region__name", "shelter_id", "code", "name", "elderly", "disabled",
              "children", "cadre")


@dataclass
class _Tallied:
    """One user's view of one transfer, kept between changes (the live page re-draws every few seconds and each
    change moves one household: re-reading and re-tallying the 5,000 rows each time was most of the re-render).

    `rows` are the households (plain values, in the page's order), `states` their newest mark, `villages` the
    tallies; `last_mark`/`marks_seen` the newest mark applied and how many of the transfer's marks were read."""

    signature: tuple
    rows: list
    position: dict  # household id → its row
    states: dict
    total: Tally
    villages: dict
    shelter_ids: set
    last_mark: int
    marks_seen: int
    village_rows: dict = field(default_factory=dict)  # village code → (its figures, its row's HTML): views._live_rows


_TALLIED: "OrderedDict[tuple, _Tallied]" = OrderedDict()
_TALLIED_LOCK = threading.Lock()
TALLIED_KEPT = 8  # transfers × viewers kept per process (a district-wide one: ~2 MB)
KEEP_TALLIES = True  # False: every re-render re-reads and re-tallies everything (bench/census_transfer.py "before")


def _signature(households) -> tuple:
    """Changes when a household of the transfer is added, removed or edited (its `updated`)."""
    figures = households.aggregate(n=Count("id"), last=Max("id"), updated=Max("updated"))
    return figures["n"], figures["last"], figures["updated"]


def _build(transfer, user) -> _Tallied:
    households = households_for(transfer, user)
    signature = _signature(households)
    rows = list(households.order_by("region__code", "code").values_list(*ROW_FIELDS))
    marks = list(TransferMark.objects.filter(transfer=transfer).order_by("id").values_list("id", "household_id",
                                                                                           "mark"))
    states = {household: mark for _id, household, mark in marks}  # the newest mark wins
    total, villages, shelter_ids, position = Tally(name=_("合计")), {}, set(), {}
    for index, (pk, members, code, name, shelter_id, *_shown) in enumerate(rows):
        position[pk] = index
        state = states.get(pk)
        total.add(members, state)
        village = villages.get(code) or villages.setdefault(code, Tally(name=name, code=code))
        village.add(members, state)
        if shelter_id:
            shelter_ids.add(shelter_id)
    return _Tallied(signature, rows, position, {pk: states.get(pk) for pk in position}, total, villages, shelter_ids,
                    marks[-1][0] if marks else 0, len(marks))


def _update(tallied: _Tallied, transfer, user) -> _Tallied | None:
    """Apply the marks recorded since; None when the kept tally cannot be trusted (households changed, or a mark
    committed out of id order — the count of marks read would not match the transfer's)."""
    households = households_for(transfer, user)
    if _signature(households) != tallied.signature:
        return None
    new = list(TransferMark.objects.filter(transfer=transfer, id__gt=tallied.last_mark).order_by("id")
               .values_list("id", "household_id", "mark"))
    seen = tallied.marks_seen + len(new)
    if TransferMark.objects.filter(transfer=transfer).count() != seen:
        return None
    for mark_id, household, mark in new:
        index = tallied.position.get(household)
        tallied.last_mark = mark_id
        if index is None:
            continue  # a household outside this user's reach
        before = tallied.states[household]
        if before == mark:
            continue
        _pk, members, code, *_rest = tallied.rows[index]
        for tally in (tallied.total, tallied.villages[code]):
            tally.remove(members, before)
            tally.add(members, mark)
        tallied.states[household] = mark
    tallied.marks_seen = seen
    return tallied


def tallied(transfer, user, *, keep: bool | None = None) -> _Tallied:
    """The transfer's tally for this user: the kept one brought up to date with the new marks (two small queries
    and a count), else built from all rows. `keep=False` always builds (bench/census_transfer.py compares)."""
    if not (KEEP_TALLIES if keep is None else keep):
        return _build(transfer, user)
    key = (transfer.uuid, getattr(user, "pk", None), getattr(user, "region_id", None))
    with _TALLIED_LOCK:
        kept = _TALLIED.pop(key, None)
    result = _update(kept, transfer, user) if kept is not None else None
    if result is None:
        result = _build(transfer, user)
    with _TALLIED_LOCK:
        _TALLIED[key] = result
        while len(_TALLIED) > TALLIED_KEPT:
            _TALLIED.popitem(last=False)
    return result


def progress(transfer, user, inside_limit: int = 200, *, keep: bool | None = None) -> dict:
    """Per village: people moved (%), households by mark; the shelters used; who is still inside (the first
    `inside_limit`, as InsideRow). From the kept tally (`tallied`): a change re-counts only its household's village;
    the households still inside are found by walking the rows until `inside_limit` are found."""
    kept = tallied(transfer, user, keep=keep)
    inside, count = [], sum(kept.total.count(state) for state in INSIDE)
    if inside_limit:
        for pk, members, _code, name, _shelter, *shown in kept.rows:
            state = kept.states[pk]
            if state in INSIDE:
                household_code, household_name, elderly, disabled, children, cadre = shown
                inside.append((InsideRow(pk, household_code, household_name, members, elderly, disabled, children,
                                         cadre, name), state))
                if len(inside) >= inside_limit:
                    break
    villages = [_copy(kept.villages[c]) for c in sorted(kept.villages)]  # the kept ones move with the next change
    return {"total": _copy(kept.total), "villages": villages, "inside": inside,
            "inside_count": count, "shelters": shelter_rows(kept.shelter_ids), "tallied": kept}


def _copy(tally: Tally) -> Tally:
    return replace(tally, counts=dict(tally.counts))


@dataclass
class InsideRow:
    """A household still inside, as plain values (no model instance: the page and the API read these only)."""

    id: int
    code: str
    name: str
    members: int
    elderly: int
    disabled: int
    children: int
    cadre: str
    region__name: str

    @property
    def village(self) -> str:
        return self.region__name


def live_stamp(transfer) -> str:
    """Changes whenever the transfer's page would: a mark recorded (or the transfer closed), any shelter's
    occupancy moved (another transfer may fill the same shelter). Two cheap aggregate queries."""
    from django.db.models import Count, Max, Sum

    marks = TransferMark.objects.filter(transfer=transfer).aggregate(last=Max("id"), n=Count("id"))
    occupancy = Shelter.objects.aggregate(n=Sum("occupancy"))["n"] or 0
    return f"{marks['last'] or 0}.{marks['n']}.{occupancy}.{transfer.state}"


def shelter_rows(shelter_ids) -> list[dict]:
    rows = Shelter.objects.filter(pk__in=shelter_ids).order_by("code").values_list("code", "name", "occupancy",
                                                                                   "capacity")
    return [{"code": code, "name": name, "occupancy": occupancy, "capacity": capacity or 0,
             "over": bool(capacity) and occupancy > capacity} for code, name, occupancy, capacity in rows]


def mark_label(state) -> str:
    from .choices import PENDING_LABEL

    return str(PENDING_LABEL) if state is None else str(Mark(state).label)
