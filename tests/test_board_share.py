"""A tip leaves its cohort only with its author's agreement; coordinators hear a tip is waiting."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import FakeClock
from tests.journey import Journey
from tests.test_board import TIP, _cohorts, _finish_first_drop, _offer_and_publish

ADMIN = 1


async def _published_tip(journey: Journey) -> tuple[int, int, int]:
    dundee, inverness = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    await _offer_and_publish(journey, dundee)
    async with journey.services.store.read() as tx:
        (tip,) = await tx.tips.board(dundee)
    return dundee, inverness, tip.id


async def _audited(journey: Journey, action: str) -> int:
    async with journey.services.store.read() as tx, tx.conn.execute(
            "SELECT count(*) FROM audit WHERE action = ?", (action,)) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def test_another_cohort_sees_a_shared_tip_only_after_its_author_agrees(journey: Journey) -> None:
    dundee, inverness, tip_id = await _published_tip(journey)
    admin, author, colleague, elsewhere = (journey.standin.user(u) for u in (ADMIN, 31, 32, 41))

    await colleague.send(f"/sharetip {tip_id} {inverness}")
    await colleague.wait_for("only for the coordinators")  # a learner cannot share
    await admin.send(f"/sharetip {tip_id} {dundee}")
    await admin.wait_for("Only a published tip can be shared")  # its own cohort has it already
    await admin.send(f"/sharetip {tip_id + 1} {inverness}")
    await admin.wait_for("Only a published tip can be shared")
    await admin.send(f"/sharetip {tip_id} {inverness}")
    await admin.wait_for("Asked the author")
    await journey.drip()
    ask = await author.wait_for(lambda m: "Inverness" in m.text and "✅ Agree" in m.labels)
    assert f"“{TIP}” <i>— Morag</i>" in ask.text  # shown there as signed here
    await elsewhere.send("/board")
    await elsewhere.wait_for("No tips yet")  # not before the author agrees

    await author.press("✅ Agree", message=ask)
    await author.wait_for("colleagues in the other cohort will see it")
    await elsewhere.send("/board")
    board = await elsewhere.wait_for(lambda m: TIP in m.text)
    assert f"“{TIP}” <i>— Morag</i>" in board.text
    await elsewhere.press("👍 1 useful (0)", message=board)  # useful on the board it was shared to
    await elsewhere.wait_for(lambda m: "👍 1 useful (1)" in m.labels)
    assert await _audited(journey, "share tip asked") == 1
    assert await _audited(journey, "share tip agreed") == 1


async def test_an_author_who_says_no_keeps_their_tip_in_their_cohort(journey: Journey) -> None:
    _, inverness, tip_id = await _published_tip(journey)
    admin, author, elsewhere = (journey.standin.user(u) for u in (ADMIN, 31, 41))
    await admin.send(f"/sharetip {tip_id} {inverness}")
    await admin.wait_for("Asked the author")
    await journey.drip()
    ask = await author.wait_for(lambda m: "✅ Agree" in m.labels)
    await author.press("No, keep it in my cohort", message=ask)
    await author.wait_for("stays with your own cohort")
    await author.press_data(ask, f"tsh:{tip_id}-{inverness}:y")  # a stale button changes nothing
    await elsewhere.send("/board")
    await elsewhere.wait_for("No tips yet")
    assert await _audited(journey, "share tip refused") == 1


async def _offer(journey: Journey, text: str) -> None:
    author = journey.standin.user(31)
    await author.press("💡 Share a tip with your cohort")
    await author.wait_for("one short thing")
    await author.send(text)
    await author.wait_for("Shall colleagues see")
    await author.press("No name")
    await author.wait_for("exactly what your cohort will see")
    await author.press("✅ Offer it")
    await author.wait_for("goes to your coordinator")


def _notices(journey: Journey, dundee: int) -> int:
    return sum(f"A tip is waiting: /tips {dundee}" in m.text
               for m in journey.standin.user(32).messages)


async def test_coordinators_hear_a_tip_waits_once_an_hour_and_never_in_quiet_hours(
        journey: Journey, clock: FakeClock) -> None:
    dundee, _ = await _cohorts(journey)
    admin = journey.standin.user(ADMIN)
    await admin.send(f"/promote 32 {dundee}")
    await admin.wait_for("is now a coordinator")
    await journey.drip()
    await _finish_first_drop(journey, 31)

    await _offer(journey, TIP)
    await journey.drip()
    await journey.standin.user(32).wait_for(f"A tip is waiting: /tips {dundee}")
    clock.set(datetime(2026, 11, 23, 9, 40, tzinfo=UTC))
    await _offer(journey, "I kept a quiet corner ready for the first ten minutes of the day")
    await journey.drip()
    assert _notices(journey, dundee) == 1  # a second offer within the hour adds no message

    clock.set(datetime(2026, 11, 23, 21, 0, tzinfo=UTC))
    await _offer(journey, "I asked what would make the morning easier and wrote it on the plan")
    await journey.drip()
    assert _notices(journey, dundee) == 1  # held through the coordinator's quiet hours
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    await journey.drip()
    await journey.standin.user(32).wait_for(f"A tip is waiting: /tips {dundee}")


async def test_a_coordinator_who_is_not_a_learner_hears_of_a_tip_only_after_quiet_hours(
        journey: Journey, clock: FakeClock) -> None:
    dundee, _ = await _cohorts(journey)
    coordinator, admin = journey.standin.user(35, "Fiona"), journey.standin.user(ADMIN)
    await coordinator.send("/help")  # known to the bot, never joined a cohort as a learner
    await coordinator.wait_for("I send you short lessons")
    await admin.send(f"/promote 35 {dundee}")
    await admin.wait_for("is now a coordinator")
    await journey.drip()
    await _finish_first_drop(journey, 31)

    clock.set(datetime(2026, 11, 23, 21, 0, tzinfo=UTC))  # a Monday evening in Scotland
    await _offer(journey, TIP)
    await journey.drip()
    assert not any("A tip is waiting" in m.text for m in coordinator.messages)
    clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    await journey.drip()
    await coordinator.wait_for(f"A tip is waiting: /tips {dundee}")
