"""A pupil support worker joins, learns and carries on after a restart, end to end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite

from bot.views.learning import STALE
from tests.conftest import FakeClock
from tests.journey import Journey


async def _join(journey: Journey, user_id: int = 1001, first_now: bool = True):  # type: ignore[no-untyped-def]
    code = await journey.make_cohort()
    chat = journey.standin.user(user_id, "Morag")
    await chat.send(f"/start {code}")
    await chat.wait_for("Before you start: your privacy")
    await chat.press("I agree, let's start")
    await chat.wait_for("Which best describes your role?")
    await chat.press("Pupil support assistant")
    await chat.wait_for("When do a few minutes usually suit you?")
    await chat.press("▫️ Morning break (10:30)")
    await chat.wait_for(lambda m: any("✅ Morning break" in b for b in m.labels))
    await chat.press("Done")
    await chat.wait_for("Which days are you usually in school?")
    await chat.press("Done")
    await chat.wait_for("first drop now, or at your next break (today at 10:30)?")
    await chat.press("Now, please" if first_now else "Later")
    return chat


async def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    async with aiosqlite.connect(db) as conn, conn.execute(sql) as cur:
        return [tuple(r) for r in await cur.fetchall()]


async def test_unknown_or_missing_invite_code_gets_a_kind_explanation(journey: Journey) -> None:
    chat = journey.standin.user(2002, "Iain")
    await chat.send("/start")
    await chat.wait_for("you need the invite link from your programme coordinator")
    await chat.send("/start nosuchcode")
    await chat.wait_for("that invite link isn't one I recognise")
    assert await _rows(journey.db, "SELECT * FROM learners") == []


async def test_join_learn_answer_reflect_and_carry_on_after_restart(
        journey: Journey, clock: FakeClock) -> None:
    chat = await _join(journey)
    # Drop 1: a confidence rating, two cards, then a quiz.
    await chat.wait_for("How confident do you feel?")
    await chat.press("2")
    await chat.wait_for("Card one of drop one.")
    await chat.press("Next ›")
    await chat.wait_for("Card <b>two</b> of drop one.")
    await chat.press("Next ›")
    await chat.wait_for("Which is right?")
    await chat.press("B")
    answered = await chat.wait_for("Not quite: B")
    assert "The answer is <b>A</b>. Because it is right." in answered.text
    # The drop's end is said under the verdict, in the same message: no second buzz.
    assert "Drop done" in answered.text
    assert "tomorrow at 10:30" in answered.text  # one drop a day, morning break, Monday -> Tuesday

    # Pressing an old card's button again (its data replayed) changes nothing.
    before = len(chat.messages)
    await chat.press_data(chat.find("Card one of drop one."), "n:t1-d1-c1")
    await chat.send("/help")
    await chat.wait_for("I send you short lessons")
    assert len(chat.messages) == before + 1
    assert journey.standin.state.callback_answers[-1][1] == STALE

    # Nothing arrives before the slot; the next drop arrives at Tuesday 10:30.
    clock.set(datetime(2026, 11, 24, 10, 29, tzinfo=UTC))
    report, _ = await journey.drip()
    assert report.drops == 0
    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))
    report, sent = await journey.drip()
    assert (report.drops, sent.counts) == (1, {"sent": 1})
    await chat.wait_for("Card one of drop two.")
    await chat.press("Next ›")
    await chat.wait_for("What will you try this week?")

    # A restart between the prompt and the reply loses nothing.
    await journey.restart()
    await chat.send("I will greet every pupil by name at the door.")
    saved = await chat.wait_for("Saved to your journal")
    assert "Drop done" in saved.text  # one message, not two

    # The quiz check missed on Monday comes back for recall after Tuesday's drop.
    recall = await chat.wait_for("One from earlier")
    assert "Which is right?" in recall.text
    await chat.press("A", message=recall)
    await chat.wait_for("A is right.")
    card = await _rows(journey.db, "SELECT step_id, due FROM recall_cards")
    assert card == [("t1-d1-q1", "2026-11-28T10:30:00+00:00")]  # right on recall: back in 4 days

    reflections = await _rows(journey.db, "SELECT user_id, step_id, text FROM reflections")
    assert reflections == [(1001, "t1-d2-r1", "I will greet every pupil by name at the door.")]
    answers = await _rows(journey.db, "SELECT step_id, choice, correct, recall FROM quiz_answers")
    assert answers == [("t1-d1-q1", 1, 0, 0), ("t1-d1-q1", 0, 1, 1)]
    ratings = await _rows(journey.db, "SELECT statement, phase, rating FROM confidence")
    assert ratings == [("t1-s1", "before", 2)]
    learner = await _rows(journey.db, "SELECT role, slots, weekdays, status FROM learners")
    assert learner == [("psa", "morning", "0,1,2,3,4", "active")]


async def test_a_right_answer_is_confirmed_with_its_reason(journey: Journey) -> None:
    chat = await _join(journey)
    await chat.wait_for("How confident do you feel?")
    await chat.press("4")
    await chat.wait_for("Card one of drop one.")
    await chat.press("Next ›")
    await chat.wait_for("Card <b>two</b>")
    await chat.press("Next ›")
    await chat.wait_for("Which is right?")
    await chat.press("A")
    await chat.wait_for("A is right.</b> Because it is right.")


async def test_no_drop_in_quiet_hours_or_at_the_weekend(journey: Journey, clock: FakeClock) -> None:
    chat = await _join(journey, first_now=False)
    await chat.wait_for("Your first drop will arrive today at 10:30")
    clock.set(datetime(2026, 11, 23, 10, 30, tzinfo=UTC))
    assert (await journey.drip())[0].drops == 1
    await chat.wait_for("How confident do you feel?")
    # Unfinished by the next slot: one reminder on Tuesday morning, none in the evening or at night.
    for moment in (datetime(2026, 11, 23, 21, 0, tzinfo=UTC), datetime(2026, 11, 24, 6, 0, tzinfo=UTC)):
        clock.set(moment)
        assert (await journey.drip())[0].claimed == 0
    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))
    assert (await journey.drip())[0].nudges == 1
    await chat.wait_for("A gentle reminder")
    # Friday's drop is done; nothing on Saturday or Sunday, the next comes on Monday.
    clock.set(datetime(2026, 11, 27, 11, 0, tzinfo=UTC))
    await chat.send("/next")
    await chat.wait_for("How confident do you feel?")
    await chat.press("3")
    for expected, label in (("Card one of drop one.", "Next ›"), ("Card <b>two</b>", "Next ›"),
                            ("Which is right?", "A")):
        await chat.wait_for(expected)
        await chat.press(label)
    done = await chat.wait_for("Drop done")
    assert "on Monday at 10:30" in done.text


async def test_media_and_stray_text_get_a_short_helpful_reply(journey: Journey) -> None:
    chat = journey.standin.user(3003, "Ewan")
    await chat.send_sticker()
    await chat.wait_for("I can't take stickers here")
    await chat.send("hello?")
    await chat.wait_for("tap the invite link")


async def test_commands_next_progress_pause_resume(journey: Journey, clock: FakeClock) -> None:
    chat = await _join(journey)
    await chat.wait_for("How confident do you feel?")
    await chat.send("/progress")
    progress = await chat.wait_for("Your progress")
    assert "Module 1: First things</b>\n▱▱▱▱▱▱▱▱▱▱ 0 of 3 drops" in progress.text
    assert "Confidence" not in progress.text
    await chat.send("/pause")
    await chat.wait_for("Lessons are paused")
    clock.advance(timedelta(days=1, hours=2))
    assert (await journey.drip())[0].claimed == 0
    await chat.send("/resume")
    await chat.wait_for("Welcome back! Your next drop comes")
    await chat.send("/next")
    await chat.wait_for(lambda m: "How confident do you feel?" in m.text and m is not chat.messages[0])


async def test_a_drop_missed_while_the_bot_was_down_waits_for_the_next_morning_not_the_evening(
        journey: Journey, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))  # a Wednesday
    await journey.enrol(3003)
    async with journey.services.store.transaction() as tx:  # due at 10:30, then the bot went down
        await tx.learners.update(3003, next_due_at=datetime(2026, 11, 25, 10, 30, tzinfo=UTC))
    clock.set(datetime(2026, 11, 25, 21, 0, tzinfo=UTC))  # back up in the evening's quiet hours
    report, _ = await journey.drip()
    assert report.claimed == 1 and report.drops == 0
    assert journey.standin.user(3003).messages == []
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(3003)
    assert learner is not None and learner.next_due_at == datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
    clock.set(datetime(2026, 11, 26, 10, 30, tzinfo=UTC))
    assert (await journey.drip())[0].drops == 1
