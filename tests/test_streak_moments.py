"""A week streak is noticed the moment it grows, and nothing is said when one ends."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import FakeClock
from tests.journey import Journey


async def _done_before(journey: Journey, user_id: int, *moments: datetime) -> None:
    """Drops finished on those days; the learner is now on drop two's prompt."""
    await journey.enrol(user_id)
    async with journey.services.store.transaction() as tx:
        for drop, moment in zip(("t1-d1", "t2-d1"), moments, strict=False):
            await tx.progress.drop_completed(user_id, drop, moment)
        await tx.learners.update(user_id, current_step="t1-d2-r1")


async def test_the_first_drop_of_a_third_week_running_is_celebrated_once(
        journey: Journey, clock: FakeClock) -> None:
    await _done_before(journey, 81, datetime(2026, 11, 10, 10, 30, tzinfo=UTC),
                       datetime(2026, 11, 17, 10, 30, tzinfo=UTC))
    clock.moment = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # Wednesday of the third week
    chat = journey.standin.user(81)
    await chat.send("I will sit with the new pupil at lunch.")
    await chat.wait_for("🔥 That's 3 weeks in a row with a drop")
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(81, current_step="t1-d3-r1")
    await chat.send("I will ask before I assume.")  # a second reply in the same week
    await chat.wait_for("Saved to your journal")
    assert sum("weeks in a row" in m.text for m in chat.messages) == 1


async def test_a_streak_that_ended_is_not_mentioned(journey: Journey, clock: FakeClock) -> None:
    # Two weeks running, then nothing in the week of 16 November.
    await _done_before(journey, 82, datetime(2026, 11, 3, 10, 30, tzinfo=UTC),
                       datetime(2026, 11, 10, 10, 30, tzinfo=UTC))
    clock.moment = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
    chat = journey.standin.user(82)
    await chat.send("I will sit with the new pupil at lunch.")
    await chat.wait_for("Saved to your journal")
    await chat.send("/progress")
    await chat.wait_for("Your progress")
    said = " ".join(m.text for m in chat.messages).lower()
    assert "in a row" not in said and "streak" not in said and "lost" not in said and "broke" not in said
