"""A cohort's figures read against the course: completion, drop-off, hardest questions, confidence."""

from __future__ import annotations

from dataclasses import dataclass

from lessons.models import Course, QuizStep
from storage.stats import CohortFigures


@dataclass(frozen=True)
class ModuleLine:
    number: int
    title: str
    completed: int
    before: float | None
    after: float | None
    rated_before: int = 0  # how many ratings each mean rests on (small numbers are not shown)
    rated_after: int = 0


@dataclass(frozen=True)
class Summary:
    enrolled: int
    active_7d: int
    modules: list[ModuleLine]
    stops: list[tuple[str, int]]  # drop title -> learners whose furthest drop ends just before it
    hardest: list[tuple[str, int, int]]  # question, wrong, answered
    reflections: int
    funnel: tuple[tuple[int, str, int], ...] = ()  # module, drop title, learners who completed it
    hidden_questions: int = 0  # missed questions left out: too few answered them to show


# Fewer people than this and a figure could point at someone: it is shown as "too few to show".
FEW = 5


def shown(count: int) -> bool:
    return count >= FEW


def count_words(count: int) -> str:
    """A count of learners as every view says it: the number, or 'too few to show' for one to four.

    Nobody is singled out by a zero, so it is shown as it is.
    """
    return str(count) if count == 0 or shown(count) else "too few to show"


def hidden(counts: list[int]) -> int:
    """How many of these counts the small-number rule leaves out."""
    return sum(1 for count in counts if 0 < count < FEW)


def _mean(pairs: list[tuple[float, int]]) -> float | None:
    """The mean of ratings, or None when it rests on too few people to be shown."""
    n = sum(count for _, count in pairs)
    return sum(mean * count for mean, count in pairs) / n if shown(n) else None


def confidence_words(mean: float | None, rated: int) -> str:
    """A module's average confidence as every view says it: a number, 'too few to show' or 'not yet'."""
    if mean is not None:
        return f"{mean:.1f}"
    return "too few to show" if rated else "not yet"


def summarise(course: Course, figures: CohortFigures) -> Summary:
    """Progress is linear, so completions fall drop by drop; each fall is where learners stopped."""
    modules, stops, funnel, previous = [], [], [], figures.enrolled
    for module in course.modules:
        for drop in module.drops:
            done = figures.drops_completed.get(drop.id, 0)
            stops.append((drop.title, max(0, previous - done)))
            funnel.append((module.number, drop.title, done))
            previous = done
        rated = {phase: [figures.confidence[(s.id, phase)] for s in module.confidence
                         if (s.id, phase) in figures.confidence] for phase in ("before", "after")}
        modules.append(ModuleLine(module.number, module.title,
                                  figures.drops_completed.get(module.drops[-1].id, 0),
                                  _mean(rated["before"]), _mean(rated["after"]),
                                  sum(n for _, n in rated["before"]), sum(n for _, n in rated["after"])))
    questions = {s.id: s.question for m in course.modules for d in m.drops for s in d.steps
                 if isinstance(s, QuizStep)}
    missed = [(questions[q], wrong, n) for q, (wrong, n) in figures.first_answers.items()
              if q in questions and wrong]
    # "1 of 1" would point at the one learner who answered: only questions enough people answered.
    hardest = sorted((h for h in missed if shown(h[2])), key=lambda h: (-h[1] / h[2], -h[2]))[:3]
    return Summary(figures.enrolled, figures.active_7d, modules, stops, hardest, figures.reflections,
                   tuple(funnel), sum(1 for h in missed if not shown(h[2])))
