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
        self._reached_by: dict[frozenset[str], int] = {}

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

    @cached_property
    def _order(self) -> dict[str, int]:
        return {d.id: i for i, (_, d) in enumerate(self.drops)}

    def _reached(self, completed: Collection[str]) -> int:
        """The learner's place: the furthest drop in course order they have completed (-1: none)."""
        if not isinstance(completed, frozenset):
            return max((self._order[d] for d in completed if d in self._order), default=-1)
        # A tick asks this of thousands of learners, most of whom share a few places in the course.
        reached = self._reached_by.get(completed)
        if reached is None:
            if len(self._reached_by) > 4096:
                self._reached_by.clear()
            reached = self._reached_by[completed] = self._reached(set(completed))
        return reached

    def next_drop(self, completed: Collection[str]) -> Drop | None:
        """The first drop after the learner's place that they have not completed.

        Drops are taken in order, so a gap behind the place can only be a drop added to the course
        later: it never sends the learner back (see new_behind), and a course edit never moves them.
        """
        reached = self._reached(completed)
        return next((d for _, d in self.drops[reached + 1:] if d.id not in completed), None)

    def new_behind(self, completed: Collection[str], offered: Collection[str] = ()) -> list[Drop]:
        """Drops added behind the learner's place, not yet completed nor offered: extras, each once."""
        reached = self._reached(completed)
        return [d for _, d in self.drops[:max(reached, 0)]
                if d.id not in completed and d.id not in offered]

    def is_extra(self, drop_id: str, completed: Collection[str]) -> bool:
        """Whether this drop sits behind the learner's place (added after they passed it)."""
        return self._order.get(drop_id, -1) < self._reached(completed) and drop_id not in completed

    def module_done(self, module: Module, completed: Collection[str]) -> bool:
        return all(d.id in completed for d in module.drops)

