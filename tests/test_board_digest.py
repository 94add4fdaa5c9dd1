"""The weekly board digest as a pure decision: when it joins a plan, and when it never does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from scheduler.board_digest import with_digest
from scheduler.outgoing import ConsentRenewal, Digest, DropCard, Nudge, Outgoing
from scheduler.ports import Planned

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)  # a Tuesday morning break
A_DROP = DropCard(drop_id="d1")


@dataclass(frozen=True)
class _Learner:
    user_id: int = 7
    chat_id: int = 7
    cohort_id: int | None = 1
    slots: tuple[str, ...] = ("morning",)
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    per_day: int = 1
    tz: str = "Europe/London"
    current_step: str | None = None
    consent_version: str | None = "v"
    snoozed: bool = False
    asked_pause_at: datetime | None = None
    paused_until: datetime | None = None
    last_active_at: datetime | None = None


@dataclass(frozen=True)
class _Facts:
    learner: _Learner = _Learner()
    completed: frozenset[str] = frozenset()
    delivered: tuple[datetime, ...] = ()
    calendar: dict[str, Any] = field(default_factory=dict)
    nudges: tuple[datetime, ...] = ()
    digests: tuple[datetime, ...] = ()
    fresh_tips: int = 4


def _plan(message: Outgoing | None = A_DROP) -> Planned:
    return Planned(_Learner(), ("k", message) if message else None, None, None, None)


def test_the_digest_joins_a_plan_at_the_learners_slot_once_a_week_with_at_most_three() -> None:
    planned = with_digest(_plan(), _Facts(), NOW, 2)
    assert planned.also == ("digest:7:2026w48", Digest(count=3))
    assert with_digest(_plan(), _Facts(digests=(NOW - timedelta(days=6),)), NOW, 2).also is None
    assert with_digest(_plan(), _Facts(digests=(NOW - timedelta(days=8),)), NOW, 2).also is not None


def test_no_digest_in_quiet_hours_without_news_over_the_nudge_limit_or_before_consent() -> None:
    assert with_digest(_plan(None), _Facts(), NOW, 2).also is None  # quiet hours, a holiday
    assert with_digest(_plan(), _Facts(fresh_tips=0), NOW, 2).also is None
    nudged = _Facts(nudges=(NOW - timedelta(days=2),))
    assert with_digest(_plan(Nudge(step_id="s")), nudged, NOW, 2).also is None  # the limit is two
    assert with_digest(_plan(ConsentRenewal(version="v2")), _Facts(), NOW, 2).also is None
