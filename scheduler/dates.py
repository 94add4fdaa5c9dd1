"""Dates as people in the UK write them: '11/01/2027' (day first), '11 Jan', '11th January 2027'."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$")


def parse_uk_date(text: str, today: date) -> date | None:
    """The date in text, day before month; without a year, the next such date from today on.

    ISO dates ('2027-01-11') are read too, since the bot's own examples used them."""
    said = " ".join(text.strip().lower().split())
    if iso := _ISO.match(said):
        return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    if numeric := _NUMERIC.match(said):
        day, month, year = numeric.groups()
        return _dated(int(day), int(month), year, today)
    if worded := _WORDED.match(said):
        day, month_name, year = worded.groups()
        month = MONTHS.get(month_name)
        return _dated(int(day), month, year, today) if month else None
    return None


def _dated(day: int, month: int, year: str | None, today: date) -> date | None:
    if year is not None:
        return _date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    this_year = _date(today.year, month, day)
    if this_year is None or this_year >= today:
        return this_year
    return _date(today.year + 1, month, day)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
