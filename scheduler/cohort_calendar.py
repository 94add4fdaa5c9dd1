"""A cohort's calendar (terms, holidays, in-service days), validated when it is set or imported."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class Span(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: date
    end: date
    name: str = Field(default="", max_length=80)

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

    def stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def parse(text: str) -> tuple[CohortCalendar | None, list[str]]:
    """A calendar from YAML text, or one plain line per problem."""
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        return None, [f"not valid YAML: {getattr(exc, 'problem', exc)}"]
    try:
        return CohortCalendar.model_validate(raw), []
    except ValidationError as exc:
        return None, [f"{'.'.join(str(p) for p in e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}"
                      for e in exc.errors()]
