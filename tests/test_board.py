"""The cohort's practice board: offer, screen, confirm, approve, read, useful, digest, withdraw, report."""

from __future__ import annotations

from datetime import UTC, datetime

import aiosqlite

from tests.conftest import FakeClock
from tests.journey import Journey

TIP = "I gave a pupil a job at the start of the day so arriving felt easier"


async def _tips(journey: Journey) -> list[tuple[str, str]]:
    async with aiosqlite.connect(journey.db) as conn, conn.execute("SELECT text, status FROM tips") as cur:
        return [(str(r[0]), str(r[1])) for r in await cur.fetchall()]


async def _cohorts(journey: Journey) -> tuple[int, int]:
    admin = journey.standin.user(1, "Admin")
    for name in ("Dundee", "Inverness"):
        await admin.send(f"/newcohort {name}")
        await admin.wait_for(f"<b>{name}</b>")
    async with journey.services.store.read() as tx:
        dundee, inverness = await tx.cohorts.all()
    await journey.enrol(31, code=dundee.invite_code, first_name="Morag")
    await journey.enrol(32, code=dundee.invite_code, first_name="Sam")
    await journey.enrol(41, code=inverness.invite_code, first_name="Ewan")
    return dundee.id, inverness.id


async def _finish_first_drop(journey: Journey, user_id: int) -> None:
    chat = journey.standin.user(user_id)
    await chat.wait_for("How confident do you feel?")
    await chat.press("2")
    await chat.press_data(await chat.wait_for("Card one of drop one."), "n:t1-d1-c1")
    await chat.press_data(await chat.wait_for("Card <b>two</b> of drop one."), "n:t1-d1-c2")
    await chat.wait_for("Which is right?")
    await chat.press("A")
    await chat.wait_for("Drop done")


async def _offer_and_publish(journey: Journey, dundee: int, text: str = TIP) -> None:
    author, admin = journey.standin.user(31), journey.standin.user(1)
    await author.press("💡 Share a tip with your cohort")
    await author.wait_for("one short thing")
    await author.send(text)
    await author.wait_for("Shall colleagues see")
    await author.press("With my first name (Morag)")
    preview = await author.wait_for("exactly what your cohort will see")
    assert f"“{text}” <i>— Morag</i>" in preview.text
    await author.press("✅ Offer it")
    await author.wait_for("goes to your coordinator")
    await admin.send(f"/tips {dundee}")
    await admin.wait_for(lambda m: "Offered" in m.text and text in m.text)
    await admin.press("✅ Publish")
    await admin.wait_for(lambda m: m.text.startswith("Published"))


async def test_a_tip_is_offered_screened_confirmed_approved_read_marked_useful_and_digested(
        journey: Journey, clock: FakeClock) -> None:
    dundee, _ = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    author, colleague, elsewhere = (journey.standin.user(u) for u in (31, 32, 41))

    await author.press("💡 Share a tip with your cohort")
    await author.wait_for("one short thing")
    await author.send("Jamie Robertson settled better when I gave him a job")
    await author.wait_for("might include someone's name")
    assert await _tips(journey) == []  # a flagged offer is never kept, so never published

    await author.send(TIP)
    await author.wait_for("Shall colleagues see")
    await author.press("With my first name (Morag)")
    await author.wait_for("exactly what your cohort will see")
    await author.press("✅ Offer it")
    await author.wait_for("goes to your coordinator")
    await colleague.send("/board")
    await colleague.wait_for("No tips yet")  # not until a coordinator approves it
    admin = journey.standin.user(1)
    await admin.send(f"/tips {dundee}")
    await admin.wait_for(lambda m: "Offered" in m.text and TIP in m.text)
    await admin.press("✅ Publish")
    await admin.wait_for(lambda m: m.text.startswith("Published"))
    await journey.drip()
    await author.wait_for("Your tip is now on your cohort's /board")

    await colleague.send("/board")
    board = await colleague.wait_for(lambda m: TIP in m.text)
    assert "Module 1: First things" in board.text and "— Morag" in board.text
    await colleague.press("👍 1 useful (0)", message=board)
    await colleague.wait_for(lambda m: "👍 1 useful (1)" in m.labels)
    await elsewhere.send("/board")
    assert TIP not in (await elsewhere.wait_for("Your cohort's board")).text  # tips stay in their cohort

    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))  # Tuesday, the colleague's morning break
    await journey.drip()
    digest = await colleague.wait_for("colleagues in your cohort tried this week")
    assert digest.text.startswith("📌 <b>One thing")
    await colleague.press("Read them", message=digest)
    await colleague.wait_for(lambda m: "this week" in m.text and TIP in m.text)
    assert not [m for m in author.messages if "tried this week" in m.text]  # not for their own tip
    clock.set(datetime(2026, 11, 25, 10, 30, tzinfo=UTC))
    await journey.drip()
    await colleague.send("/help")
    await colleague.wait_for("I send you short lessons")
    assert len([m for m in colleague.messages if "tried this week" in m.text]) == 1  # once a week


async def test_a_reported_tip_is_hidden_at_once_and_withdraw_and_forget_remove_tips(
        journey: Journey, clock: FakeClock) -> None:
    dundee, _ = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    await _offer_and_publish(journey, dundee)
    colleague, author = journey.standin.user(32), journey.standin.user(31)

    await colleague.send("/board")
    board = await colleague.wait_for(lambda m: TIP in m.text)
    await colleague.press("⚠️ Report 1", message=board)
    await colleague.wait_for(lambda m: "No tips yet" in m.text)  # the same message, redrawn
    await journey.drip()
    await journey.standin.user(1).wait_for("was reported and is hidden")
    await journey.standin.user(1).send(f"/tips {dundee}")
    await journey.standin.user(1).wait_for(lambda m: "Reported (hidden)" in m.text)
    await journey.standin.user(1).press("✅ Publish")  # the coordinator looked: it goes back
    await journey.standin.user(1).wait_for(lambda m: m.text.startswith("Published"))

    await author.send("/board")
    own = await author.wait_for(lambda m: TIP in m.text and "↩️ Withdraw 1" in m.labels)
    await author.press("↩️ Withdraw 1", message=own)
    await author.wait_for(lambda m: "No tips yet" in m.text)
    assert await _tips(journey) == []

    await author.press("💡 Share a tip with your cohort")
    await author.wait_for(lambda m: "one short thing" in m.text and m is author.messages[-1])
    await author.send("Two minutes of calm music before the register")
    await author.wait_for(lambda m: "Shall colleagues see" in m.text and m is author.messages[-1])
    await author.press("No name")
    await author.wait_for(lambda m: "calm music" in m.text)
    await author.press("✅ Offer it")
    await author.wait_for(lambda m: "goes to your coordinator" in m.text and m is author.messages[-1])
    await journey.standin.user(1).send(f"/tips {dundee}")
    await journey.standin.user(1).wait_for(lambda m: "calm music" in m.text)
    await journey.standin.user(1).press("✅ Publish")
    await journey.standin.user(1).wait_for(lambda m: m.text.startswith("Published") and "calm" in m.text)
    await colleague.send("/board")
    assert "— a colleague" in (await colleague.wait_for(lambda m: "calm music" in m.text)).text
    await author.send("/forget")
    await author.wait_for(lambda m: "Delete everything" in m.labels)
    await author.press("Delete everything")
    await author.wait_for("deleted")
    assert await _tips(journey) == []
    await colleague.send("/board")
    await colleague.wait_for("No tips yet")
