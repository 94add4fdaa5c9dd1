"""/share is a choice made knowingly; the notice says what a coordinator reads of free text."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.usecases.export import export
from bot.usecases.terms import PRIVACY_VERSION
from tests.conftest import FakeClock
from tests.journey import Journey

ADMIN = 1  # the journeys' admin (tests/journey.py)


async def _reflections_csv(journey: Journey, folder: Path) -> list[str]:
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(91)
    assert learner is not None and learner.cohort_id is not None
    await export(journey.services, ADMIN, learner.cohort_id, folder)
    with (folder / "reflections.csv").open(encoding="utf-8-sig") as f:
        return [row[2] for row in list(csv.reader(f))[1:]]


async def test_share_shows_what_would_be_shared_asks_and_can_be_undone(
        journey: Journey, clock: FakeClock, tmp_path: Path) -> None:
    await journey.enrol(91)
    async with journey.services.store.transaction() as tx:
        await tx.progress.save_reflection(91, "t1-d2-r1", "reflect", "A calm corner helps.", clock.now())
        await tx.progress.save_reflection(91, "t1-d3-r1", "reflect", "Worried words.", clock.now(),
                                          flagged=True)
    chat = journey.standin.user(91)
    await chat.send("/share")
    offer = await chat.wait_for("If you share")
    assert "1 reflection(s)" in offer.plain and "from: Thinking." in offer.plain
    assert await _reflections_csv(journey, tmp_path / "before") == []  # nothing until they agree
    await chat.press("Yes, share them", message=offer)
    await chat.wait_for("Your coordinator can now read your reflections")
    assert await _reflections_csv(journey, tmp_path / "on") == ["A calm corner helps."]
    await chat.send("/share off")
    await chat.wait_for("Your reflections are private to you again")
    assert await _reflections_csv(journey, tmp_path / "off") == []


async def test_not_now_changes_nothing(journey: Journey, tmp_path: Path) -> None:
    await journey.enrol(91)
    chat = journey.standin.user(91)
    await chat.send("/share")
    offer = await chat.wait_for("You have no reflections to share yet")
    await chat.press("Not now", message=offer)
    await chat.wait_for("Nothing changed")
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(91)
    assert learner is not None and not learner.share_reflections


async def test_the_renewed_notice_says_what_a_coordinator_reads_and_is_asked_before_the_next_drop(
        journey: Journey) -> None:
    await journey.enrol(92)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(92, consent_version="2026-11b")  # the notice before this change
    report, _ = await journey.drip()
    assert report.drops == 0 and PRIVACY_VERSION != "2026-11b"
    notice = await journey.standin.user(92).wait_for("Our privacy notice has changed")
    for line in ("reflections: only if you choose to with /share, never one you kept privately",
                 "end-of-module feedback: yes, everyone's, in the cohort's export under a code",
                 "what you'll try after a session: yes, in the cohort's export under a code"):
        assert line in notice.plain
