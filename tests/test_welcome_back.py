"""Nobody is dropped for going quiet: after three silent weeks, a welcome back that says where they were."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import FakeClock
from tests.journey import Journey


async def test_a_message_after_21_days_of_silence_gets_a_welcome_back(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(11, first_name="Morag")
    async with journey.services.store.transaction() as tx:
        await tx.progress.drop_completed(11, "t1-d1", clock.now())
        await tx.learners.update(11, last_active_at=clock.now(), next_due_at=None)
    chat = journey.standin.user(11)
    clock.advance(timedelta(days=20))
    await chat.send("hi")
    first = await chat.wait_for(lambda m: True)
    assert "Welcome back" not in first.plain  # three weeks is the gap, not twenty days
    clock.advance(timedelta(days=21))
    await chat.send("hi, sorry, been off sick")
    back = await chat.wait_for("Welcome back, Morag")
    assert "You were on Module 1, drop 2 of 3." in back.plain
    assert "starts afresh" in back.plain and "lost" not in back.plain
    assert back.labels == ["▶️ Carry on", "🕒 Change my times"]
    await chat.send("hello again")  # said once: the next message is answered as usual
    usual = await chat.wait_for(lambda m: True)
    assert "Welcome back" not in usual.plain
    await chat.press("▶️ Carry on", message=back)
    await chat.wait_for("Module 1 · drop 2 of 3")


async def test_a_command_after_weeks_of_silence_ends_the_silence_so_its_buttons_work(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(12, first_name="Iain")
    chat = journey.standin.user(12)
    clock.advance(timedelta(days=30))
    await chat.send("/forget")
    confirm = await chat.wait_for(lambda m: "Delete everything" in m.labels)
    await chat.press("Delete everything", message=confirm)
    await chat.wait_for("everything I held about you is deleted")  # not a welcome back instead
    assert not [m for m in chat.messages if "Welcome back" in m.plain]
