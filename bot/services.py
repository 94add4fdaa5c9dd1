"""What every handler and job borrows: the store, the course, the clock, the timing policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from bot.config import Settings
from bot.processes import Processes
from lessons.progress import CourseMap
from scheduler.timing import SlotTiming
from storage.store import Store


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The only place the wall clock is read."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class Services:
    store: Store
    course: CourseMap
    clock: Clock
    settings: Settings
    timing: SlotTiming
    bot_username: str = ""
    # Updates up to this id were fetched before this start and may come again (see bot.ptb.inbox).
    replay_boundary: int = 0
    # Exports and PDFs are made here, off the event loop (started on first use, closed with the store).
    processes: Processes = field(default_factory=Processes)
