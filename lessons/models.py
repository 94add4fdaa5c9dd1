"""Content models: a course is modules of drops of steps, validated at the door."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from lessons.markup import check_html

# Telegram's own limits, kept as schema rules so content can never break a send.
MESSAGE_MAX = 4096
QUIZ_QUESTION_MAX = 300
QUIZ_OPTION_MAX = 100
EXPLANATION_MAX = 200
# Ids travel in callback data ("q:<step id>:<n>"), so they stay short and plain.
STEP_ID_MAX = 40

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=2, max_length=STEP_ID_MAX)]


SourceName = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _html(value: str) -> str:
    problem = check_html(value)
    if problem:
        raise ValueError(problem)
    return value.strip()


class ReadStep(Frozen):
    """A card: a short text read in under a minute."""

    kind: Literal["read"]
    id: Id
    text: Annotated[str, StringConstraints(min_length=1, max_length=MESSAGE_MAX)]
    # Where its facts come from: document titles from the course's sources.yaml, "general" or "own"
    # (lessons/sources.py checks them against that file, which only the course folder knows).
    source: SourceName | list[SourceName] | None = None

    _check = field_validator("text")(_html)

    @property
    def sources(self) -> tuple[str, ...]:
        if self.source is None:
            return ()
        return (self.source,) if isinstance(self.source, str) else tuple(self.source)


class Option(Frozen):
    text: Annotated[str, StringConstraints(min_length=1, max_length=QUIZ_OPTION_MAX)]
    correct: bool = False
    why: Annotated[str, StringConstraints(min_length=1, max_length=EXPLANATION_MAX)]


class QuizStep(Frozen):
    """A single-choice check; each option carries the reason shown after answering."""

    kind: Literal["quiz"]
    id: Id
    question: Annotated[str, StringConstraints(min_length=1, max_length=QUIZ_QUESTION_MAX)]
    options: list[Option] = Field(min_length=2, max_length=5)

    @model_validator(mode="after")
    def _one_correct(self) -> QuizStep:
        if sum(option.correct for option in self.options) != 1:
            raise ValueError("a quiz needs exactly one correct option")
        if len({option.text for option in self.options}) != len(self.options):
            raise ValueError("quiz options must differ")
        return self

    @property
    def answer(self) -> int:
        return next(i for i, option in enumerate(self.options) if option.correct)


class ReflectStep(Frozen):
    """An open prompt answered in a free-text reply."""

    kind: Literal["reflect"]
    id: Id
    prompt: Annotated[str, StringConstraints(min_length=1, max_length=1000)]

    _check = field_validator("prompt")(_html)


class ConfidenceStep(Frozen):
    """A 1-5 self-rating of one of the module's confidence statements."""

    kind: Literal["confidence"]
    id: Id
    statement: Id
    phase: Literal["before", "after"]


class FeedbackStep(Frozen):
    """End-of-module free-text feedback: what helped, what to change."""

    kind: Literal["feedback"]
    id: Id
    prompt: Annotated[str, StringConstraints(min_length=1, max_length=1000)]

    _check = field_validator("prompt")(_html)


Step = Annotated[
    ReadStep | QuizStep | ReflectStep | ConfidenceStep | FeedbackStep, Field(discriminator="kind")
]


class Outcome(Frozen):
    id: Id
    text: str = Field(min_length=1, max_length=300)


class Statement(Frozen):
    id: Id
    text: str = Field(min_length=1, max_length=200)


class Drop(Frozen):
    """A few minutes of learning: cards, then a check or a prompt."""

    id: Id
    title: str = Field(min_length=1, max_length=100)
    outcomes: list[Id] = Field(min_length=1)  # every drop says which outcomes it serves
    steps: list[Step] = Field(min_length=1)


class Module(Frozen):
    id: Id
    number: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=120)
    aim: str = Field(min_length=1, max_length=1000)
    outcomes: list[Outcome] = Field(min_length=1)
    confidence: list[Statement] = Field(default_factory=list)
    drops: list[Drop] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> Module:
        outcomes = {o.id for o in self.outcomes}
        statements = {s.id for s in self.confidence}
        for drop in self.drops:
            for outcome in drop.outcomes:
                if outcome not in outcomes:
                    raise ValueError(f"drop {drop.id} names outcome {outcome!r},"
                                     " not one of this module's")
            for step in drop.steps:
                if isinstance(step, ConfidenceStep) and step.statement not in statements:
                    raise ValueError(f"step {step.id} rates statement {step.statement!r},"
                                     " not one of this module's")
        return self

    def statement(self, statement_id: str) -> str:
        return next(s.text for s in self.confidence if s.id == statement_id)


class Course(Frozen):
    id: Id
    title: str
    modules: list[Module]

    @model_validator(mode="after")
    def _unique_ids(self) -> Course:
        seen: set[str] = set()
        for module in self.modules:
            for item in (module.id, *(d.id for d in module.drops),
                         *(s.id for d in module.drops for s in d.steps)):
                if item in seen:
                    raise ValueError(f"id {item!r} is used twice")
                seen.add(item)
        return self


WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def words(text: str) -> int:
    """Words a reader reads, markup not counted."""
    return len(_WORD.findall(re.sub(r"<[^>]+>", " ", text)))
