"""Every claim traceable: quotations word for word from a listed document, and every card says
where its facts come from (a document, `general` knowledge of Scottish practice, or `own` words)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from lessons.markup import plain
from lessons.models import Course, Frozen, QuizStep, ReadStep, ReflectStep, Step

SOURCES_FILE = "sources.yaml"
# A card relying on accurate general knowledge of Scottish practice, for a reviewer to sign off.
GENERAL = "general"
# A card in the course's own words: advice, a fictional example or a summary, stating no fact.
OWN = "own"

# Text in double quotation marks, curly or straight; single marks are left for example phrases.
_QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")
# A cut in a quotation: ... or … or [...]
_CUT = re.compile(r"\[(?:\.\.\.|…)\]|\.\.\.|…")
# A capital changed to fit the sentence: [r]aised
_CHANGED_LETTER = re.compile(r"\[([A-Za-z])\]")


class Passage(Frozen):
    source: str = Field(min_length=1)  # the title of the document it comes from
    text: str = Field(min_length=1)


class Library(Frozen):
    """The documents the course draws on, by title, and each passage it quotes from them."""

    documents: list[str] = Field(min_length=1)
    passages: list[Passage] = Field(default_factory=list)


def _same_marks(text: str) -> str:
    """Apostrophes and spacing are typography, not wording."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def _pattern(quote: str) -> re.Pattern[str]:
    """A quotation as a pattern: its words exactly, a cut standing for any words between."""
    parts: list[str] = []
    for index, piece in enumerate(_CUT.split(_same_marks(quote))):
        if index:
            parts.append(r".*?")
        at = 0
        for letter in _CHANGED_LETTER.finditer(piece):
            parts.append(re.escape(piece[at:letter.start()]))
            parts.append(f"[{letter.group(1).lower()}{letter.group(1).upper()}]")
            at = letter.end()
        parts.append(re.escape(piece[at:]))
    return re.compile("".join(parts).strip(), re.DOTALL)


def quotations(text: str) -> list[str]:
    """The passages a text quotes, formatting dropped."""
    return [(curly or straight).strip() for curly, straight in _QUOTED.findall(plain(text))]


def is_quoted_from(quote: str, library: Library) -> bool:
    pattern = _pattern(quote)
    return any(pattern.search(_same_marks(p.text)) for p in library.passages)


def _texts(step: Step) -> list[str]:
    if isinstance(step, ReadStep):
        return [step.text]
    if isinstance(step, QuizStep):
        return [step.question, *(o.text for o in step.options), *(o.why for o in step.options)]
    if isinstance(step, ReflectStep):
        return [step.prompt]
    return []


def _cards(course: Course) -> Iterator[ReadStep]:
    for module in course.modules:
        for drop in module.drops:
            yield from (s for s in drop.steps if isinstance(s, ReadStep))


def library_findings(library: Library) -> Iterator[tuple[str, str]]:
    titles = set(library.documents)
    for number, passage in enumerate(library.passages, start=1):
        if passage.source not in titles:
            yield (f"passage {number}", f"“{passage.text[:40]}...” names source {passage.source!r}, "
                                        "not one of the documents listed in sources.yaml")


def course_findings(course: Course, library: Library) -> Iterator[tuple[str, str]]:
    """(item id, rule) for every quotation not in the library and every card with no known source."""
    titles = set(library.documents)
    for module in course.modules:
        for drop in module.drops:
            for step in drop.steps:
                for text in _texts(step):
                    for quote in quotations(text):
                        if not is_quoted_from(quote, library):
                            yield (step.id, f"quotes “{quote[:60]}”, which is not word for word a passage "
                                            "in sources.yaml (mark a cut with ..., a changed capital "
                                            "with [r]; use single marks for example phrases)")
    for card in _cards(course):
        if not card.sources:
            yield (card.id, f"names no source: give a document title from sources.yaml, '{GENERAL}' "
                            f"for general knowledge of Scottish practice, or '{OWN}' if it states no fact")
        for name in card.sources:
            if name not in titles | {GENERAL, OWN}:
                yield (card.id, f"names source {name!r}, not one of the documents in sources.yaml")


def general_cards(course: Course) -> list[str]:
    """Cards that rest on general knowledge, for a reviewer to sign off."""
    return [card.id for card in _cards(course) if GENERAL in card.sources]
