"""Days every Scottish council closes its schools, kept free of lessons until a cohort has a calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

# Christmas, Boxing Day, New Year's Day and 2 January: public holidays in every council's year.
_EVERY_COUNCIL = frozenset({(12, 25), (12, 26), (1, 1), (1, 2)})


def has_calendar(calendar: dict[str, Any]) -> bool:
    """Whether a coordinator has given the cohort any dates at all."""
    return any(calendar.get(key) for key in ("terms", "holidays", "in_service"))


def closed_everywhere(day: date) -> bool:
    return (day.month, day.day) in _EVERY_COUNCIL


def closed_without_calendar(calendar: dict[str, Any], day: date) -> bool:
    """A cohort without a calendar still gets no lessons on the public holidays all schools keep."""
    return not has_calendar(calendar) and closed_everywhere(day)
