"""Course rules beyond the schema: reading time, card length, how each drop ends."""

from __future__ import annotations

from dataclasses import dataclass

from lessons.models import (
    WORDS_PER_MINUTE,
    ConfidenceStep,
    Course,
    Drop,
    FeedbackStep,
    QuizStep,
    ReadStep,
    ReflectStep,
    words,
)

CARD_MAX_CHARS = 600
DROP_MAX_MINUTES = 3.0


@dataclass(frozen=True)
class Finding:
    item: str
    rule: str


def drop_words(drop: Drop) -> int:
    """Words a learner reads in a drop: cards, prompts, questions, options and the right answer's why."""
    total = 0
    for step in drop.steps:
        if isinstance(step, ReadStep):
            total += words(step.text)
        elif isinstance(step, QuizStep):
            total += words(step.question) + sum(words(o.text) for o in step.options)
            total += words(step.options[step.answer].why)
        elif isinstance(step, ReflectStep | FeedbackStep):
            total += words(step.prompt)
    return total


def drop_minutes(drop: Drop) -> float:
    return drop_words(drop) / WORDS_PER_MINUTE


def _drop_findings(drop: Drop) -> list[Finding]:
    found = []
    if drop_minutes(drop) > DROP_MAX_MINUTES:
        found.append(Finding(drop.id, f"takes {drop_minutes(drop):.1f} minutes to read; the limit is 3"))
    for step in drop.steps:
        if isinstance(step, ReadStep) and len(step.text) > CARD_MAX_CHARS:
            found.append(Finding(step.id, f"card is {len(step.text)} characters; keep it under 600"))
    teaching = [s for s in drop.steps if not isinstance(s, ConfidenceStep | FeedbackStep)]
    if teaching and not isinstance(teaching[-1], QuizStep | ReflectStep):
        found.append(Finding(drop.id, "must end with a quiz check or a reflective prompt"))
    return found


def check_course(course: Course) -> list[Finding]:
    """Every rule the course breaks, with the id of the item at fault."""
    return [finding for module in course.modules for drop in module.drops
            for finding in _drop_findings(drop)]
