"""`ktp-bot try` driven as a person would: lines typed in, the chat read back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import aiosqlite


def _try(tmp_path: Path, lines: list[str], course: Path | None = None) -> str:
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("KTP_BOT_TOKEN", None)
    if course is not None:
        env["KTP_COURSE_DIR"] = str(course)
    result = subprocess.run(
        [sys.executable, "-m", "bot.desk.cli", "try", "--db", str(tmp_path / "try.sqlite3")],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_a_person_joins_learns_reflects_and_waits_for_the_next_drop(tmp_path: Path) -> None:
    out = _try(tmp_path, [
        "1",                    # I agree
        "2",                    # Pupil support assistant
        "1", "5",               # Morning break, Done (4 is a time of their own)
        "6",                    # weekdays: Done
        "1",                    # first drop now
        "4", "3",               # two confidence ratings
        "1", "1",               # Next, Next
        "1",                    # quiz: A (wrong)
        "/next", "1", "1", "2",  # drop 2: two cards and the right answer, B
        "/next", "1", "1",      # drop 3: two cards, then a reflective prompt
        "I will ask my line manager about the school's Promise plans.",
        ":wait monday 10:30",   # the next drop arrives at the chosen break
        ":quit",
    ], course=None)
    order = ["Before you start: your privacy", "Which best describes your role?",
             "When do a few minutes usually suit you?", "Which days are you usually in school?",
             "first drop now", "How confident do you feel?", "This short course is for pupil support",
             "What did many pupil support staff say", "Not quite: A", "Drop done",
             "What \"care-experienced\" means", "Yes, B.", "The Promise came from",
             "Reflect", "Please don't name or identify a child", "Saved to your journal",
             "time moves on to Monday", "Five people you'll meet", "Goodbye"]
    positions = [out.find(text) for text in order]
    assert -1 not in positions, [t for t, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "[1] Next ›" in out and "<b>" not in out


async def test_the_try_out_keeps_its_database_when_asked(tmp_path: Path) -> None:
    _try(tmp_path, ["1", "2", "1", "5", "6", "1", "3", ":quit"])
    async with aiosqlite.connect(tmp_path / "try.sqlite3") as conn, conn.execute(
            "SELECT role, status FROM learners") as cur:
        assert [tuple(r) for r in await cur.fetchall()] == [("psa", "active")]


def test_unreadable_waits_get_a_hint(tmp_path: Path) -> None:
    out = _try(tmp_path, [":wait someday", ":nonsense", ":quit"])
    assert "try 2h, 45m, tomorrow 10:30" in out
    assert "unknown command" in out


def test_the_coordinator_try_out_has_the_coordinator_commands(tmp_path: Path) -> None:
    env_lines = ["/newcohort Practice cohort", "/cohorts", "/stats 1", ":quit"]
    out = _try_as(tmp_path, env_lines, "coordinator")
    assert "Invite link: https://t.me/keepthepromise_try_bot?start=" in out
    assert "Practice cohort" in out and "picture" in out
    # The try-out cohort has made-up learners, so the coordinator sees real-looking figures.
    assert "Enrolled: 12" in out and "Reflections written: 0" not in out


def _try_as(tmp_path: Path, lines: list[str], role: str) -> str:
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot.desk.cli", "try", "--as", role],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout
