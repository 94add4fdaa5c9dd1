"""A coordinator's export opens safely in a spreadsheet and is readable by its owner only."""

from __future__ import annotations

import asyncio
import csv
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.desk.cli import main
from storage.store import Store

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
TYPED = ['=HYPERLINK("http://example.invalid","Click")', "+44 7700 900123", "-2+3", "@SUM(A1)",
         "\tindented", "\rreturn", "Ëilidh's plain thoughts"]


async def _fill(path: Path) -> None:
    store = await Store.open(path)
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("Dundee", NOW)
        await tx.learners.create(11, 11, "Ëilidh", cohort.id, NOW)
        await tx.learners.update(11, status="active", share_reflections=True)
        for number, text in enumerate(TYPED):
            await tx.progress.save_reflection(11, f"m1-d{number}-r1", "reflect", text, NOW)
    await store.close()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "desk.sqlite3"
    monkeypatch.setenv("KTP_DATABASE", str(path))
    asyncio.run(_fill(path))
    return path


def test_csv_has_a_byte_order_mark_and_no_cell_starts_a_formula(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "dundee"
    assert main(["export", "--cohort", "1", "--out", str(out)]) == 0
    data = (out / "reflections.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with (out / "reflections.csv").open(encoding="utf-8-sig", newline="") as f:
        cells = sorted(r["reflection"] for r in csv.DictReader(f))
    assert cells == sorted(["'" + t for t in TYPED[:-1]] + [TYPED[-1]])


def test_export_files_and_folders_are_the_owners_only(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "dundee"
    assert main(["export", "--cohort", "1", "--out", str(out), "--xlsx"]) == 0
    for folder in (out, out.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(p.name for p in out.iterdir())
    assert "export.xlsx" in files and "reflections.csv" in files
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o600}
    (out / "answers.csv").chmod(0o644)  # a file left by an older export is made private again
    assert main(["export", "--cohort", "1", "--out", str(out)]) == 0
    assert stat.S_IMODE((out / "answers.csv").stat().st_mode) == 0o600


def test_the_workbook_keeps_typed_formulas_as_text(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["export", "--cohort", "1", "--out", str(out), "--xlsx"]) == 0
    with zipfile.ZipFile(out / "export.xlsx") as book:
        names = book.namelist()
        sheets = "".join(book.read(n).decode() for n in names if n.startswith("xl/worksheets/"))
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "xl/worksheets/sheet5.xml" in names and "<f>" not in sheets
    assert "<t>=HYPERLINK(\"http://example.invalid\",\"Click\")</t>" in strings
    assert "Ëilidh's plain thoughts" in strings
