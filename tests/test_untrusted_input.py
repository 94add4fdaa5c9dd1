"""YAML and names that people type or paste: bounded, refused in one plain line, never a crash."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.desk.cli import main
from storage.store import Store
from tests.journey import Journey

_LOL = '["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
LAUGHS = f"a: &a {_LOL}\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True))


def test_billion_laughs_is_small_and_refused_at_the_desk_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KTP_DATABASE", str(tmp_path / "db.sqlite3"))
    assert main(["cohort", "create", "Dundee"]) == 0
    capsys.readouterr()
    (tmp_path / "laughs.yaml").write_text(LAUGHS)
    assert len(LAUGHS.encode()) < 700
    for command in (["calendar", "import"], ["events", "import"]):
        began = time.monotonic()
        assert main([*command, "1", str(tmp_path / "laughs.yaml")]) == 1
        assert time.monotonic() - began < 1
        out = capsys.readouterr().out
        assert "anchors and aliases" in out and len(out.strip().splitlines()) <= 2


def test_a_huge_yaml_file_is_refused_without_reading_it_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KTP_DATABASE", str(tmp_path / "db.sqlite3"))
    assert main(["cohort", "create", "Dundee"]) == 0
    (tmp_path / "big.yaml").write_text("- {title: x, kind: online}\n" * 100_000)
    assert main(["events", "import", "1", str(tmp_path / "big.yaml")]) == 1
    assert "too long: at most 64 KB" in capsys.readouterr().out


def test_event_times_with_a_utc_offset_are_that_instant(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KTP_DATABASE", str(tmp_path / "db.sqlite3"))
    assert main(["cohort", "create", "Dundee"]) == 0
    (tmp_path / "events.yaml").write_text(
        "- {title: Abroad, kind: online, start: 2026-12-03T09:00:00+02:00,"
        " end: '2026-12-03T10:00:00+02:00'}\n"
        "- {title: Here, kind: online, start: '2026-12-03 09:00', end: '2026-12-03 10:00'}\n")
    assert main(["events", "import", "1", str(tmp_path / "events.yaml")]) == 0
    starts = asyncio.run(_starts(tmp_path / "db.sqlite3"))
    assert starts == {"Abroad": datetime(2026, 12, 3, 7, 0, tzinfo=UTC),
                      "Here": datetime(2026, 12, 3, 9, 0, tzinfo=UTC)}  # London is on GMT in December


async def _starts(db: Path) -> dict[str, datetime]:
    store = await Store.open(db)
    async with store.read() as tx:
        events = await tx.events.upcoming(datetime(2026, 1, 1, tzinfo=UTC))
    await store.close()
    return {e.title: e.starts_at.astimezone(UTC) for e in events}


async def test_billion_laughs_pasted_in_chat_is_refused(journey: Journey) -> None:
    admin = journey.standin.user(1, "Admin")
    await admin.send("/newcohort Dundee")
    await admin.wait_for("<b>Dundee</b>")
    began = time.monotonic()
    await admin.send(f"/calendar 1\n{LAUGHS}")
    refusal = await admin.wait_for("I couldn't use those dates")
    assert "anchors and aliases" in refusal.text and time.monotonic() - began < 1


async def test_a_time_zone_name_of_3000_characters_is_an_unknown_zone(journey: Journey) -> None:
    await journey.enrol(81)
    chat = journey.standin.user(81)
    await chat.send("/settings")
    shown = await chat.wait_for("Your settings")
    await chat.press("🌍 Time zone", message=shown)
    await chat.wait_for("Send your time zone")
    await chat.send("Europe/" + "x" * 3000)
    await chat.wait_for("I don't know that time zone")
    await chat.send("Europe/Dublin")
    await chat.wait_for("Time zone: Europe/Dublin")
