"""Issued certificates: one per learner, found by its number for anyone checking it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from storage.db import Conn, iso


@dataclass(frozen=True)
class Certificate:
    number: str
    user_id: int
    name: str
    course: str
    completed_on: date
    minutes: float


_COLUMNS = "number, user_id, name, course, completed_on, minutes"


def _row(row: tuple[object, ...]) -> Certificate:
    return Certificate(str(row[0]), int(str(row[1])), str(row[2]), str(row[3]),
                       date.fromisoformat(str(row[4])), float(str(row[5])))


class Certificates:
    """Certificate rows; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def of_learner(self, user_id: int) -> Certificate | None:
        async with self.conn.execute(
                f"SELECT {_COLUMNS} FROM certificates WHERE user_id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        return _row(tuple(row)) if row else None

    async def by_number(self, number: str) -> Certificate | None:
        async with self.conn.execute(
                f"SELECT {_COLUMNS} FROM certificates WHERE number = ?", (number,)) as cur:
            row = await cur.fetchone()
        return _row(tuple(row)) if row else None

    async def issue(self, certificate: Certificate, now: datetime) -> None:
        """Keep a new certificate, or the learner's new name on the one they have (same number)."""
        await self.conn.execute(
            f"INSERT INTO certificates ({_COLUMNS}, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name",
            (certificate.number, certificate.user_id, certificate.name, certificate.course,
             certificate.completed_on.isoformat(), certificate.minutes, iso(now)))
