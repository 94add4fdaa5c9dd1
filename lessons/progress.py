"""Progress rules: where a learner is in the course, derived from ids alone."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

from lessons.models import Course, Drop, Module, Step


@dataclass(frozen=True)
class Place:
    module: Module
    drop: Drop
    index: int

    @property
    def step(self) -> Step:
        return self.drop.steps[self.index]


class CourseMap:
    """Fast lookups over a loaded course: drops in order, steps by id."""

    def __init__(self, course: Course) -> None:
        self.course = course

    @cached_property
    def drops(self) -> list[tuple[Module, Drop]]:
        return [(m, d) for m in self.course.modules for d in m.drops]

    @cached_property
    def _steps(self) -> dict[str, Place]:
        return {s.id: Place(m, d, i) for m, d in self.drops for i, s in enumerate(d.steps)}

    @cached_property
    def _drops(self) -> dict[str, tuple[Module, Drop]]:
        return {d.id: (m, d) for m, d in self.drops}

    def place(self, step_id: str) -> Place | None:
        return self._steps.get(step_id)

    def drop(self, drop_id: str) -> tuple[Module, Drop] | None:
        return self._drops.get(drop_id)

    def step_after(self, step_id: str) -> Step | None:
        """The next step in the same drop, or None at the drop's end."""
        place = self._steps.get(step_id)
        if place is None or place.index + 1 >= len(place.drop.steps):
            return None
        return place.drop.steps[place.index + 1]

    def next_drop(self, completed: Collection[str]) -> Drop | None:
        """The first drop in course order that the learner has not completed."""
        return next((d for _, d in self.drops if d.id not in completed), None)

    def module_done(self, module: Module, completed: Collection[str]) -> bool:
        return all(d.id in completed for d in module.drops)

