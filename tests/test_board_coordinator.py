"""The board as a coordinator sees it: the export, /stats, tips on a session's reminder, light edits."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.usecases.export import export
from tests.conftest import FakeClock
from tests.journey import Journey
from tests.test_board import TIP, _cohorts, _finish_first_drop, _offer_and_publish

ADMIN = 1


async def test_the_export_carries_published_tips_without_their_authors(
        journey: Journey, clock: FakeClock, tmp_path: Path) -> None:
    dundee, _ = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    await _offer_and_publish(journey, dundee)
    colleague = journey.standin.user(32)
    await colleague.send("/board")
    await colleague.press("👍 1 useful (0)", message=await colleague.wait_for(lambda m: TIP in m.text))
    await colleague.wait_for(lambda m: "👍 1 useful (1)" in m.labels)

    await export(journey.services, ADMIN, dundee, tmp_path)
    raw = (tmp_path / "tips.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(raw.splitlines()))
    assert [(r["tip"], r["useful"]) for r in rows] == [(TIP, "1")]
    assert rows[0]["module"] and rows[0]["published"] == f"{clock.now():%Y-%m-%d}"
    assert "Morag" not in raw and "L-" not in raw  # neither the name shown nor a pseudonym


async def test_stats_carries_the_board_counts_with_the_small_number_rule(
        journey: Journey, clock: FakeClock) -> None:
    dundee, inverness = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    await _offer_and_publish(journey, dundee)
    admin = journey.standin.user(ADMIN)
    await admin.send(f"/stats {dundee}")
    stats = await admin.wait_for(lambda m: "Enrolled" in m.text and "Practice board" in m.text)
    assert "Module 1: First things</b>: offered too few to show, published too few to show" in stats.text
    await admin.send(f"/stats {inverness}")
    await admin.wait_for(lambda m: "Enrolled" in m.text and "No tips offered yet." in m.text)


STARTS = datetime(2026, 12, 3, 15, 45, tzinfo=UTC)


async def test_a_reminder_carries_the_themes_most_useful_tips_and_an_answer_after_it_becomes_an_offer(
        journey: Journey, clock: FakeClock) -> None:
    dundee, _ = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    await _offer_and_publish(journey, dundee)
    admin, learner = journey.standin.user(ADMIN), journey.standin.user(32)
    await admin.send(f"/addevent {dundee} | Online practice-sharing | online | 2026-12-03 15:45 | "
                     "2026-12-03 17:00 | https://meet.example/ktp")
    await admin.wait_for("Added: Online practice-sharing")
    async with journey.services.store.read() as tx:
        (event,) = await tx.events.upcoming(clock.now())
    await admin.send(f"/eventtips {event.id} 9")
    await admin.wait_for("Which event and which module?")
    await admin.send(f"/eventtips {event.id} 1")
    told = await admin.wait_for("Bring one of these to talk about")
    assert TIP in told.text and "Module 1" in told.text

    clock.set(STARTS - timedelta(days=7))
    await journey.drip()
    reminder = await learner.wait_for("Coming up")
    assert "Bring one of these to talk about" in reminder.text and f"“{TIP}”" in reminder.text
    await learner.press("Going", message=reminder)
    await learner.wait_for(lambda m: "You said: going ✅" in m.text)

    clock.set(STARTS + timedelta(hours=2))
    await journey.drip()
    await learner.press("Yes, I went", message=await learner.wait_for("Did you manage to attend?"))
    await learner.wait_for("What is one thing from the session you'll try")
    await learner.send("A quiet job for a pupil who arrives worried")
    saved = await learner.wait_for("saved as feedback")
    await learner.press("💡 Share it with your cohort as a tip", message=saved)
    await learner.wait_for("Shall colleagues see")
    await learner.press("No name")
    preview = await learner.wait_for("exactly what your cohort will see")
    assert "A quiet job for a pupil who arrives worried" in preview.text
    await learner.press("✅ Offer it")
    await learner.wait_for("goes to your coordinator")
    await admin.send(f"/tips {dundee}")
    await admin.wait_for(lambda m: "Offered" in m.text and "quiet job" in m.text)


async def test_reminders_carry_no_tips_until_a_coordinator_attaches_them(
        journey: Journey, clock: FakeClock) -> None:
    dundee, _ = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    await _offer_and_publish(journey, dundee)
    admin = journey.standin.user(ADMIN)
    await admin.send(f"/addevent {dundee} | Online practice-sharing | online | 2026-12-03 15:45 | "
                     "2026-12-03 17:00 | https://meet.example/ktp")
    await admin.wait_for("Added: Online practice-sharing")
    async with journey.services.store.read() as tx:
        (event,) = await tx.events.upcoming(clock.now())
    await admin.send(f"/eventtips {event.id} 1")
    await admin.wait_for("Bring one of these")
    await admin.send(f"/eventtips {event.id} off")
    await admin.wait_for("carry no tips now")
    clock.set(STARTS - timedelta(days=7))
    await journey.drip()
    assert "Bring one of these" not in (await journey.standin.user(32).wait_for("Coming up")).text


async def _offer(journey: Journey, text: str) -> None:
    author = journey.standin.user(31)
    await author.press("💡 Share a tip with your cohort")
    await author.wait_for(lambda m: "one short thing" in m.text and m is author.messages[-1])
    await author.send(text)
    await author.wait_for(lambda m: "Shall colleagues see" in m.text and m is author.messages[-1])
    await author.press("No name")
    await author.wait_for(lambda m: text in m.text and "exactly what" in m.text)
    await author.press("✅ Offer it")
    await author.wait_for(lambda m: "goes to your coordinator" in m.text and m is author.messages[-1])


async def _suggest(journey: Journey, dundee: int, original: str, wording: str) -> None:
    admin = journey.standin.user(ADMIN)
    await admin.send(f"/tips {dundee}")
    offered = await admin.wait_for(lambda m: "Offered" in m.text and original in m.text)
    await admin.press("✏️ Suggest a wording", message=offered)
    await admin.wait_for("a light edit of the author's words")
    await admin.send("Jamie Robertson liked a job at the start of the day")
    await admin.wait_for("might include someone's name")  # the coordinator's words are screened too
    await admin.send(wording)
    await admin.wait_for(lambda m: "Sent to the author" in m.text and wording in m.text)
    await journey.drip()


async def test_a_coordinators_lighter_wording_is_published_only_when_its_author_agrees(
        journey: Journey, clock: FakeClock) -> None:
    dundee, _ = await _cohorts(journey)
    await journey.drip()
    await _finish_first_drop(journey, 31)
    author, colleague, admin = journey.standin.user(31), journey.standin.user(32), journey.standin.user(ADMIN)
    await _offer(journey, "gave pupil a job start of day, arriving easier!!")
    edited = "I gave a pupil a job at the start of the day, so arriving felt easier"
    await _suggest(journey, dundee, "gave pupil a job", edited)
    ask = await author.wait_for("suggests a lighter wording")
    assert "gave pupil a job start of day" in ask.text and edited in ask.text
    await colleague.send("/board")
    await colleague.wait_for("No tips yet")  # nothing is published until the author agrees
    await author.press("✅ Publish it like this", message=ask)
    await author.wait_for("Published as suggested")
    await colleague.send("/board")
    board = await colleague.wait_for(lambda m: edited in m.text)
    assert "arriving easier!!" not in board.text

    await _offer(journey, "Two minutes of calm music before the register")
    await _suggest(journey, dundee, "calm music", "Calm music for two minutes before the register")
    ask = await author.wait_for(lambda m: "suggests a lighter wording" in m.text and "calm music" in m.text)
    await author.press("↩️ Keep my words", message=ask)
    await author.wait_for("Kept in your own words")
    await admin.send(f"/tips {dundee}")
    back = await admin.wait_for(lambda m: "Offered" in m.text and "calm music" in m.text)
    assert "“Two minutes of calm music before the register”" in back.text and "waiting for" not in back.text
    await admin.press("✅ Publish", message=back)
    await admin.wait_for(lambda m: m.text.startswith("Published") and "Two minutes" in m.text)
