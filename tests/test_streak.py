"""Streaks in weeks, with holidays that do not break them."""

from __future__ import annotations

from datetime import UTC, datetime

from scheduler.streak import weeks

NOW = datetime(2027, 1, 13, 12, 0, tzinfo=UTC)  # Wednesday
XMAS = {"holidays": [{"start": "2026-12-21", "end": "2027-01-05", "name": "Christmas"}]}


def _d(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 10, 30, tzinfo=UTC)


def test_consecutive_weeks_count_and_a_missed_week_breaks_the_streak() -> None:
    done = [_d(1, 12, 2027), _d(1, 4, 2027), _d(12, 28), _d(12, 15)]
    assert weeks(done, NOW, "Europe/London", {}) == 3
    assert weeks([_d(1, 12, 2027), _d(12, 28)], NOW, "Europe/London", {}) == 1


def test_holiday_weeks_do_not_break_a_streak() -> None:
    done = [_d(1, 12, 2027), _d(1, 6, 2027), _d(12, 16), _d(12, 9)]  # nothing over Christmas
    assert weeks(done, NOW, "Europe/London", XMAS) == 4
    assert weeks(done, NOW, "Europe/London", {}) == 2


def test_this_week_without_a_drop_yet_does_not_end_the_streak() -> None:
    assert weeks([_d(1, 7, 2027), _d(12, 31)], NOW, "Europe/London", {}) == 2
    assert weeks([], NOW, "Europe/London", {}) == 0


def test_weeks_the_learner_paused_for_do_not_break_a_streak() -> None:
    done = [_d(1, 12, 2027), _d(1, 6, 2027), _d(11, 25), _d(11, 18)]  # nothing from December
    paused = [(_d(11, 27), _d(12, 19))]  # /pause from a Friday to the end of term
    assert weeks(done, NOW, "Europe/London", XMAS, paused) == 4  # three paused weeks, two holidays
    assert weeks(done, NOW, "Europe/London", XMAS) == 2
    assert weeks(done, NOW, "Europe/London", XMAS, [(_d(11, 27), None)]) == 4  # still open: up to now
