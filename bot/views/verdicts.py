"""What a learner reads after answering a quiz: a few kind openers, so the checks don't all
sound the same, each chosen by the quiz's id so the same quiz always answers the same way."""

from __future__ import annotations

import re

from bot.views.html import Markup, html
from lessons.models import QuizStep

LETTERS = "ABCDE"

# {letter} is the learner's choice.
RIGHT_OPENERS = (
    "✅ <b>{letter} is right.</b>",
    "✅ <b>Yes, {letter}.</b>",
    "✅ <b>That's it: {letter}.</b>",
)

# The choice, then the answer; {answer} is the right option's letter.
WRONG_OPENERS = (
    ("❌ <b>Not quite: {letter}.</b>", "The answer is <b>{answer}</b>."),
    ("❌ <b>Not this time: {letter}.</b>", "The one to pick is <b>{answer}</b>."),
    ("❌ <b>{letter} is a fair thought, but not the answer.</b>", "It's <b>{answer}</b>."),
)

# The opener already says which answer is right, so a reason that starts by saying so again
# ("B is right. Right. ...", "It's B. Yes, in ...") drops its first word.
_AFFIRMATION = re.compile(r"(Right|Yes|Exactly|Correct)[.,] ")


def opener_index(step_id: str) -> int:
    """The numbers in the id (m3-d6-q1: 3, 6, 1) summed: fixed, so a test can pin a quiz's opener,
    and quizzes in drops numbered one apart never open alike."""
    return sum(int(number) for number in re.findall(r"\d+", step_id)) % len(RIGHT_OPENERS)


def _reason(why: str) -> Markup:
    said = _AFFIRMATION.match(why)
    if said is None:
        return Markup(why)
    rest = why[said.end():]
    return Markup(rest[:1].upper() + rest[1:])


def verdict(step: QuizStep, choice: int) -> Markup:
    """Whether the choice was right and why; for a wrong one, also the answer and its reason."""
    index = opener_index(step.id)
    chosen, right = step.options[choice], step.options[step.answer]
    if chosen.correct:
        opener = html(RIGHT_OPENERS[index], letter=LETTERS[choice])
        return html("{opener} {why}", opener=opener, why=_reason(chosen.why))
    mistaken, answer = WRONG_OPENERS[index]
    return html("{opener} {why}\n\n{answer} {right}", opener=html(mistaken, letter=LETTERS[choice]),
                why=Markup(chosen.why), answer=html(answer, answer=LETTERS[step.answer]),
                right=_reason(right.why))
