"""The drip tick: plan what each due learner gets, as outbox rows, in one short transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from lessons.progress import CourseMap
from scheduler.ports import DripStore, LearnerFacts, LearnerLike, Planned

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


def plan_learner(course: CourseMap, timing: Timing, facts: LearnerFacts, now: datetime,
                 consent: str | None) -> Planned:
    """What one due learner gets now, and when they are next due: a pure decision."""
    learner, uid = facts.learner, facts.learner.user_id
    if consent is not None and learner.consent_version != consent:
        # A changed privacy notice is agreed again before any more learning arrives.
        message = (f"consent:{uid}:{consent}", {"type": "consent", "version": consent})
        start = None
    elif learner.current_step is not None:
        message = (f"nudge:{uid}:{learner.current_step}", {"type": "nudge", "step_id": learner.current_step})
        start = None
    else:
        drop = course.next_drop(facts.completed)
        if drop is None:
            return Planned(learner, None, None, None, "finished")
        message = (f"drop:{uid}:{drop.id}", {"type": "drop", "drop_id": drop.id})
        start = (drop.id, drop.steps[0].id)
    today = sum(1 for at in facts.delivered if at >= timing.day_start(learner, now)) + (start is not None)
    due = timing.next_due(learner, facts.calendar, now, today)
    return Planned(learner, message, start, due, None)


async def tick(store: DripStore, course: CourseMap, timing: Timing, now: datetime,
               batch: int = 500, consent: str | None = None) -> TickReport:
    """Claim up to batch due learners, plan each, write the plan; sending happens after."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    report = TickReport()
    async with store.drip_unit() as unit:
        facts = await unit.claim_due(now, batch, LEASE, since=now - timedelta(days=1))
        plans = [plan_learner(course, timing, f, now, consent) for f in facts]
        queued = await unit.apply(plans, now)
    report.claimed = len(plans)
    for plan in plans:
        if plan.status == "finished":
            report.finished += 1
        elif plan.message is not None and plan.message[0] in queued:
            report.keys.append(plan.message[0])
            kind = plan.message[1]["type"]
            report.drops += kind == "drop"
            report.nudges += kind == "nudge"
    return report
