"""Course rules beyond the schema, each a sentence a content writer can act on."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lessons.markup import plain
from lessons.models import (
    WORDS_PER_MINUTE,
    ConfidenceStep,
    Course,
    Drop,
    FeedbackStep,
    Module,
    QuizStep,
    ReadStep,
    ReflectStep,
    Step,
    words,
)

CARD_MAX_CHARS = 600
DROP_MAX_MINUTES = 3.0
DROPS_PER_MODULE = (8, 12)
# Capitalised shortenings that need no spelling out for these readers.
KNOWN_SHORT = frozenset({"UK", "OK", "PDF", "CPD", "S1", "S2", "S3", "S4", "S5", "S6", "P1", "P3", "P5",
                         "P6", "P7"})
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,}\b")
# A prompt that asks about a child rather than the learner's own practice.
_ABOUT_A_CHILD = re.compile(
    r"\b(name of (the|a) (child|pupil)|which (child|pupil)|child'?s name|pupil'?s name|"
    r"describe (the|a) (child|pupil)|tell us about (the|a) (child|pupil)|who is the (child|pupil))\b",
    re.IGNORECASE)


# Labels from paperwork that young people have said they dislike being called; the course uses
# "care-experienced" and people's names instead.
_LABEL = re.compile(r"\b(LAC|LAAC|care kids?|foster kids?|looked[- ]after (children|child|pupils?|kids?))\b",
                    re.IGNORECASE)
# American spellings, and -ize words (UK English here writes -ise), but not size, prize, seize...
_US_SPELLING = re.compile(
    r"\b(behavior\w*|colors?|favorite\w*|honor\w*|center\w*|program|programs|math|moms?|practicing|"
    r"judgment|(?!(?:s|pr|se|caps|ma|ba)iz)\w+iz(e|es|ed|ing|ation|ations))\b", re.IGNORECASE)
_TO_THE_LEARNER = re.compile(r"\byou(r|rs|rself)?\b", re.IGNORECASE)


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


def _teaching(drop: Drop) -> list[Step]:
    return [s for s in drop.steps if not isinstance(s, ConfidenceStep | FeedbackStep)]


def _drop_findings(drop: Drop) -> Iterator[Finding]:
    if drop_minutes(drop) > DROP_MAX_MINUTES:
        yield Finding(drop.id, f"takes {drop_minutes(drop):.1f} minutes to read; the limit is 3")
    for step in drop.steps:
        if isinstance(step, ReadStep) and len(step.text) > CARD_MAX_CHARS:
            yield Finding(step.id, f"card is {len(step.text)} characters; keep it under 600")
        if isinstance(step, ReflectStep) and _ABOUT_A_CHILD.search(step.prompt):
            yield Finding(step.id, "a reflective prompt must ask about the learner's own practice, "
                                   "never for details of a child")
    teaching = _teaching(drop)
    if not teaching or not isinstance(teaching[-1], QuizStep | ReflectStep):
        yield Finding(drop.id, "must end with a quiz check or a reflective prompt")
    if not drop.outcomes:
        yield Finding(drop.id, "must say which learning outcomes it serves")


def _confidence(module: Module) -> Iterator[Finding]:
    statements = {s.id for s in module.confidence}
    if not statements:
        yield Finding(module.id, "must list confidence statements, rated at its start and end")
        return

    def rated(drop: Drop, phase: str) -> set[str]:
        return {s.statement for s in drop.steps if isinstance(s, ConfidenceStep) and s.phase == phase}

    first, last = module.drops[0], module.drops[-1]
    if rated(first, "before") != statements:
        yield Finding(first.id, "the module's first drop must rate every confidence statement 'before'")
    if rated(last, "after") != statements:
        yield Finding(last.id, "the module's last drop must rate every confidence statement 'after'")
    for drop in module.drops[1:-1]:
        if any(isinstance(s, ConfidenceStep) for s in drop.steps):
            yield Finding(drop.id, "confidence is rated only in a module's first and last drops")
    if not any(isinstance(s, FeedbackStep) for s in last.steps):
        yield Finding(last.id, "the module's last drop must ask for feedback")


def _outcomes(module: Module) -> Iterator[Finding]:
    for outcome in module.outcomes:
        serving = [d for d in module.drops if outcome.id in d.outcomes]
        if len(serving) < 2:
            yield Finding(outcome.id, f"is served by {len(serving)} drop(s); every outcome needs at least 2")
        checked = any(isinstance(s, QuizStep | ReflectStep) for d in serving for s in d.steps)
        if not checked:
            yield Finding(outcome.id, "is never checked by a quiz or a reflection")


def _answer_places(module: Module) -> Iterator[Finding]:
    """The right answer may not give itself away in most quizzes, by its place or by being the
    one long, careful option among short ones: learners would learn the pattern, not the point."""
    quizzes = [s for d in module.drops for s in d.steps if isinstance(s, QuizStep)]
    if len(quizzes) < 3:
        return
    place, count = Counter(q.answer for q in quizzes).most_common(1)[0]
    if count * 2 > len(quizzes):
        yield Finding(module.id, f"the right answer is option {'ABCDE'[place]} in {count} of "
                                 f"{len(quizzes)} quizzes; vary its place so it cannot be guessed")
    longest = sum(all(len(q.options[q.answer].text) > len(o.text) for i, o in enumerate(q.options)
                      if i != q.answer) for q in quizzes)
    if longest * 2 > len(quizzes):
        yield Finding(module.id, f"the right answer is the longest option in {longest} of {len(quizzes)} "
                                 "quizzes; give the wrong options the same care and length")


def _module_findings(module: Module) -> Iterator[Finding]:
    low, high = DROPS_PER_MODULE
    if not low <= len(module.drops) <= high:
        yield Finding(module.id, f"has {len(module.drops)} drops; a module has {low} to {high}")
    yield from _confidence(module)
    yield from _outcomes(module)
    yield from _answer_places(module)
    for drop in module.drops:
        yield from _drop_findings(drop)


def _texts(step: Step) -> list[str]:
    if isinstance(step, ReadStep):
        return [step.text]
    if isinstance(step, QuizStep):
        return [step.question, *(o.text for o in step.options), *(o.why for o in step.options)]
    if isinstance(step, ReflectStep | FeedbackStep):
        return [step.prompt]
    return []


def _acronyms(course: Course) -> Iterator[Finding]:
    """The first time a shortening appears, its words must be beside it, in brackets either way round."""
    seen: set[str] = set(KNOWN_SHORT)
    for module in course.modules:
        for drop in module.drops:
            for step in drop.steps:
                for text in map(plain, _texts(step)):
                    for match in _ACRONYM.finditer(text):
                        short = match.group(0)
                        if short in seen:
                            continue
                        seen.add(short)
                        around = text[max(0, match.start() - 3):match.end() + 3]
                        if f"({short})" not in around and not text[match.end():].startswith(" ("):
                            yield Finding(step.id, f"spell out {short} the first time it is used, "
                                                   f"e.g. 'words in full ({short})'")


def _wording(course: Course) -> Iterator[Finding]:
    """Plain, warm UK English, spoken to the learner, in the words young people use."""
    for module in course.modules:
        for drop in module.drops:
            for step in drop.steps:
                for text in map(plain, _texts(step)):
                    for match in _LABEL.finditer(text):
                        yield Finding(step.id, f"says '{match.group(0)}': use 'care-experienced' or the "
                                               "pupil's name, not a label from paperwork")
                    for match in _US_SPELLING.finditer(text):
                        yield Finding(step.id, f"'{match.group(0)}' is not UK spelling")
                if isinstance(step, ReflectStep | FeedbackStep) and not _TO_THE_LEARNER.search(step.prompt):
                    yield Finding(step.id,
                                  "a prompt speaks to the learner: ask about 'you' and 'your' practice")


def check_course(course: Course) -> list[Finding]:
    """Every rule the course breaks, with the id of the item at fault."""
    found = [f for module in course.modules for f in _module_findings(module)]
    return found + list(_acronyms(course)) + list(_wording(course))
