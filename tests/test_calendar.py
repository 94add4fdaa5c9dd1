"""Cohort calendars: set in chat or imported at the desk; in-service days bring a longer session."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.desk.cli import main
from scheduler.cohort_calendar import parse
from tests.conftest import FakeClock
from tests.journey import Journey

GOOD = """terms:
  - {start: 2026-08-18, end: 2026-12-18}
holidays:
  - {start: 2026-10-12, end: 2026-10-16, name: October week}
in_service: [2026-11-25]
"""


def test_a_calendar_file_is_checked_with_one_line_per_problem() -> None:
    calendar, problems = parse(GOOD)
    assert calendar is not None and problems == [] and len(calendar.in_service) == 1
    _, problems = parse("holidays:\n  - {start: 2026-10-16, end: 2026-10-12}\nbreaks: []\n")
    assert any("ends (2026-10-12) before it starts" in p for p in problems)
    assert any(p.startswith("breaks") for p in problems)


def test_import_at_the_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KTP_DATABASE", str(tmp_path / "db.sqlite3"))
    assert main(["cohort", "create", "Dundee"]) == 0
    (tmp_path / "cal.yaml").write_text(GOOD)
    assert main(["calendar", "import", "1", str(tmp_path / "cal.yaml")]) == 0
    assert "1 terms, 1 holidays, 1 in-service days" in capsys.readouterr().out


async def test_in_service_morning_offers_a_longer_session_back_to_back(
        journey: Journey, clock: FakeClock) -> None:
    admin = journey.standin.user(1, "Admin")
    await admin.send("/newcohort Dundee")
    await admin.wait_for("<b>Dundee</b>")
    async with journey.services.store.read() as tx:
        (cohort,) = await tx.cohorts.all()
    await admin.send(f"/calendar {cohort.id}\n{GOOD}")
    shown = await admin.wait_for("In-service days: 2026-11-25")
    assert "October week" in shown.text
    await journey.enrol(81, code=cohort.invite_code)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(81, next_due_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC))
    clock.set(datetime(2026, 11, 25, 9, 30, tzinfo=UTC))  # Wednesday, an in-service day
    await journey.drip()
    chat = journey.standin.user(81)
    offer = await chat.wait_for("It's an in-service day")
    await chat.press("Three drops now", message=offer)
    await chat.wait_for("How confident do you feel?")
    await chat.press("3")
    for expected, label in (("Card one of drop one.", "Next ›"), ("Card <b>two</b>", "Next ›"),
                            ("Which is right?", "A")):
        await chat.wait_for(expected)
        await chat.press(label)
    following = await chat.wait_for("Here's the next one.")
    assert "Card one of drop two." in following.text  # the drop's end and the next card, one message


async def test_calendar_in_chat_refuses_others_and_reports_bad_dates(journey: Journey) -> None:
    admin = journey.standin.user(1, "Admin")
    await admin.send("/newcohort Dundee")
    await admin.wait_for("<b>Dundee</b>")
    await admin.send("/calendar 1\nholidays:\n  - {start: 2026-10-16, end: 2026-10-12}")
    await admin.wait_for("I couldn't use those dates")
    learner = journey.standin.user(82)
    await learner.send(f"/calendar 1\n{GOOD}")
    await learner.wait_for("only for the coordinators")
