"""The drip tick: plan what each due learner gets, as outbox rows, in one short transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from lessons.progress import CourseMap
from scheduler.ports import DripStore, DripUnit, LearnerLike

LEASE = timedelta(minutes=5)


class Timing(Protocol):
    """When a learner is next due, given how many drops they had today."""

    def next_due(self, learner: LearnerLike, calendar: dict[str, Any], after: datetime,
                 delivered_today: int) -> datetime | None: ...

    def day_start(self, learner: LearnerLike, moment: datetime) -> datetime: ...


@dataclass
class TickReport:
    claimed: int = 0
    drops: int = 0
    nudges: int = 0
    finished: int = 0
    keys: list[str] = field(default_factory=list)


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")


async def plan_learner(unit: DripUnit, course: CourseMap, timing: Timing, learner: LearnerLike,
                       now: datetime, report: TickReport, consent: str | None = None) -> None:
    """Queue the next drop (or one reminder of an unfinished one) and set the next due time."""
    calendar = await unit.calendar(learner.cohort_id)
    if consent is not None and learner.consent_version != consent:
        # A changed privacy notice is agreed again before any more learning arrives.
        key = f"consent:{learner.user_id}:{consent}"
        if await unit.queue(key, learner, {"type": "consent", "version": consent}, now):
            report.keys.append(key)
    elif learner.current_step is not None:
        key = f"nudge:{learner.user_id}:{learner.current_step}"
        if await unit.queue(key, learner, {"type": "nudge", "step_id": learner.current_step}, now):
            report.nudges += 1
            report.keys.append(key)
    else:
        drop = course.next_drop(await unit.completed_drops(learner.user_id))
        if drop is None:
            await unit.set_due(learner.user_id, None, status="finished")
            report.finished += 1
            return
        key = f"drop:{learner.user_id}:{drop.id}"
        if await unit.queue(key, learner, {"type": "drop", "drop_id": drop.id}, now):
            report.drops += 1
            report.keys.append(key)
        await unit.start_drop(learner.user_id, drop.id, drop.steps[0].id, now)
    today = await unit.delivered_since(learner.user_id, timing.day_start(learner, now))
    await unit.set_due(learner.user_id, timing.next_due(learner, calendar, now, today))


async def tick(store: DripStore, course: CourseMap, timing: Timing, now: datetime,
               batch: int = 500, consent: str | None = None) -> TickReport:
    """Claim up to batch due learners and plan each; sending happens after, outside this."""
    _require_aware(now)
    report = TickReport()
    async with store.drip_unit() as unit:
        learners = await unit.claim_due(now, batch, LEASE)
        report.claimed = len(learners)
        for learner in learners:
            await plan_learner(unit, course, timing, learner, now, report, consent)
    return report


