"""Telegram faults against the outbox: nothing lost, blocked learners never retried."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import aiosqlite
import pytest

from scheduler.outgoing import Broadcast, DropCard
from standin import StandIn
from tests.conftest import FakeClock, tiny_course
from tests.journey import TOKEN, Journey


@pytest.fixture
async def journey(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Journey]:
    async with StandIn(token=TOKEN) as standin:
        trip = Journey(standin, tmp_path / "bot.sqlite3", clock, tiny_course(), read_timeout=0.5)
        await trip.start()
        try:
            yield trip
        finally:
            await trip.stop()


async def _outbox(db: Path) -> list[tuple[object, ...]]:
    async with aiosqlite.connect(db) as conn, conn.execute(
            "SELECT dedupe_key, status, attempts FROM outbox ORDER BY id") as cur:
        return [tuple(r) for r in await cur.fetchall()]


async def _status(db: Path, user_id: int) -> str:
    async with aiosqlite.connect(db) as conn, conn.execute(
            "SELECT status FROM learners WHERE user_id = ?", (user_id,)) as cur:
        row = await cur.fetchone()
    return str(row[0]) if row else ""


async def _eventually(db: Path, user_id: int, status: str) -> bool:
    """The learner's status once the bot has handled what Telegram told it (within 5 s)."""
    for _ in range(100):
        if await _status(db, user_id) == status:
            return True
        await asyncio.sleep(0.05)
    return False


