from .clocks import ReportingClock
from .incidents import FIGURE_FIELDS, Incident, IntakeReport
from .reports import SituationReport
from .reviews import RectificationItem, Review
from .timeline import ImmutableError, TimelineEntry

__all__ = [
    "FIGURE_FIELDS",
    "ImmutableError",
    "Incident",
    "IntakeReport",
    "RectificationItem",
    "ReportingClock",
    "Review",
    "SituationReport",
    "TimelineEntry",
]
