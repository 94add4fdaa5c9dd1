"""The drip's storage work: claim due learners with what planning needs, then write the plans."""

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


_SEPARATOR, _JOIN = "\x1f", "char(31)"  # the unit separator: in no drop id (lessons.models.Id)

class DripUnitSQL(Tx):
    """One tick's storage work in a few set-based statements (satisfies scheduler's DripUnit)."""

    async def claim_due(self, now: datetime, limit: int, lease: timedelta,
                        since: datetime) -> list[DueLearner]:
        learners = await self.learners.claim_due(now, limit, lease)
        ids = [learner.user_id for learner in learners]
        completed, delivered, offered = await self._progress(ids, since)
        nudges, digests = await self._reminders(ids, since)
        fresh = await self.tips.fresh_for(ids, since)
        calendars = await self.cohorts.calendars_of({learner.cohort_id for learner in learners})
        return [DueLearner(learner, completed[learner.user_id], delivered[learner.user_id],
                           calendars[learner.cohort_id], tuple(nudges[learner.user_id]),
                           tuple(digests[learner.user_id]), fresh.get(learner.user_id, 0),
                           offered[learner.user_id])
                for learner in learners]

    async def _progress(self, ids: list[int], since: datetime) -> tuple[
            dict[int, frozenset[str]], dict[int, tuple[datetime, ...]], dict[int, frozenset[str]]]:
        """Per learner: drops completed, drops delivered since then, every drop offered.

        One row per learner, the drops joined by a separator no drop id or timestamp holds: a
        learner has done dozens of drops by spring, and a row each is most of a batch's reading.
        """
        completed: dict[int, frozenset[str]] = dict.fromkeys(ids, frozenset())
        delivered: dict[int, tuple[datetime, ...]] = dict.fromkeys(ids, ())
        offered: dict[int, frozenset[str]] = dict.fromkeys(ids, frozenset())
        if ids:
            async with self.conn.execute(
                f"SELECT user_id, group_concat(drop_id, {_JOIN}),"
                f" group_concat(CASE WHEN completed_at IS NOT NULL THEN drop_id END, {_JOIN}),"
                f" group_concat(CASE WHEN delivered_at >= ? THEN delivered_at END, {_JOIN})"
                f" FROM drop_progress WHERE user_id IN ({','.join('?' * len(ids))}) GROUP BY user_id",
                [iso(since), *ids],
            ) as cur:
                async for uid, every, done, recent in cur:
                    offered[uid] = frozenset(every.split(_SEPARATOR))
                    completed[uid] = frozenset(done.split(_SEPARATOR)) if done else frozenset()
                    if recent:
                        delivered[uid] = tuple(datetime.fromisoformat(at) for at in recent.split(_SEPARATOR))
        return completed, delivered, offered

    async def _reminders(self, ids: list[int], since: datetime) -> tuple[
            dict[int, list[datetime]], dict[int, list[datetime]]]:
        """Per learner: nudges and board digests queued since then (a digest, and asking a paused
        learner back, count as a nudge too)."""
        nudges: dict[int, list[datetime]] = {uid: [] for uid in ids}
        digests: dict[int, list[datetime]] = {uid: [] for uid in ids}
        if ids:
            async with self.conn.execute(
                f"SELECT user_id, kind, created_at FROM outbox WHERE user_id IN ({','.join('?' * len(ids))})"
                " AND kind IN ('nudge', 'digest', 'ask_back') AND created_at >= ?", [*ids, iso(since)],
            ) as cur:
                async for uid, kind, created_at in cur:
                    nudges[uid].append(datetime.fromisoformat(created_at))
                    if kind == "digest":
                        digests[uid].append(datetime.fromisoformat(created_at))
        return nudges, digests

    async def apply(self, plans: Sequence[Plan], now: datetime) -> set[str]:
        """Write every plan: outbox rows (deduplicated), started drops, next due times."""
        queued = await self.outbox.add_many(
            [(m[0], p.learner.chat_id, m[1], p.learner.user_id)
             for p in plans for m in (p.message, p.also) if m is not None], now)
        at, dues = iso(now), {due: iso(due) for due in {p.due for p in plans} if due}  # a few times
        await self.conn.executemany(
            "INSERT OR IGNORE INTO drop_progress (user_id, drop_id, delivered_at) VALUES (?, ?, ?)",
            [(p.learner.user_id, p.start[0], at) for p in plans if p.start])
        # A started drop moves the learner's place to its first step; otherwise the place stays.
        await self.conn.executemany(
            "UPDATE learners SET next_due_at = ?, lease_until = NULL, status = COALESCE(?, status),"
            " snoozed = 0, asked_pause_at = CASE WHEN ? THEN ? ELSE asked_pause_at END,"
            " current_step = CASE WHEN ? THEN ? ELSE current_step END WHERE user_id = ?",
            [(dues[p.due] if p.due else None, p.status, p.asks_pause, at,
              p.start is not None, p.start[1] if p.start else None, p.learner.user_id)
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
