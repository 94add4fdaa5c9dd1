"""The board as a coordinator sees it: the export, /stats, tips on a session's reminder, light edits."""

from __future__ import annotations

import csv
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

