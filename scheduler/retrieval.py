"""Spaced retrieval: quiz checks come back as recall questions, timed by FSRS.

A wrong answer comes back about a day later, a right one about four days later, and each further
right answer pushes the next one out (about a month after that), so the course builds memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from fsrs import Card, Rating, Scheduler

# No same-day learning steps: a drip course meets people at most a few times a day, so the first
# interval is counted in days. Fuzzing is off so intervals are predictable and testable.
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False,
                      desired_retention=0.85)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime")
    return moment


def first_card(correct: bool, now: datetime) -> Card:
    """The card made by a first answer to a quiz check."""
    card = Card(card_id=1, due=_aware(now))
    return SCHEDULER.review_card(card, Rating.Good if correct else Rating.Again, now)[0]


def review(card: Card, correct: bool, now: datetime) -> Card:
    """The card after a recall answer."""
    return SCHEDULER.review_card(card, Rating.Good if correct else Rating.Again, _aware(now))[0]


def to_text(card: Card) -> str:
    return str(card.to_json())


def from_text(text: str) -> Card:
    return Card.from_json(text)


def pick(due: Iterable[tuple[str, datetime]], now: datetime) -> str | None:
    """The step id of the most overdue recall question, or None when nothing is due yet."""
    ready = sorted((when, step) for step, when in due if when <= _aware(now))
    return ready[0][1] if ready else None
