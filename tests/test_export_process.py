"""Exports and PDFs are made in another process: the bot's own keeps answering, and a child that
dies costs the coordinator one kind "try again", nothing else."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.dashboard.guard import INIT_DATA_HEADER
from bot.processes import Processes
from bot.usecases import export_files
from bot.usecases.export import export
from tests.dashboard_kit import COORD_A, Desk, desk, init_data
from tests.journey import Journey

__all__ = ["desk"]
ADMIN = 1  # the journeys' admin (tests/journey.py)


class Watched(Processes):
    """The real pool, noting what it was given to run."""

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[Callable[..., Any]] = []

    async def run(self, work: Callable[..., Any], *args: Any) -> Any:
        self.ran.append(work)
        return await super().run(work, *args)


class Dying(Processes):
    """A pool whose every child dies at once, as one killed or out of memory would."""

    async def run(self, work: Callable[..., Any], *args: Any) -> Any:
        return await super().run(os._exit, 9)


async def test_work_runs_in_another_process_and_one_that_dies_is_replaced() -> None:
    processes = Processes()
    try:
        assert await processes.run(os.getpid) != os.getpid()
        with pytest.raises(BrokenProcessPool):
            await processes.run(os._exit, 9)
        assert await processes.run(os.getpid) != os.getpid()
    finally:
        await processes.close()


async def test_an_export_is_written_by_the_other_process(journey: Journey, tmp_path: Path) -> None:
    await journey.make_cohort()
    for uid in range(11, 17):
        await journey.enrol(uid)
    watched = journey.services.processes = Watched()
    try:
        written = await export(journey.services, ADMIN, 1, tmp_path / "out", workbook=True)
    finally:
        await watched.close()
    assert watched.ran == [export_files.write]
    assert set(written) == {*export_files.FILES, export_files.WORKBOOK}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(written)


async def _download(desk: Desk, name: str) -> tuple[int, str]:
    headers = {INIT_DATA_HEADER: init_data(COORD_A, desk.journey.clock.now())}
    async with aiohttp.ClientSession() as http, http.get(
            f"{desk.url}/cohorts/{desk.a}/export/{name}", headers=headers) as response:
        return response.status, (await response.read()).decode("utf-8", "replace")


async def _audited(desk: Desk) -> int:
    async with desk.journey.services.store.read() as tx, tx.conn.execute(
            "SELECT count(*) FROM audit WHERE action = 'export'") as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def test_an_export_whose_process_dies_gets_a_kind_reply_and_the_next_one_goes_through(
        desk: Desk, caplog: pytest.LogCaptureFixture) -> None:
    services = desk.journey.services
    async with services.store.transaction() as tx:
        await tx.progress.save_reflection(11, "m1-d1-f1", "feedback", "Ailsa's class went well",
                                          services.clock.now())
    working, services.processes = services.processes, Dying()
    caplog.set_level(logging.INFO)
    for name in ("export.xlsx", "feedback.csv"):
        status, page = await _download(desk, name)
        assert status == 503 and "didn't go through" in page and "Nothing was changed or lost" in page
    assert "did not go through: BrokenProcessPool" in caplog.text and "Ailsa" not in caplog.text
    assert await _audited(desk) == 0  # nothing was exported, so nothing says it was
    await services.processes.close()
    services.processes = working
    status, page = await _download(desk, "feedback.csv")
    assert status == 200 and "Ailsa's class went well" in page
    assert await _audited(desk) == 1


def test_a_big_workbook_written_row_by_row_keeps_typed_formulas_as_text(tmp_path: Path) -> None:
    import stat
    import zipfile

    from bot.usecases.tables import write_workbook

    typed = ['=HYPERLINK("http://example.invalid","Click")', "@SUM(A1)", "Ëilidh's plain thoughts"]
    write_workbook(tmp_path / "big.xlsx", {"reflections": (["learner", "reflection"],
                                                         [["L-1", text] for text in typed])}, streaming=True)
    assert stat.S_IMODE((tmp_path / "big.xlsx").stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["big.xlsx"]  # its temporary files are gone
    with zipfile.ZipFile(tmp_path / "big.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and 't="inlineStr"' in sheet
    assert '<t>=HYPERLINK("http://example.invalid","Click")</t>' in sheet
    assert "Ëilidh's plain thoughts" in sheet


async def test_the_other_process_gives_way_to_the_bot() -> None:
    processes = Processes()
    try:
        assert await processes.run(os.nice, 0) == min(os.nice(0) + 10, 19)  # 19 is the lowest
    finally:
        await processes.close()
