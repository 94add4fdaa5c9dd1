"""Shared fixtures: a fake clock, a tiny course, a temporary database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from lessons.models import Course, Module
from storage.store import Store

if TYPE_CHECKING:
    from tests.journey import Journey

FIXTURES = Path(__file__).parent / "fixtures"


class FakeClock:
    """Time that moves only when a test moves it."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("naive datetime")
        self.moment = start

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> datetime:
        self.moment += delta
        return self.moment

    def set(self, moment: datetime) -> datetime:
        assert moment >= self.moment, "time only moves forward"
        self.moment = moment
        return moment


def tiny_course() -> Course:
    """The test course, built from the models alone (it is too small for the course rules)."""
    folder = FIXTURES / "tiny"
    meta = yaml.safe_load((folder / "course.yaml").read_text())
    modules = [Module.model_validate(yaml.safe_load(p.read_text()))
               for p in sorted(folder.glob("module-*.yaml"))]
    return Course.model_validate({**meta, "modules": modules})


@pytest.fixture
def clock() -> FakeClock:
    # Monday 2026-11-23, 09:00 in London (GMT).
    return FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "test.sqlite3")
    yield opened
    await opened.close()


@pytest.fixture
async def journey(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Journey]:
    """The real bot on the tiny course, polling a fresh stand-in, on the fake clock."""
    from standin import StandIn
    from tests.journey import TOKEN, Journey

    async with StandIn(token=TOKEN) as standin:
        trip = Journey(standin, tmp_path / "bot.sqlite3", clock, tiny_course())
        await trip.start()
        try:
            yield trip
        finally:
            await trip.stop()
