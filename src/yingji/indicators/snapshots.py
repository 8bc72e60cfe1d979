"""Yearly snapshots and the township breakdown of the computed indicators (docs/indicators.md).

`record()` (a periodic hook of the worker, every 6 hours, and `yingji manage indicator_snapshots`) asks every
provider for the district and for each township, as a viewer at that region would see it, and stores the
figure as this year's IndicatorSnapshot of that region (replacing the year's earlier one). A past year's row
is never touched again: it is the figure the year ended with. `townships(user)` reads this year's rows of the
townships in the user's reach, ranked by indicators met."""

from django.db import transaction
from django.utils import timezone

from yingji.core.models import Region, RegionLevel, User
from yingji.core.roles import Role
from yingji.core.scoping import scope_to_user

from .catalogue import CATALOGUE, COMPUTED
from .models import IndicatorSnapshot
from .status import MET, NO_DATA, NOT_MET, evaluate

EVERY_SECONDS = 6 * 3600
COMPUTED_ENTRIES = [entry for entry in CATALOGUE if entry.source == COMPUTED]


def viewer_at(region) -> User:
    """Nobody in particular who sees what a commander at `region` sees (never saved)."""
    return User(username=f"indicators@{region.code}", role=Role.COMMANDER, region=region, is_active=True)


def record(now=None, regions=None) -> int:
    """This year's figure of every computed indicator for the district and each township (or `regions`)."""
    now = now or timezone.now()
    year = timezone.localtime(now).year
    if regions is None:
        regions = Region.objects.filter(level__in=(RegionLevel.DISTRICT, RegionLevel.TOWNSHIP)).defer("geometry")
    written = 0
    for region in regions:
        viewer = viewer_at(region)
        for entry in COMPUTED_ENTRIES:
            row = evaluate(entry, viewer)
            with transaction.atomic():
                IndicatorSnapshot.objects.update_or_create(
                    indicator=entry.code, year=year, region=region,
                    defaults={"value": row["value"], "of": row["of"], "status": row["status"], "computed_at": now})
            written += 1
    return written


def past_years(code: str, region) -> dict[int, tuple[float, str]]:
    """The recorded figure of each year before this one, for `region`, with how it came: "snapshot" (the worker)
    or "backfill" (entered afterwards, backfill.py)."""
    this_year = timezone.localdate().year
    rows = IndicatorSnapshot.objects.filter(indicator=code, region=region, year__lt=this_year, value__isnull=False)
    return {year: (value, "backfill" if by else "snapshot")
            for year, value, by in rows.values_list("year", "value", "entered_by")}


def townships(user, year=None) -> dict:
    """This year's township breakdown in the user's reach: rows ranked by indicators met, then not met."""
    year = year or timezone.localdate().year
    places = list(scope_to_user(Region.objects.filter(level=RegionLevel.TOWNSHIP), user).defer("geometry")
                  .order_by("code"))
    shots = IndicatorSnapshot.objects.filter(year=year, region__in=places)
    by_place = {}
    for shot in shots:
        by_place.setdefault(shot.region_id, {})[shot.indicator] = shot
    rows = []
    for place in places:
        cells = by_place.get(place.pk, {})
        counts = {key: sum(1 for s in cells.values() if s.status == key) for key in (MET, NOT_MET, NO_DATA)}
        rows.append({"region": place, "cells": [cells.get(e.code) for e in COMPUTED_ENTRIES], **counts})
    rows.sort(key=lambda r: (-r[MET], r[NOT_MET], r["region"].code))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    computed_at = max((s.computed_at for s in shots), default=None)
    return {"year": year, "entries": COMPUTED_ENTRIES, "rows": rows, "computed_at": computed_at}
