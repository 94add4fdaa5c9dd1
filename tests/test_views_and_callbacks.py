"""Pure parts of the Telegram face: callback data, markup rules, screens and times."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.callbacks import Action, Callback, cb, parse
from bot.views.steps import CHILD_SAFE_REMINDER, quiz_answered, step_screen
from bot.views.timing import when
from lessons.markup import check_html, plain
from lessons.models import QuizStep, ReflectStep
from tests.conftest import tiny_course


def test_callbacks_round_trip_and_stay_within_telegram_limits() -> None:
    data = cb(Action.QUIZ, "m1-d10-q1", 3)
    assert data == "q:m1-d10-q1:3"  # the wire values are on buttons already sent: they never change
    assert parse(data) == Callback(Action.QUIZ, "m1-d10-q1", "3")
    assert len(cb(Action.QUIZ, "a" * 40, "x" * 12).encode()) <= 64


@given(st.text(max_size=80))
def test_any_text_parses_to_a_callback_or_none_without_raising(data: str) -> None:
    parsed = parse(data)
    assert parsed is None or parsed.encode() == data


def test_forged_shapes_are_rejected() -> None:
    for data in ("q:../etc:1", "Q:x:1", "q:x:1:2", "", "q:", "q:" + "a" * 41, "q:x:1;DROP", "zz:x:1"):
        assert parse(data) is None, data


@pytest.mark.parametrize(("text", "problem"), [
    ("<b>bold</b> and <i>it</i>", None),
    ("<div>x</div>", "tag <div> is not one Telegram accepts"),
    ("<b>open", "<b> is never closed"),
    ("fish & chips", "a bare '&' must be written &amp;"),
    ("1 < 2", "a bare '<' or '>' must be written &lt; or &gt;"),
    ("<b><i>x</b></i>", "</b> does not close an open tag"),
    ("<span>x</span>", 'tag <span> needs class="tg-spoiler" (or write <tg-spoiler>)'),
    ('<span class="tg-spoiler">x</span>', None),
])
def test_telegram_html_rules(text: str, problem: str | None) -> None:
    assert check_html(text) == problem


def test_plain_strips_tags_and_entities() -> None:
    assert plain("<b>Tom &amp; Jo</b> &lt;3") == "Tom & Jo <3"


def test_reflective_prompts_always_carry_the_child_safe_reminder() -> None:
    course = tiny_course()
    for module in course.modules:
        for drop in module.drops:
            for step in drop.steps:
                if isinstance(step, ReflectStep):
                    assert CHILD_SAFE_REMINDER in step_screen(module, drop, step).text


def test_a_wrong_quiz_answer_shows_why_and_the_right_answer() -> None:
    quiz = next(s for m in tiny_course().modules for d in m.drops for s in d.steps
                if isinstance(s, QuizStep))
    text = quiz_answered(quiz, 1).text
    assert "Not quite: B" in text and "Because it is not." in text
    assert "The answer is <b>A</b>. Because it is right." in text
    assert check_html(text) is None
    assert "A is right" in quiz_answered(quiz, 0).text


def test_times_read_naturally_in_the_learners_zone() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday
    assert when(datetime(2026, 11, 23, 12, 30, tzinfo=UTC), "Europe/London", now) == "today at 12:30"
    assert when(datetime(2026, 11, 24, 10, 30, tzinfo=UTC), "Europe/London", now) == "tomorrow at 10:30"
    assert when(datetime(2026, 11, 27, 15, 45, tzinfo=UTC), "Europe/London", now) == "on Friday at 15:45"
    assert when(datetime(2026, 12, 7, 10, 30, tzinfo=UTC), "Europe/London", now) == "on Mon 7 Dec at 10:30"
    summer = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
    assert when(summer, "Europe/London", summer.replace(hour=8)) == "today at 10:30"
