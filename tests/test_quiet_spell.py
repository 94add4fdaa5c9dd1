"""Nobody is dropped for going quiet: paused kindly after an unanswered pause question, asked back later."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from standin.people import ChatUser
from tests.conftest import FakeClock
from tests.journey import Journey

# A Scottish school year around the test's November: term 2 to Christmas, term 3 with a February
# break, the Easter holiday, term 4.
CALENDAR = {
    "terms": [{"start": "2026-08-17", "end": "2026-12-18"}, {"start": "2027-01-06", "end": "2027-04-01"},
              {"start": "2027-04-19", "end": "2027-06-30"}],
    "holidays": [{"start": "2026-12-19", "end": "2027-01-05", "name": "Christmas"},
                 {"start": "2027-02-15", "end": "2027-02-19", "name": "February break"},
                 {"start": "2027-04-02", "end": "2027-04-18", "name": "Easter"}],
}
PAUSED_LINE = "I've paused your lessons for now"
ASK_BACK_LINE = "Would you like to pick up where you left off"


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def _gone_quiet(journey: Journey, clock: FakeClock, user_id: int) -> ChatUser:
    """Enrolled on Monday 23 November, one drop, one reminder, then silence and the pause question."""
    clock.set(_at(2026, 11, 23, 10, 30))
    await journey.enrol(user_id, first_name="Morag")
    async with journey.services.store.transaction() as tx:
        learner = await tx.learners.get(user_id)
        assert learner is not None and learner.cohort_id is not None
        await tx.cohorts.set_calendar(learner.cohort_id, CALENDAR)
    await journey.drip()
    chat = journey.standin.user(user_id)
    await chat.wait_for("How confident do you feel?")
    clock.set(_at(2026, 11, 24, 10, 30))
    assert (await journey.drip())[0].nudges == 1
    clock.set(_at(2026, 12, 8, 10, 30))  # fifteen silent days
    await journey.drip()
    await chat.wait_for("Would you like to pause lessons for now?")
    return chat


def _count(chat: ChatUser, text: str) -> int:
    return sum(1 for m in chat.messages if text in m.plain)


async def test_no_answer_to_the_pause_question_pauses_kindly_once_then_asks_back_after_the_holiday(
        journey: Journey, clock: FakeClock) -> None:
    chat = await _gone_quiet(journey, clock, 61)
    clock.set(_at(2026, 12, 14, 10, 30))  # six days on: still time to answer
    assert (await journey.drip())[0].claimed == 0
    clock.set(_at(2026, 12, 15, 10, 30))  # a week without an answer, at their morning break
    await journey.drip()
    told = await chat.wait_for(PAUSED_LINE)
    assert "/resume" in told.plain and "just write to me" in told.plain and "kept" in told.plain
    assert not told.labels
    for day in (16, 17, 18):
        clock.set(_at(2026, 12, day, 10, 30))
        assert (await journey.drip())[0].claimed == 0
    assert _count(chat, PAUSED_LINE) == 1  # told once
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(61)
        assert learner is not None and learner.status == "paused" and learner.paused_by == "bot"
        assert learner.paused_at == _at(2026, 12, 15, 10, 30)
        assert learner.next_due_at == _at(2027, 1, 6, 10, 30)  # the first morning after Christmas
        assert (await tx.progress.pauses(61))[-1] == (_at(2026, 12, 15, 10, 30), None)

    clock.set(_at(2027, 1, 6, 20, 30))  # the bot was down at 10:30; now it is evening
    assert (await journey.drip())[1].counts == {}
    assert _count(chat, ASK_BACK_LINE) == 0  # never in quiet hours
    clock.set(_at(2027, 1, 7, 10, 30))
    await journey.drip()
    ask = await chat.wait_for(ASK_BACK_LINE)
    assert "(Module 1, drop 1 of 3)" in ask.plain and "that's fine too" in ask.plain
    assert ask.labels == ["▶️ Carry on", "Stay paused"]

    clock.set(_at(2027, 2, 22, 10, 30))  # after the February break, but the same term
    assert (await journey.drip())[0].claimed == 0
    assert _count(chat, ASK_BACK_LINE) == 1
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(61)
        assert learner is not None and learner.asked_back == 1
        assert learner.next_due_at == _at(2027, 4, 19, 9, 30)  # term 4's first morning (summer time)

    clock.set(_at(2027, 2, 22, 11, 0))
    await chat.press("▶️ Carry on", message=ask)
    await chat.wait_for("Lovely, welcome back")
    await chat.wait_for(lambda m: "How confident do you feel?" in m.plain and m.message_id != ask.message_id)
    assert _count(chat, "Welcome back, Morag") == 0  # the answer is taken as given
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(61)
        assert learner is not None and learner.status == "active" and learner.paused_by is None
        assert learner.next_due_at == _at(2027, 2, 23, 10, 30)


async def test_stay_paused_is_respected_and_never_asked_again(journey: Journey, clock: FakeClock) -> None:
    chat = await _gone_quiet(journey, clock, 62)
    clock.set(_at(2026, 12, 15, 10, 30))
    await journey.drip()
    await chat.wait_for(PAUSED_LINE)
    clock.set(_at(2027, 1, 6, 10, 30))
    await journey.drip()
    ask = await chat.wait_for(ASK_BACK_LINE)
    await chat.press("Stay paused", message=ask)
    await chat.wait_for("lessons stay paused and I won't ask again")
    for moment in (_at(2027, 4, 19, 9, 30), _at(2027, 4, 20, 9, 30), _at(2027, 8, 23, 9, 30)):
        clock.set(moment)
        assert (await journey.drip())[0].claimed == 0
    assert [m for m in chat.messages if m.message_id > ask.message_id] == []  # the answer was an edit


async def test_a_learner_who_paused_themselves_is_left_in_peace(journey: Journey, clock: FakeClock) -> None:
    clock.set(_at(2026, 11, 23, 10, 30))
    await journey.enrol(63)
    await journey.drip()
    chat = journey.standin.user(63)
    await chat.send("/pause")
    await chat.wait_for("Lessons are paused")
    for moment in (_at(2026, 12, 8, 10, 30), _at(2026, 12, 15, 10, 30), _at(2027, 1, 6, 10, 30),
                   _at(2027, 2, 8, 10, 30), _at(2027, 4, 19, 9, 30)):
        clock.set(moment)
        assert (await journey.drip())[0].claimed == 0
    assert _count(chat, ASK_BACK_LINE) == 0 and _count(chat, PAUSED_LINE) == 0


async def test_a_learner_the_bot_paused_who_just_writes_is_welcomed_back_and_carries_on(
        journey: Journey, clock: FakeClock) -> None:
    chat = await _gone_quiet(journey, clock, 64)
    clock.set(_at(2026, 12, 15, 10, 30))
    await journey.drip()
    await chat.wait_for(PAUSED_LINE)
    clock.set(_at(2026, 12, 16, 12, 0))
    await chat.send("sorry, it's been a busy term")
    back = await chat.wait_for("Welcome back, Morag")
    await chat.press("▶️ Carry on", message=back)
    await chat.wait_for(lambda m: "How confident do you feel?" in m.plain and m.message_id > back.message_id)
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(64)
        assert learner is not None and learner.status == "active"
        assert (await tx.progress.pauses(64))[-1] == (_at(2026, 12, 15, 10, 30), _at(2026, 12, 16, 12, 0))


async def test_mydata_shows_the_pause_and_the_question_to_come_and_forget_removes_them(
        journey: Journey, clock: FakeClock) -> None:
    chat = await _gone_quiet(journey, clock, 65)
    clock.set(_at(2026, 12, 15, 10, 30))
    await journey.drip()
    await chat.wait_for(PAUSED_LINE)
    clock.set(_at(2026, 12, 15, 12, 0))
    await chat.send("/mydata")
    data = await chat.wait_for(lambda m: m.document is not None and m.document[0] == "my-data.json")
    readable = await chat.wait_for(lambda m: m.document is not None and m.document[0] == "my-data.txt")
    assert data.document is not None and readable.document is not None
    held = json.loads(data.document[1])["learner"]
    assert held["paused_by"] == "bot" and held["paused_at"] == "2026-12-15T10:30:00+00:00"
    text = readable.document[1].decode()
    assert "Lessons paused by the bot, as the question whether to pause had no answer: " \
           "Tuesday 15 December 2026 at 10:30" in text
    assert "I'll ask once whether you'd like to carry on: Wednesday 6 January 2027 at 10:30" in text
    await chat.send("/forget")
    confirm = await chat.wait_for(lambda m: "Delete everything" in m.labels)
    await chat.press("Delete everything", message=confirm)
    await chat.wait_for("everything I held about you is deleted")
    async with journey.services.store.read() as tx:
        assert await tx.learners.get(65) is None
    clock.set(_at(2027, 1, 6, 10, 30))
    assert (await journey.drip())[0].claimed == 0


def _facts(status: str, **learner: object) -> Any:
    from dataclasses import dataclass, field

    from storage.learners import Learner

    base = Learner(7, 7, "A", 1, "psa", "v", ("morning",), (0, 1, 2, 3, 4), 1, "Europe/London", status,
                   "t1-d1-cb", None, None, _at(2026, 11, 23, 10, 30), _at(2026, 11, 23, 10, 30), False)

    @dataclass(frozen=True)
    class Facts:
        learner: Learner
        calendar: dict[str, object] = field(default_factory=dict)
        nudges: tuple[datetime, ...] = ()

    return Facts(Learner(**{**base.__dict__, **learner}))


def test_without_a_calendar_the_bot_asks_back_six_weeks_on_then_at_most_every_twelve() -> None:
    from scheduler.quiet_spell import ask_back_on

    assert ask_back_on({}, date(2026, 12, 15), None) == date(2027, 1, 26)
    assert ask_back_on({}, date(2027, 1, 27), date(2027, 1, 27)) == date(2027, 4, 21)
    # Asked in January: not again after the February break (the same term), but after Easter.
    assert ask_back_on(CALENDAR, date(2027, 1, 27), date(2027, 1, 7)) == date(2027, 4, 19)
    terms_only = {"terms": CALENDAR["terms"]}
    assert ask_back_on(terms_only, date(2026, 12, 15), None) == date(2027, 1, 6)


def test_asking_back_waits_when_the_weeks_nudges_are_used_and_never_follows_a_chosen_pause() -> None:
    from scheduler.quiet_spell import plan_quiet_spell
    from scheduler.timing import SlotTiming

    timing, now = SlotTiming("Europe/London"), _at(2027, 1, 26, 10, 30)  # a Tuesday
    paused = _facts("paused", paused_by="bot", paused_at=_at(2026, 12, 15, 10, 30))
    plan = plan_quiet_spell(timing, paused, now, 2)
    assert plan is not None and plan.asks_back
    busy = replace(paused, nudges=(_at(2027, 1, 22, 10, 30), _at(2027, 1, 25, 10, 30)))
    later = plan_quiet_spell(timing, busy, now, 2)
    assert later is not None and later.message is None and later.due == _at(2027, 1, 27, 10, 30)
    chosen = plan_quiet_spell(timing, _facts("paused"), now, 2)
    assert chosen is not None and chosen.message is None and chosen.due is None
    enough = _facts("paused", paused_by="bot", asked_back=3)
    assert plan_quiet_spell(timing, enough, now, 2).due is None  # type: ignore[union-attr]


def test_a_learner_in_touch_since_the_pause_question_is_not_paused() -> None:
    from scheduler.quiet_spell import plan_quiet_spell
    from scheduler.timing import SlotTiming

    asked = _at(2026, 12, 8, 10, 30)
    since = _facts("quiet", asked_pause_at=asked, last_active_at=_at(2026, 12, 10, 12, 0))
    assert plan_quiet_spell(SlotTiming("Europe/London"), since, _at(2026, 12, 15, 10, 30), 2) is None
    silent = _facts("quiet", asked_pause_at=asked, last_active_at=_at(2026, 11, 23, 10, 30))
    plan = plan_quiet_spell(SlotTiming("Europe/London"), silent, _at(2026, 12, 15, 10, 30), 2)
    assert plan is not None and plan.pauses_quietly and plan.status == "paused"


async def test_learners_left_quiet_by_an_older_release_are_due_at_once(tmp_path: Path) -> None:
    import aiosqlite

    from storage.migrations import MIGRATIONS, migrate

    async with aiosqlite.connect(tmp_path / "old.sqlite3") as conn:
        await migrate(conn, MIGRATIONS[:18])
        await conn.execute(
            "INSERT INTO cohorts (id, name, invite_code, created_at) VALUES (1, 'C', 'c', 'x')")
        await conn.execute(
            "INSERT INTO learners (user_id, chat_id, first_name, cohort_id, status, asked_pause_at,"
            " last_active_at, joined_at) VALUES (5, 5, 'A', 1, 'quiet', '2026-03-02T10:30:00+00:00',"
            " '2026-02-16T10:30:00+00:00', '2026-01-05T10:30:00+00:00')")
        await conn.commit()
        await migrate(conn, MIGRATIONS)
        async with conn.execute("SELECT next_due_at, paused_by FROM learners") as cur:
            assert list(await cur.fetchall()) == [("2026-03-02T10:30:00+00:00", None)]
