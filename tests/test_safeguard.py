"""The free-text screen: what it catches, and ordinary reflections it leaves alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.usecases.safeguard import screen


@pytest.mark.parametrize("text", [
    "A boy in my group told me his dad hits him when he gets home.",
    "She said she is scared to go home tonight.",
    "I noticed bruises on her arm again.",
    "He told me that he was being hurt by someone.",
    "There is nothing to eat in the house, she says.",
    "I think she might be self-harming.",
    "He doesn't want to go home because of what happens there.",
    "She keeps coming in hungry on Mondays.",
    "I saw cuts on her arms in PE.",
    "Someone is hurting him, he said.",
])
def test_words_that_suggest_a_concern_are_caught(text: str) -> None:
    assert screen(text).concern


@pytest.mark.parametrize("text", [
    "I will try a calm corner and restorative language this week.",
    "Trauma-informed practice made me rethink how I greet pupils at the door.",
    "Today I sat with a pupil who was upset and we made a plan together.",
    "The Promise and the Independent Care Review changed how I see my role.",
])
def test_ordinary_reflections_pass(text: str) -> None:
    assert screen(text).clear


def test_something_like_a_full_name_is_flagged() -> None:
    result = screen("I worked with Jamie Robertson in P6 on his reading.")
    assert result.names == ("Jamie Robertson",)
    assert not result.concern


@pytest.mark.parametrize(("text", "name"), [
    ("Today Jamie Robertson was upset at break.", "Jamie Robertson"),  # after a sentence starter
    ("I sat with Kayden McAllister at lunch.", "Kayden McAllister"),
    ("Mia O'Neill came in late again.", "Mia O'Neill"),
    ("Mia O’Neill came in late again.", "Mia O’Neill"),
    ("Anne-Marie MacLeod helped with the plan.", "Anne-Marie MacLeod"),
])
def test_scottish_and_irish_names_and_names_after_a_capital_are_flagged(text: str, name: str) -> None:
    assert screen(text).names == (name,)


def test_course_terms_and_days_are_not_taken_for_names() -> None:
    assert screen("On Monday Morning we read about Education Scotland and Communities That Care.").clear


@given(st.text(max_size=2000))
def test_any_text_screens_without_error(text: str) -> None:
    result = screen(text)
    assert isinstance(result.concern, bool)
