"""A learner's own record, built from what is stored: journal entries, scores, confidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lessons.models import Drop, FeedbackStep, Module, QuizStep, ReflectStep
from lessons.progress import CourseMap
from lessons.rules import drop_minutes
from storage.progress import Reflection
from storage.store import Store

# Writing and answering take longer than reading: stated estimates, not measurements.
REFLECTION_MINUTES = 3.0  # a reflection or the end-of-module feedback
QUIZ_MINUTES = 1.0  # weigh the options, answer, read why
RATING_MINUTES = 0.25  # a confidence rating


@dataclass(frozen=True)
class Entry:
    reflection: Reflection
    module: Module
    prompt: str


@dataclass(frozen=True)
class ModuleRecord:
    module: Module
    drops_done: int
    drops_total: int
    quiz_right: int
    quiz_answered: int
    before: float | None
    after: float | None
    minutes_left: float


@dataclass(frozen=True)
class Record:
    first_name: str
    entries: list[Entry]
    modules: list[ModuleRecord]
    minutes_done: float
    completed_at: datetime | None
    done_at: tuple[datetime, ...] = ()


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


async def build(store: Store, course: CourseMap, user_id: int) -> Record | None:
    """Gather the record from storage; None for someone who has not joined."""
    async with store.read() as tx:
        learner = await tx.learners.get(user_id)
        if learner is None:
            return None
        completed = await tx.progress.completed_drops(user_id)
        answers = await tx.progress.answers(user_id)
        ratings = await tx.progress.ratings(user_id)
        reflections = await tx.progress.reflections(user_id)
        done_at = await tx.progress.completion_times(user_id)
    first = {a.step_id: a.correct for a in reversed(answers) if not a.recall}
    entries = []
    for reflection in reflections:
        place = course.place(reflection.step_id)
        if place is not None and isinstance(place.step, ReflectStep | FeedbackStep):
            entries.append(Entry(reflection, place.module, place.step.prompt))
    modules, minutes_done = [], 0.0
    for module in course.course.modules:
        quiz_ids = {s.id for d in module.drops for s in d.steps if isinstance(s, QuizStep)}
        done = [d for d in module.drops if d.id in completed]
        left = [d for d in module.drops if d.id not in completed]
        minutes_done += sum(_minutes(d) for d in done)
        statements = [s.id for s in module.confidence]
        modules.append(ModuleRecord(
            module, len(done), len(module.drops),
            sum(v for k, v in first.items() if k in quiz_ids), sum(k in quiz_ids for k in first),
            _mean([ratings[(s, "before")] for s in statements if (s, "before") in ratings]),
            _mean([ratings[(s, "after")] for s in statements if (s, "after") in ratings]),
            sum(_minutes(d) for d in left)))
    # A completion is kept when drops are added later: behind the learner's place (next_drop
    # passes them) or after a course they had finished (their status says so).
    finished = course.next_drop(completed) is None or learner.status == "finished"
    completed_at = done_at[-1] if finished and done_at else None
    return Record(learner.first_name, entries, modules, minutes_done, completed_at, done_at)


def _minutes(drop: Drop) -> float:
    """Reading time plus a stated allowance for each reflection, quiz check and rating."""
    allowance = sum(REFLECTION_MINUTES if isinstance(s, ReflectStep | FeedbackStep)
                    else QUIZ_MINUTES if isinstance(s, QuizStep)
                    else RATING_MINUTES if s.kind == "confidence" else 0.0 for s in drop.steps)
    return float(drop_minutes(drop)) + allowance
