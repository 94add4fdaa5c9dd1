"""A clock that can be moved on: `ktp-bot try` lets a person skip ahead to their next break."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class MovableClock:
    """Real time plus an offset the person has asked to skip."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def skip(self, delta: timedelta) -> datetime:
        if delta < timedelta():
            raise ValueError("time only moves forward")
        self.offset += delta
        return self.now()
