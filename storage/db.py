"""One SQLite database: a single writer connection behind a lock, explicit short transactions."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Generator, Iterable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import aiosqlite

from storage.checkpoints import Checkpointer
from storage.migrations import MIGRATIONS, migrate


def iso(moment: datetime) -> str:
    """A UTC-aware datetime as sortable text; naive datetimes are a bug and are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


# Statements whose rows are wanted; the rest report only rowcount and lastrowid.
_RETURNS_ROWS = re.compile(r"^\s*(SELECT|WITH|PRAGMA|VALUES|EXPLAIN)\b|\bRETURNING\b", re.IGNORECASE)


class Result:
    """A statement's outcome, rows included, fetched in the one trip to the database thread."""

    __slots__ = ("lastrowid", "rowcount", "rows")

    def __init__(self, rows: list[aiosqlite.Row], rowcount: int = -1, lastrowid: int | None = None) -> None:
        self.rows, self.rowcount, self.lastrowid = rows, rowcount, lastrowid

    async def fetchone(self) -> aiosqlite.Row | None:
        return self.rows[0] if self.rows else None

    async def fetchall(self) -> list[aiosqlite.Row]:
        return self.rows

    def __aiter__(self) -> AsyncIterator[aiosqlite.Row]:
        return self._iterate(iter(self.rows))

    @staticmethod
    async def _iterate(rows: Iterator[aiosqlite.Row]) -> AsyncIterator[aiosqlite.Row]:
        for row in rows:
            yield row


class Statement:
    """`await conn.execute(...)` or `async with conn.execute(...) as result:`, either way one trip."""

    __slots__ = ("_run",)

    def __init__(self, run: Awaitable[Result]) -> None:
        self._run = run

    def __await__(self) -> Generator[Any, None, Result]:
        return self._run.__await__()

    async def __aenter__(self) -> Result:
        return await self._run

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        return None


class Conn:
    """The connection as the repositories use it: each statement is one trip to SQLite's thread.

    aiosqlite runs every call on its own thread, and each trip costs about as much as a simple
    query; its usual `async with execute() as cursor: await cursor.fetchone()` makes three. Here a
    query and its rows come back together, and a write brings back its rowcount and lastrowid.
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Statement:
        return Statement(self._execute(sql, tuple(params)))

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> Statement:
        return Statement(self._executemany(sql, rows))

    async def _execute(self, sql: str, params: tuple[Any, ...]) -> Result:
        if _RETURNS_ROWS.search(sql):
            return Result(list(await self.raw.execute_fetchall(sql, params)))
        cursor = await self.raw.execute(sql, params)
        return Result([], cursor.rowcount, cursor.lastrowid)

    async def _executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> Result:
        cursor = await self.raw.executemany(sql, rows)
        return Result([], cursor.rowcount, cursor.lastrowid)


class Database:
    """The writer connection; every transaction is BEGIN IMMEDIATE and holds the lock."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self._sql = Conn(conn)
        self._lock = asyncio.Lock()
        self.path = path
        self.longest_hold = 0.0  # seconds: the longest any transaction has held the write lock
        self._reader: aiosqlite.Connection | None = None
        self.checkpoints = Checkpointer(path)

    @classmethod
    async def open(cls, path: Path) -> Database:
        """Open (creating it readable by its owner only) and migrate to the latest schema."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await migrate(conn, MIGRATIONS)
            await conn.execute("PRAGMA wal_autocheckpoint=0")  # checkpoints run off the writer's path
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    async def close(self) -> None:
        async with self._lock:
            if self._reader is not None:
                await self._reader.close()
            await self.checkpoints.close()
            await self._conn.close()

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[Conn]:
        """A read-only connection of its own (WAL lets it read while the writer writes), for long
        reads (/stats, exports, /mydata) that must not hold everyone else's statements back."""
        if self._reader is None:
            reader = await aiosqlite.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
            reader.row_factory = aiosqlite.Row
            await reader.execute("PRAGMA busy_timeout=5000")
            self._reader = reader
        yield Conn(self._reader)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Conn]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            began = time.perf_counter()
            try:
                yield self._sql
                await self._conn.commit()  # a full disk can refuse the commit itself
                self.checkpoints.after_commit()
            except BaseException:
                if self._conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        await self._conn.rollback()
                raise
            finally:
                self.longest_hold = max(self.longest_hold, time.perf_counter() - began)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Conn]:
        """The connection for reads that need no transaction (each statement sees committed data)."""
        async with self._lock:
            yield self._sql

    async def backup(self, target: Path) -> None:
        """Copy the live database with SQLite's online backup."""
        async with self._lock:
            dest = await aiosqlite.connect(target)
            try:
                await self._conn.backup(dest)
            finally:
                await dest.close()
        os.chmod(target, 0o600)
