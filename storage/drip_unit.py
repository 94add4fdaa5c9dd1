"""One drip tick's storage work: claim due learners with their facts, then write every plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from storage.db import iso
from storage.learners import Learner
from storage.outbox import Message
from storage.tx import Tx


class Addressee(Protocol):
    @property
    def user_id(self) -> int: ...
    @property
    def chat_id(self) -> int: ...


@dataclass(frozen=True)
class DueLearner:
    """A claimed learner and the facts the drip plans from (satisfies scheduler's LearnerFacts)."""

    learner: Learner
    completed: frozenset[str]
    delivered: tuple[datetime, ...]
    calendar: dict[str, Any]
    nudges: tuple[datetime, ...] = ()
    digests: tuple[datetime, ...] = ()  # weekly board digests sent in the last week
    fresh_tips: int = 0  # colleagues' tips published in the cohort in the last week
    offered: frozenset[str] = frozenset()  # every drop ever delivered to them, finished or not


class Plan(Protocol):
    """What the drip decided for one learner (scheduler.ports.Planned fits)."""

    @property
    def learner(self) -> Addressee: ...
    @property
    def message(self) -> tuple[str, Message] | None: ...
    @property
    def also(self) -> tuple[str, Message] | None: ...
    @property
    def start(self) -> tuple[str, str] | None: ...
    @property
    def due(self) -> datetime | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def asks_pause(self) -> bool: ...
    @property
    def pauses_quietly(self) -> bool: ...
    @property
    def asks_back(self) -> bool: ...


class DripUnitSQL(Tx):
    """One tick's storage work in a few set-based statements (satisfies scheduler's DripUnit)."""

    async def claim_due(self, now: datetime, limit: int, lease: timedelta,
                        since: datetime) -> list[DueLearner]:
        learners = await self.learners.claim_due(now, limit, lease)
        ids = [learner.user_id for learner in learners]
        completed: dict[int, set[str]] = {uid: set() for uid in ids}
        delivered: dict[int, list[datetime]] = {uid: [] for uid in ids}
        offered: dict[int, set[str]] = {uid: set() for uid in ids}
        marks, recent = ",".join("?" * len(ids)), iso(since)
        if ids:
            async with self.conn.execute(
                f"SELECT user_id, drop_id, delivered_at, completed_at FROM drop_progress"
                f" WHERE user_id IN ({marks})", ids,
            ) as cur:
                async for uid, drop_id, delivered_at, completed_at in cur:
                    offered[uid].add(drop_id)
                    if completed_at is not None:
                        completed[uid].add(drop_id)
                    if delivered_at >= recent:
                        delivered[uid].append(datetime.fromisoformat(delivered_at))
        nudges: dict[int, list[datetime]] = {uid: [] for uid in ids}
        digests: dict[int, list[datetime]] = {uid: [] for uid in ids}
        if ids:
            async with self.conn.execute(
                f"SELECT user_id, kind, created_at FROM outbox WHERE user_id IN ({marks})"
                " AND kind IN ('nudge', 'digest', 'ask_back') AND created_at >= ?", [*ids, recent],
            ) as cur:
                async for uid, kind, created_at in cur:
                    # The weekly board digest and asking a paused learner back count too.
                    nudges[uid].append(datetime.fromisoformat(created_at))
                    if kind == "digest":
                        digests[uid].append(datetime.fromisoformat(created_at))
        fresh = await self.tips.fresh_for(ids, since)
        calendars: dict[int | None, dict[str, Any]] = {}
        for cohort_id in {learner.cohort_id for learner in learners}:
            calendars[cohort_id] = await self.cohorts.calendar_of(cohort_id)
        return [DueLearner(learner, frozenset(completed[learner.user_id]),
                           tuple(delivered[learner.user_id]), calendars[learner.cohort_id],
                           tuple(nudges[learner.user_id]), tuple(digests[learner.user_id]),
                           fresh.get(learner.user_id, 0), frozenset(offered[learner.user_id]))
                for learner in learners]

    async def apply(self, plans: Sequence[Plan], now: datetime) -> set[str]:
        """Write every plan: outbox rows (deduplicated), started drops, next due times."""
        queued = await self.outbox.add_many(
            [(m[0], p.learner.chat_id, m[1], p.learner.user_id)
             for p in plans for m in (p.message, p.also) if m is not None], now)
        await self.conn.executemany(
            "INSERT OR IGNORE INTO drop_progress (user_id, drop_id, delivered_at) VALUES (?, ?, ?)",
            [(p.learner.user_id, p.start[0], iso(now)) for p in plans if p.start])
        await self.conn.executemany(
            "UPDATE learners SET current_step = ? WHERE user_id = ?",
            [(p.start[1], p.learner.user_id) for p in plans if p.start])
        await self.conn.executemany(
            "UPDATE learners SET next_due_at = ?, lease_until = NULL, status = COALESCE(?, status),"
            " snoozed = 0, asked_pause_at = CASE WHEN ? THEN ? ELSE asked_pause_at END"
            " WHERE user_id = ?",
            [(iso(p.due) if p.due else None, p.status,
              p.asks_pause, iso(now), p.learner.user_id)
             for p in plans])
        await self._quiet_spells(plans, now)
        return queued

    async def _quiet_spells(self, plans: Sequence[Plan], now: datetime) -> None:
        """Paused by the bot (the pause kept for the streak, like any), or asked back once more."""
        paused = [p.learner.user_id for p in plans if p.pauses_quietly]
        for user_id in paused:
            await self.progress.pause_started(user_id, now, None)
        await self.conn.executemany(
            "UPDATE learners SET paused_by = 'bot', paused_at = ?, asked_back = 0 WHERE user_id = ?",
            [(iso(now), user_id) for user_id in paused])
        await self.conn.executemany(
            "UPDATE learners SET asked_back_at = ?, asked_back = asked_back + 1 WHERE user_id = ?",
            [(iso(now), p.learner.user_id) for p in plans if p.asks_back])
