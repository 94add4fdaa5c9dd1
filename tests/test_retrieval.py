"""Spaced retrieval intervals at literal datetimes, FSRS with fuzzing off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scheduler.retrieval import first_card, from_text, pick, review, to_text

T = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def test_a_wrong_answer_comes_back_sooner_than_a_right_one() -> None:
    assert first_card(False, T).due == T + timedelta(days=1)
    assert first_card(True, T).due == T + timedelta(days=4)


def test_each_right_recall_pushes_the_next_one_further_out() -> None:
    card = first_card(True, T)
    again = review(card, True, card.due)
    assert again.due - card.due == timedelta(days=31)
    missed = review(card, False, card.due)
    assert missed.due - card.due < timedelta(days=4)


def test_cards_survive_storage_as_text() -> None:
    card = first_card(False, T)
    assert from_text(to_text(card)).due == card.due


def test_the_most_overdue_due_card_is_picked_and_future_ones_wait() -> None:
    due = [("q1", T - timedelta(days=1)), ("q2", T - timedelta(days=3)), ("q3", T + timedelta(hours=1))]
    assert pick(due, T) == "q2"
    assert pick([("q3", T + timedelta(hours=1))], T) is None


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        first_card(True, datetime(2026, 11, 23, 10, 30))
