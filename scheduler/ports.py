"""What the scheduler needs from storage and from the sender, as Protocols storage satisfies."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Protocol

from scheduler.outgoing import AskBack, AskPause, Outgoing, PausedQuietly


class LearnerLike(Protocol):
    """The facts about a learner that timing and planning read."""

    @property
    def user_id(self) -> int: ...
    @property
    def chat_id(self) -> int: ...
    @property
    def cohort_id(self) -> int | None: ...
    @property
    def slots(self) -> tuple[str, ...]: ...
    @property
    def weekdays(self) -> tuple[int, ...]: ...
    @property
    def per_day(self) -> int: ...
    @property
    def tz(self) -> str: ...
    @property
    def current_step(self) -> str | None: ...
    @property
    def consent_version(self) -> str | None: ...
    @property
    def snoozed(self) -> bool: ...
    @property
    def asked_pause_at(self) -> datetime | None: ...
    @property
    def paused_until(self) -> datetime | None: ...
    @property
    def last_active_at(self) -> datetime | None: ...
    @property
    def status(self) -> str: ...
    @property
    def paused_by(self) -> str | None: ...
    @property
    def asked_back_at(self) -> datetime | None: ...
    @property
    def asked_back(self) -> int: ...


class OutboxItemLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def user_id(self) -> int | None: ...
    @property
    def chat_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def body(self) -> str: ...  # the message's other fields, as JSON (scheduler.outgoing.parse)
    @property
    def attempts(self) -> int: ...


class LearnerFacts(Protocol):
    """A due learner with what planning needs to know about them."""

    @property
    def learner(self) -> LearnerLike: ...
    @property
    def completed(self) -> frozenset[str]: ...
    @property
    def delivered(self) -> tuple[datetime, ...]: ...  # drops delivered in the last day
    @property
    def calendar(self) -> dict[str, Any]: ...
    @property
    def nudges(self) -> tuple[datetime, ...]: ...  # reminders sent in the last week
    @property
    def digests(self) -> tuple[datetime, ...]: ...  # board digests sent in the last week
    @property
    def fresh_tips(self) -> int: ...  # colleagues' tips published in the cohort in the last week
    @property
    def offered(self) -> frozenset[str]: ...  # every drop ever delivered to them


@dataclass(frozen=True)
class Planned:
    """One learner's plan: a message to queue (key, message), a drop to start, the next due time."""

    learner: LearnerLike
    message: tuple[str, Outgoing] | None
    start: tuple[str, str] | None  # (drop id, first step id)
    due: datetime | None
    status: str | None  # a new status, e.g. "finished"
    also: tuple[str, Outgoing] | None = None  # a second message, the weekly board digest

    @property
    def asks_pause(self) -> bool:
        """Whether this plan asks the learner to pause (asked once, then quiet until they return)."""
        return self.message is not None and isinstance(self.message[1], AskPause)

    @property
    def pauses_quietly(self) -> bool:
        """Whether this plan pauses a learner who left the pause question unanswered."""
        return self.message is not None and isinstance(self.message[1], PausedQuietly)

    @property
    def asks_back(self) -> bool:
        """Whether this plan asks a learner the bot paused if they would like to carry on."""
        return self.message is not None and isinstance(self.message[1], AskBack)


class DripUnit(Protocol):
    """The storage work of one tick, inside one transaction, in a few set-based statements."""

    async def claim_due(self, now: datetime, limit: int, lease: timedelta,
                        since: datetime) -> Sequence[LearnerFacts]: ...
    async def apply(self, plans: Sequence[Planned], now: datetime) -> set[str]: ...


class DripStore(Protocol):
    def drip_unit(self) -> AbstractAsyncContextManager[DripUnit]: ...


class Outcome(Enum):
    SENT = "sent"
    BLOCKED = "blocked"  # the learner blocked the bot: never retried
    FAILED = "failed"  # Telegram refused the message itself: retrying cannot help
    RETRY = "retry"  # a timeout or server error: try again later
    PAUSE = "pause"  # flood control: every send waits retry_after
    LATER = "later"  # the learner's quiet time: this one message waits retry_after


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    message_id: int | None = None
    error: str = ""
    retry_after: float = 0.0


class Sender(Protocol):
    async def deliver(self, item: OutboxItemLike) -> Delivery: ...


class OutboxStore(Protocol):
    async def claim_outbox(self, now: datetime, limit: int, lease: timedelta) -> Sequence[OutboxItemLike]: ...
    async def record(self, item: OutboxItemLike, delivery: Delivery, now: datetime,
                     retry_at: datetime | None) -> None: ...
