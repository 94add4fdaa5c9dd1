"""What a learner reads after answering a quiz: openers that vary from quiz to quiz, never saying
"right" twice, and the same quiz always answering the same way."""

from __future__ import annotations

import re

from bot.views.steps import quiz_answered
from lessons.loader import load_course
from lessons.markup import check_html, plain
from lessons.models import Option, QuizStep


def _quiz(step_id: str) -> QuizStep:
    return QuizStep(kind="quiz", id=step_id, question="Which is right?", options=[
        Option(text="The right one", correct=True, why="Right. Because it is right."),
        Option(text="The wrong one", why="Because it is not.")])


def test_each_quiz_opens_its_feedback_in_one_of_three_kind_ways_fixed_by_its_id() -> None:
    # The numbers in the id, summed, pick the opener: 1+1+1 -> 0, 1+1+2 -> 1, 1+1+3 -> 2.
    assert plain(quiz_answered(_quiz("m1-d1-q1"), 0).text).endswith("✅ A is right. Because it is right.")
    assert plain(quiz_answered(_quiz("m1-d1-q2"), 0).text).endswith("✅ Yes, A. Because it is right.")
    assert plain(quiz_answered(_quiz("m1-d1-q3"), 0).text).endswith("✅ That's it: A. Because it is right.")
    assert plain(quiz_answered(_quiz("m1-d1-q1"), 1).text).endswith(
        "❌ Not quite: B. Because it is not.\n\nThe answer is A. Because it is right.")
    assert plain(quiz_answered(_quiz("m1-d1-q2"), 1).text).endswith(
        "❌ Not this time: B. Because it is not.\n\nThe one to pick is A. Because it is right.")
    assert plain(quiz_answered(_quiz("m1-d1-q3"), 1).text).endswith(
        "❌ B is a fair thought, but not the answer. Because it is not.\n\nIt's A. Because it is right.")
    assert quiz_answered(_quiz("m1-d1-q2"), 0) == quiz_answered(_quiz("m1-d1-q2"), 0)


def _every_answer() -> list[str]:
    course = load_course()
    return [plain(quiz_answered(step, choice).text) for module in course.modules for drop in module.drops
            for step in drop.steps if isinstance(step, QuizStep) for choice in range(len(step.options))]


def test_no_feedback_in_the_course_affirms_twice() -> None:
    # "✅ B is right. Right. ..." and "The answer is B. Yes. ..." read as a stammer.
    twice = re.compile(r"(right|Yes, [A-E]|it: [A-E]|answer is [A-E]|pick is [A-E]|It's [A-E])\. "
                       r"(Right|Yes|Exactly|Correct)\b", re.IGNORECASE)
    stammers = [text for text in _every_answer() if twice.search(text)]
    assert not stammers, stammers[:3]


def test_the_course_uses_every_opener_and_its_markup_is_sound() -> None:
    answers = _every_answer()
    for opener in ("is right.", "✅ Yes, ", "✅ That's it: ", "Not quite: ", "Not this time: ",
                   "is a fair thought"):
        assert any(opener in text for text in answers), opener
    course = load_course()
    for step in (s for m in course.modules for d in m.drops for s in d.steps if isinstance(s, QuizStep)):
        assert all(check_html(quiz_answered(step, c).text) is None for c in range(len(step.options)))
