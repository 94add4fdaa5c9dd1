"""On a term of history, the fast drip plans exactly what the plain reading of its rules plans.

The tick remembers answers shared by many learners (timing per schedule and calendar, a place in
the course per set of completed drops, one parsed calendar per cohort) and reads a batch's drop
progress one row per learner. Here every learner of a mixed term (bench.term: schedules, calendars,
open and snoozed drops, silent learners, nudges) is planned twice, once with nothing remembered,
and the two databases must end with the same outbox and the same learners.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bench.term import build_term
from bot.usecases.terms import PRIVACY_VERSION
from lessons.loader import load_course
from lessons.progress import CourseMap
from scheduler.drip import Policy, tick
from scheduler.timing import SlotTiming
from storage.store import Store

Answer = TypeVar("Answer")
LEARNERS = 240


class PlainTiming(SlotTiming):
    """The same rules, every answer worked out afresh."""

    def _remembered(self, key: tuple[Any, ...], calendar: dict[str, Any],
                    work: Callable[[], Answer]) -> Answer:
        return work()


class PlainCourse(CourseMap):
    def _reached(self, completed: Any) -> int:
        return super()._reached(set(completed))


async def _plan_all(path: Path, now: datetime, course: CourseMap, timing: SlotTiming) -> list[str]:
    store = await Store.open(path)
    keys: list[str] = []
    policy = Policy(PRIVACY_VERSION)
    while (report := await tick(store, course, timing, now, batch=50, policy=policy)).claimed:
        keys += report.keys
    await store.close()
    return keys


def _state(path: Path) -> tuple[list[tuple[Any, ...]], ...]:
    with sqlite3.connect(path) as conn:
        outbox = conn.execute("SELECT id, dedupe_key, user_id, chat_id, kind, payload, not_before, status"
                              " FROM outbox ORDER BY id").fetchall()
        learners = conn.execute("SELECT user_id, next_due_at, status, current_step, snoozed,"
                                " asked_pause_at, lease_until FROM learners ORDER BY user_id").fetchall()
        progress = conn.execute("SELECT * FROM drop_progress ORDER BY user_id, drop_id").fetchall()
    return outbox, learners, progress


MOMENTS = [
    datetime(2026, 11, 23, 10, 31, tzinfo=UTC),  # a Monday after morning break
    datetime(2026, 11, 16, 9, 40, tzinfo=UTC),  # an in-service morning for a third of the cohorts
    datetime(2026, 10, 12, 11, 31, tzinfo=UTC),  # the October week off for some cohorts, not others
    datetime(2026, 11, 21, 11, 0, tzinfo=UTC),  # a Saturday
    datetime(2026, 11, 24, 20, 15, tzinfo=UTC),  # quiet hours
]


@pytest.mark.parametrize("now", MOMENTS, ids=lambda m: f"{m:%a-%d-%b-%H%M}")
async def test_a_term_plans_the_same_with_and_without_remembered_answers(tmp_path: Path,
                                                                          now: datetime) -> None:
    built = tmp_path / "term.sqlite3"
    await (await build_term(built, LEARNERS, now, cohorts=6)).close()
    fast, plain = tmp_path / "fast.sqlite3", tmp_path / "plain.sqlite3"
    fast.write_bytes(built.read_bytes())
    plain.write_bytes(built.read_bytes())
    course = load_course()
    fast_keys = await _plan_all(fast, now, CourseMap(course), SlotTiming("Europe/London"))
    plain_keys = await _plan_all(plain, now, PlainCourse(course), PlainTiming("Europe/London"))
    assert fast_keys == plain_keys
    assert _state(fast) == _state(plain)
    if now.weekday() < 5 and now.hour < 20:
        assert len(fast_keys) > LEARNERS / 4  # the moment plans plenty, not nothing either way


async def test_a_calendar_changed_between_ticks_is_planned_by_its_new_dates(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)
    store = await build_term(tmp_path / "term.sqlite3", 40, now, cohorts=1)
    course, timing = CourseMap(load_course()), SlotTiming("Europe/London")
    first = await tick(store, course, timing, now, batch=10, policy=Policy(PRIVACY_VERSION))
    assert first.keys  # the term is open: drops go out
    week_off = {"holidays": [{"start": "2026-11-23", "end": "2026-11-27", "name": "Week off"}]}
    async with store.transaction() as tx:
        await tx.conn.execute("UPDATE cohorts SET calendar = ?", (json.dumps(week_off),))
    later = await tick(store, course, timing, now + timedelta(seconds=30), batch=40,
                       policy=Policy(PRIVACY_VERSION))
    assert later.claimed == 30 and later.keys == []  # the week off holds everyone else back
    await store.close()


async def test_a_claim_reads_each_learners_drops_as_the_rows_hold_them(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 10, 31, tzinfo=UTC)
    store = await build_term(tmp_path / "term.sqlite3", 120, now, cohorts=3)
    since = now - timedelta(days=7)
    async with store.drip_unit() as unit:
        facts = await unit.claim_due(now, 120, timedelta(minutes=5), since=since)
        rows = await (await unit.conn.execute(
            "SELECT user_id, drop_id, delivered_at, completed_at FROM drop_progress")).fetchall()
    await store.close()
    assert len(facts) == 120
    for fact in facts:
        mine = [r for r in rows if r[0] == fact.learner.user_id]
        assert fact.offered == {r[1] for r in mine}
        assert fact.completed == {r[1] for r in mine if r[3] is not None}
        assert sorted(fact.delivered) == sorted(datetime.fromisoformat(r[2]) for r in mine
                                                if datetime.fromisoformat(r[2]) >= since)
