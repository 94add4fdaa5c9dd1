"""What a person's next free-text message is for: one kind and its target, at most one per person.

Whoever asks sets it; a newer ask replaces it (the caller tells the person what was dropped); the
answer, a cancel, or the target going away clears it. Without one, free text goes to the course
prompt that is open, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.services import Services
from lessons.models import FeedbackStep, ReflectStep
from storage.store import Tx


class PendingKind(StrEnum):
    EVENT_ANSWER = "event_answer"  # "what will you try" after "Yes, I went"
    SETTINGS_TIME = "settings_time"
    SETTINGS_ZONE = "settings_zone"
    CERTIFICATE_NAME = "certificate_name"
    JOURNAL_EDIT = "journal_edit"
    COORDINATOR_DRAFT = "coordinator_draft"  # the message after /broadcast N
    PROMPT = "prompt"  # a reflective or feedback step of the course
    HELD = "held"  # a flagged reply waits for its author's choice (or, for a name, a new version)
    TIP_TEXT = "tip_text"  # a tip for the cohort's board (target: the module it relates to)
    TIP_DECLINE = "tip_decline"  # a coordinator's reason for declining a tip (target: the tip)
    TIP_EDIT = "tip_edit"  # a coordinator's lighter wording of a tip (target: the tip)
    TERM_DATES = "term_dates"  # a new cohort's term dates, a line each (target: the cohort)


@dataclass(frozen=True)
class Pending:
    kind: PendingKind
    target: str = ""

    @classmethod
    def event_answer(cls, event_id: int) -> Pending:
        return cls(PendingKind.EVENT_ANSWER, str(event_id))

    @classmethod
    def journal_edit(cls, entry_id: int) -> Pending:
        return cls(PendingKind.JOURNAL_EDIT, str(entry_id))

    @classmethod
    def prompt(cls, step_id: str) -> Pending:
        return cls(PendingKind.PROMPT, step_id)

    @classmethod
    def held(cls, held_id: int) -> Pending:
        return cls(PendingKind.HELD, str(held_id))

    @classmethod
    def draft(cls, cohort_id: int, send_at: datetime | None) -> Pending:
        return cls(PendingKind.COORDINATOR_DRAFT,
                   f"{cohort_id}|{send_at.isoformat()}" if send_at else str(cohort_id))

    @property
    def number(self) -> int:
        """The event, journal entry or held text id of an event answer, a journal edit or a hold."""
        return int(self.target) if self.target.isdigit() else 0

    @property
    def draft_target(self) -> tuple[int, datetime | None]:
        """The cohort and the send time of a coordinator draft."""
        cohort, _, when = self.target.partition("|")
        return (int(cohort) if cohort.isdigit() else 0), (datetime.fromisoformat(when) if when else None)


async def current(tx: Tx, user_id: int) -> Pending | None:
    row = await tx.pending.get(user_id)
    if row is None or row[0] not in PendingKind.__members__.values():
        return None
    return Pending(PendingKind(row[0]), row[1])


async def ask(tx: Tx, user_id: int, pending: Pending, now: datetime) -> Pending | None:
    """Make pending what the next message is for; returns what it replaced (None if the same)."""
    before = await current(tx, user_id)
    await tx.pending.put(user_id, pending.kind.value, pending.target, now)
    return before if before is not None and before != pending else None


async def settle(tx: Tx, user_id: int, *kinds: PendingKind) -> bool:
    """Answered, cancelled or gone: the pending reply of those kinds (any, if none named) ends."""
    return await tx.pending.clear(user_id, tuple(k.value for k in kinds))


class Replies:
    """The pending reply as an action of its own, each in one transaction."""

    def __init__(self, services: Services) -> None:
        self.s = services

    async def current(self, user_id: int) -> Pending | None:
        async with self.s.store.read() as tx:
            return await current(tx, user_id)

    async def ask(self, user_id: int, pending: Pending) -> Pending | None:
        async with self.s.store.transaction() as tx:
            return await ask(tx, user_id, pending, self.s.clock.now())

    async def for_text(self, user_id: int) -> tuple[Pending | None, Pending | None]:
        """For a person's free text: what a newer drop's prompt replaced, if it did, and what the text
        is for now. Every text passes here: one read when nothing was asked or a prompt is open."""
        async with self.s.store.read() as tx:
            before = await current(tx, user_id)
        if before is None or before.kind == PendingKind.PROMPT:
            return None, before
        replaced = await self.superseded_by_drop(user_id)
        return replaced, (await self.current(user_id) if replaced is not None else before)

    async def superseded_by_drop(self, user_id: int) -> Pending | None:
        """A drop that opens with a prompt, sent by the drip after the pending question was asked, is
        the newer question: the prompt becomes what the next reply is for; returns what it replaced."""
        async with self.s.store.transaction() as tx:
            before, learner = await current(tx, user_id), await tx.learners.get(user_id)
            step = learner.current_step if learner else None
            place = self.s.course.place(step) if step else None
            if (before is None or before.kind == PendingKind.PROMPT or place is None or place.index != 0
                    or not isinstance(place.step, ReflectStep | FeedbackStep)
                    or not await tx.pending.asked_before_drop(user_id, place.drop.id)):
                return None
            return await ask(tx, user_id, Pending.prompt(place.step.id), self.s.clock.now())

    async def settle(self, user_id: int, *kinds: PendingKind) -> bool:
        async with self.s.store.transaction() as tx:
            return await settle(tx, user_id, *kinds)
