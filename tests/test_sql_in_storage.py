"""All SQL lives in storage/: the rest of the bot asks repositories, and each rule is written once."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(r"\b(SELECT .+ FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|\.conn\.execute|\baiosqlite\b")


def _python(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_no_module_outside_storage_holds_sql() -> None:
    found = [f"{p.relative_to(ROOT)}:{n}" for folder in ("bot", "scheduler", "lessons")
             for p in _python(folder) for n, line in enumerate(p.read_text().splitlines(), 1)
             if SQL.search(line)]
    assert found == []


def test_who_a_cohort_message_reaches_and_a_learners_calendar_are_each_decided_once() -> None:
    code = {p: p.read_text() for folder in ("bot", "scheduler", "storage") for p in _python(folder)}
    reachable = [p for p, text in code.items() if re.search(r"""['"]unreachable['"],\s*['"]joining""", text)]
    calendar = [p for p, text in code.items() if re.search(r"\.calendar if \w+ else \{\}", text)]
    assert [p.name for p in reachable] == ["learners.py"]
    assert [p.name for p in calendar] == ["cohorts.py"]