async def test_a_learner_who_blocked_the_bot_is_never_retried_until_they_unblock(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(11)
    chat = journey.standin.user(11)
    await chat.block()
    await journey.drip()
    assert await _outbox(journey.db) == [("drop:11:t1-d1", "blocked", 1)]
    assert await _eventually(journey.db, 11, "unreachable")
    sends = journey.standin.calls.count("sendMessage")
    clock.advance(timedelta(days=1))
    await journey.drip()
    assert journey.standin.calls.count("sendMessage") == sends
    await chat.unblock()
    assert await _eventually(journey.db, 11, "active")
    await chat.send("/help")
    await chat.wait_for("I send you short lessons")


async def test_flood_control_pauses_every_send_for_retry_after_then_delivers_once(
        journey: Journey, clock: FakeClock) -> None:
    for uid in (21, 22, 23):
        await journey.enrol(uid)
    journey.standin.fail_next("sendMessage", error_code=429, description="Too Many Requests: retry after 5",
                              retry_after=5, count=3)
    _, first = await journey.drip()
    assert first.paused_for == 5 and first.counts.get("pause") == 3
    clock.advance(timedelta(seconds=2))
    _, held = await journey.drip()
    assert held.counts == {}  # still within retry_after: nothing is sent at all
    clock.advance(timedelta(seconds=4))
    _, after = await journey.drip()
    assert after.counts == {"sent": 3}
    assert {row[1] for row in await _outbox(journey.db)} == {"sent"}
    for uid in (21, 22, 23):
        assert len(journey.standin.user(uid).messages) == 1


async def test_server_errors_and_timeouts_are_retried_with_backoff_until_delivered(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(31)
    await journey.enrol(32)
    journey.standin.fail_next("sendMessage", error_code=502, description="Bad Gateway")
    journey.standin.timeout_next("sendMessage")
    _, first = await journey.drip()
    assert first.counts == {"retry": 2}
    for _ in range(6):
        clock.advance(timedelta(minutes=1))
        await journey.drip()
    rows = await _outbox(journey.db)
    assert [row[1] for row in rows] == ["sent", "sent"]
    assert all(int(str(row[2])) >= 2 for row in rows)
    assert [len(journey.standin.user(uid).messages) for uid in (31, 32)] == [1, 1]


async def test_a_crash_between_claim_and_send_loses_nothing(journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(41)
    await journey.drip()
    async with journey.services.store.transaction() as tx:
        await tx.outbox.add("text:41:crash", 41, Broadcast(text="Hello again"), clock.now(),
                            user_id=41)
    claimed = await journey.services.store.claim_outbox(clock.now(), 10, timedelta(minutes=2))
    assert [item.dedupe_key for item in claimed] == ["text:41:crash"]
    await journey.restart()  # the process died holding the lease; start-up releases it
    clock.advance(timedelta(seconds=30))
    assert (await journey.drip())[1].counts == {"sent": 1}
    assert (await journey.drip())[1].counts == {}
    await journey.standin.user(41).wait_for("Hello again")
    assert [m.text for m in journey.standin.user(41).messages].count("Hello again") == 1


async def test_a_crash_between_send_and_mark_sends_it_again_once_and_counts_it(
        journey: Journey, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    await journey.enrol(42)
    await journey.drip()
    async with journey.services.store.transaction() as tx:
        await tx.outbox.add("text:42:crash", 42, Broadcast(text="Sent, never marked"),
                            clock.now(), user_id=42)
    (item,) = await journey.services.store.claim_outbox(clock.now(), 10, timedelta(minutes=2))
    assert journey.app is not None
    delivery = await journey.app.bot_data["drip"].sender.deliver(item)  # Telegram has it ...
    assert delivery.outcome.value == "sent"
    with caplog.at_level("INFO"):
        await journey.restart()  # ... but the process died before writing that down
    assert "start-up: 1 message(s) in flight at the last stop will be sent again" in caplog.text
    clock.advance(timedelta(seconds=30))
    assert (await journey.drip())[1].counts == {"sent": 1}
    assert (await journey.drip())[1].counts == {}
    texts = [m.text for m in journey.standin.user(42).messages]
    assert texts.count("Sent, never marked") == 2  # the one duplicate the design allows, counted above
    async with journey.services.store.read() as tx:
        rows = await tx.conn.execute("SELECT status FROM outbox WHERE dedupe_key = 'text:42:crash'")
        assert [r[0] for r in rows.rows] == ["sent"]


async def test_a_running_sender_does_not_take_a_row_another_tick_has_leased(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(42)
    await journey.drip()
    async with journey.services.store.transaction() as tx:
        await tx.outbox.add("text:42:x", 42, Broadcast(text="Once"), clock.now(), user_id=42)
    assert len(await journey.services.store.claim_outbox(clock.now(), 10, timedelta(minutes=2))) == 1
    clock.advance(timedelta(minutes=1))
    assert (await journey.drip())[1].counts == {}  # still leased by the other claim
    clock.advance(timedelta(minutes=2))
    assert (await journey.drip())[1].counts == {"sent": 1}


async def test_two_hours_down_then_each_due_learner_gets_one_drop_not_a_backlog(
        journey: Journey, clock: FakeClock) -> None:
    for uid in (51, 52):
        await journey.enrol(uid)
    await journey.stop()  # down from 09:00 ...
    clock.advance(timedelta(hours=2, minutes=10))  # ... to 11:10, past the 10:30 break
    await journey.start()
    report, sent = await journey.drip()
    assert (report.drops, sent.counts) == (2, {"sent": 2})
    report, sent = await journey.drip()
    assert (report.drops, sent.counts) == (0, {})
    for uid in (51, 52):
        assert len(journey.standin.user(uid).messages) == 1


async def test_a_passing_fault_while_handling_a_press_is_tried_again_and_the_card_arrives(
        journey: Journey) -> None:
    code = await journey.make_cohort()
    chat = journey.standin.user(1001, "Morag")
    await chat.send(f"/start {code}")
    await chat.wait_for("Before you start: your privacy")
    # Telegram answers 502, then is too busy for a second: the privacy step still moves on.
    journey.standin.fail_next("sendMessage", error_code=502, description="Bad Gateway")
    journey.standin.fail_next("editMessageReplyMarkup", error_code=429,
                              description="Too Many Requests: retry after 1", retry_after=1)
    await chat.press("I agree, let's start")
    await chat.wait_for("Which best describes your role?", timeout=10)
    assert journey.standin.calls.count("sendMessage") >= 3  # /start's reply, the 502, the retry


async def test_a_message_delayed_into_quiet_hours_waits_for_the_morning_or_the_next_break(
        journey: Journey, clock: FakeClock) -> None:
    from datetime import UTC, datetime

    friday_evening = datetime(2026, 11, 27, 19, 55, tzinfo=UTC)
    clock.set(friday_evening)
    await journey.enrol(91)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(91, next_due_at=None)
        # Queued before 20:00, but the bot only gets to them after it (down, or held by a 429).
        await tx.outbox.add("bc:late:91", 91, Broadcast(text="Session moved to Monday"),
                            friday_evening, user_id=91)
        await tx.outbox.add("drop:91:t1-d1", 91, DropCard(drop_id="t1-d1"),
                            friday_evening, user_id=91)
    clock.set(datetime(2026, 11, 27, 20, 30, tzinfo=UTC))
    _, flushed = await journey.drip()
    assert flushed.counts == {"later": 2}
    assert journey.standin.user(91).messages == []
    async with journey.services.store.read() as tx:
        held = dict((await tx.conn.execute(
            "SELECT dedupe_key, not_before FROM outbox WHERE user_id = 91")).rows)
    # Not on Saturday or Sunday: the notice at Monday's 07:30, the lesson at Monday's break.
    assert held == {"bc:late:91": "2026-11-30T07:30:00+00:00", "drop:91:t1-d1": "2026-11-30T10:30:00+00:00"}
    clock.set(datetime(2026, 11, 30, 7, 30, tzinfo=UTC))
    await journey.drip()
    await journey.standin.user(91).wait_for("Session moved to Monday")
    assert len(journey.standin.user(91).messages) == 1
