"""A cohort's calendar (terms, holidays, in-service days), validated when it is set or imported."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scheduler import small_yaml

_UK = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%A %d %B %Y", "%a %d %b %Y")


def day(value: object) -> object:
    """A date as people in Scotland write it (6/1/2027, 06.01.27, 6 January 2027) or as ISO."""
    if not isinstance(value, str):
        return value
    match = _UK.match(value)
    if match:
        d, m, y = (int(g) for g in match.groups())
        return date(y + 2000 if y < 100 else y, m, d)  # day first, always: never the US order
    for shape in _FORMATS:
        try:
            return datetime.strptime(value.strip(), shape).date()
        except ValueError:
            continue
    return value  # pydantic explains what is wrong with it



class Span(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: date
    end: date
    name: str = Field(default="", max_length=80)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _day(cls, value: object) -> object:
        return day(value)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class CohortCalendar(BaseModel):
    """What the drip reads: no drops in holidays or outside terms; in-service days get an offer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: list[Span] = Field(default_factory=list)
    holidays: list[Span] = Field(default_factory=list)
    in_service: list[date] = Field(default_factory=list)

    @field_validator("in_service", mode="before")
    @classmethod
    def _days(cls, value: object) -> object:
        return [day(v) for v in value] if isinstance(value, list) else value

    def stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def parse(text: str) -> tuple[CohortCalendar | None, list[str]]:
    """A calendar from YAML text, or one plain line per problem."""
    try:
        raw = small_yaml.load(text) or {}
    except small_yaml.Refused as exc:
        return None, [str(exc)]
    try:
        return CohortCalendar.model_validate(raw), []
    except ValidationError as exc:
        return None, [f"{'.'.join(str(p) for p in e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}"
                      for e in exc.errors()]


def parse_form(fields: dict[str, list[str]]) -> tuple[CohortCalendar | None, list[str]]:
    """A calendar from a form's rows of dates (blank rows ignored), or one plain line per problem."""
    def spans(kind: str) -> list[dict[str, str]]:
        starts, ends = fields.get(f"{kind}_start", []), fields.get(f"{kind}_end", [])
        names = fields.get(f"{kind}_name", []) + [""] * len(starts)
        return [{"start": s.strip(), "end": e.strip() or s.strip(), "name": n.strip()}
                for s, e, n in zip(starts, ends, names, strict=False) if s.strip()]

    raw = {"terms": [{k: v for k, v in s.items() if k != "name"} for s in spans("term")],
           "holidays": spans("holiday"),
           "in_service": [d.strip() for d in fields.get("in_service", []) if d.strip()]}
    try:
        return CohortCalendar.model_validate(raw), []
    except ValidationError as exc:
        return None, [f"{'.'.join(str(p) for p in e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}"
                      for e in exc.errors()]


_LINE = re.compile(r"^\s*([^:]+?)\s*:\s*(.+?)\s*(?:-|–|to)\s*(.+?)\s*$")


def parse_lines(text: str) -> tuple[CohortCalendar | None, list[str]]:
    """Term dates typed on a phone, a line each: "Term 1: 18/08/2026 - 09/10/2026"; any other name
    ("October break: 12/10/2026 - 16/10/2026") is a holiday; "In-service: 17/08/2026, 20/11/2026"."""
    raw: dict[str, list[Any]] = {"terms": [], "holidays": [], "in_service": []}
    problems = []
    for line in (s for s in text.splitlines() if s.strip()):
        label, _, rest = line.partition(":")
        if label.strip().lower().replace(" ", "-") in {"in-service", "inservice", "in-service-days"}:
            raw["in_service"] += [d.strip() for d in rest.split(",") if d.strip()]
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(f"“{line.strip()[:60]}”: write it like Term 1: 18/08/2026 - 09/10/2026")
            continue
        name, start, end = match.groups()
        if name.lower().startswith("term"):
            raw["terms"].append({"start": start, "end": end})
        else:
            raw["holidays"].append({"start": start, "end": end, "name": name})
    if problems:
        return None, problems
    try:
        return CohortCalendar.model_validate(raw), []
    except ValidationError as exc:
        return None, [f"{'.'.join(str(p) for p in e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}"
                      for e in exc.errors()]
