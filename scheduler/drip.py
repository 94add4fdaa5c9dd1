"""The drip tick: plan what each due learner gets, as outbox rows, in one short transaction."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from lessons.progress import CourseMap
from scheduler.board_digest import with_digest
from scheduler.outgoing import AskPause, ConsentRenewal, DropCard, InService, Nudge, Outgoing, Snoozed
from scheduler.ports import DripStore, LearnerFacts, LearnerLike, Planned
from scheduler.quiet_spell import ANSWER_WINDOW, plan_quiet_spell
from scheduler.timing import is_in_service_morning

LEASE = timedelta(minutes=5)


class Timing(Protocol):
    """When a learner is next due, given how many drops they had today."""

    def next_due(self, learner: LearnerLike, calendar: dict[str, Any], after: datetime,
                 delivered_today: int) -> datetime | None: ...

    def day_start(self, learner: LearnerLike, moment: datetime) -> datetime: ...

    def may_send(self, learner: LearnerLike, calendar: dict[str, Any], now: datetime) -> bool: ...


@dataclass
class TickReport:
    claimed: int = 0
    drops: int = 0
    nudges: int = 0
    finished: int = 0
    keys: list[str] = field(default_factory=list)


SILENCE = timedelta(days=14)
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Policy:
    """The settings planning follows: the privacy notice in force and the weekly nudge limit."""

    consent: str | None = None
    nudges_per_week: int = 2


def _waiting_message(facts: LearnerFacts, now: datetime,
                     policy: Policy) -> tuple[tuple[str, Outgoing] | None, str | None]:
    """For a learner whose drop is still open: come back after a snooze, nudge, or ask to pause."""
    learner, uid, step = facts.learner, facts.learner.user_id, facts.learner.current_step
    assert step is not None
    if learner.snoozed:
        return (f"snooze:{uid}:{step}:{now:%Y%m%d%H%M}", Snoozed(step_id=step)), None
    last = learner.last_active_at
    if last is not None and now - last >= SILENCE:
        if learner.asked_pause_at is not None and learner.asked_pause_at >= last:
            return None, "quiet"
        # Asked once; with no answer in a week the bot pauses lessons (scheduler/quiet_spell.py).
        return (f"askpause:{uid}:{last:%Y%m%d}", AskPause()), "quiet"
    if sum(1 for at in facts.nudges if now - at < WEEK) >= policy.nudges_per_week:
        return None, None
    return (f"nudge:{uid}:{step}", Nudge(step_id=step)), None


def _extra_left_open(course: CourseMap, facts: LearnerFacts) -> bool:
    """A new drop behind the learner's place, left open at the next drop time: their place goes on.

    New drops are offered once and never hold a learner back, so one left unfinished is not nudged.
    """
    place = course.place(facts.learner.current_step or "")
    return (place is not None and not facts.learner.snoozed
            and course.is_extra(place.drop.id, facts.completed))


def plan_learner(course: CourseMap, timing: Timing, facts: LearnerFacts, now: datetime,
                 policy: Policy) -> Planned:
    """What one due learner gets now, and when they are next due: a pure decision."""
    learner = facts.learner
    if not timing.may_send(learner, facts.calendar, now):
        # Due while the bot was down, and now it is evening, a weekend or a holiday: nothing is
        # sent; the learner is due again at their next open slot.
        return Planned(learner, None, None, timing.next_due(learner, facts.calendar, now, 0), None)
    quiet = plan_quiet_spell(timing, facts, now, policy.nudges_per_week)
    if quiet is not None:
        return quiet
    plan = _planned(course, timing, facts, now, policy)
    if learner.status == "quiet" and plan.status is None:
        return replace(plan, status="active")  # asked whether to pause, and in touch since
    return plan


def _planned(course: CourseMap, timing: Timing, facts: LearnerFacts, now: datetime,
             policy: Policy) -> Planned:
    """The usual plan: the privacy notice again, the open step, an in-service offer or the next drop."""
    learner, uid = facts.learner, facts.learner.user_id
    start, status = None, None
    message: tuple[str, Outgoing] | None
    if policy.consent is not None and learner.consent_version != policy.consent:
        # A changed privacy notice is agreed again before any more learning arrives.
        message = (f"consent:{uid}:{policy.consent}", ConsentRenewal(version=policy.consent))
    elif learner.current_step is not None and not _extra_left_open(course, facts):
        message, status = _waiting_message(facts, now, policy)
        if status == "quiet":  # due again when a week has passed without an answer
            due = timing.next_due(learner, facts.calendar, now + ANSWER_WINDOW - timedelta(seconds=1), 0)
            return Planned(learner, message, None, due, status)
    elif is_in_service_morning(facts.calendar, now.astimezone(ZoneInfo(learner.tz))):
        # Staff are in school without pupils: offer a longer session instead of a single drop.
        message = (f"inservice:{uid}:{now.astimezone(ZoneInfo(learner.tz)).date()}", InService())
    else:
        extras = course.new_behind(facts.completed, facts.offered)
        drop = extras[0] if extras else course.next_drop(facts.completed)
        if drop is None:
            return Planned(learner, None, None, None, "finished")
        message = (f"drop:{uid}:{drop.id}", DropCard(drop_id=drop.id, new=bool(extras)))
        start = (drop.id, drop.steps[0].id)
    today = sum(1 for at in facts.delivered if at >= timing.day_start(learner, now)) + (start is not None)
    due = timing.next_due(learner, facts.calendar, now, today)
    return Planned(learner, message, start, due, status)


async def tick(store: DripStore, course: CourseMap, timing: Timing, now: datetime,
               batch: int = 500, policy: Policy | None = None) -> TickReport:
    """Claim up to batch due learners, plan each, write the plan; sending happens after."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    report = TickReport()
    # Claimed learners are leased, so planning runs outside the write lock: the lock is held for
    # the claim and for the writes, never while the plans are worked out.
    async with store.drip_unit() as unit:
        facts = await unit.claim_due(now, batch, LEASE, since=now - WEEK)
    rules = policy or Policy()
    plans = [with_digest(plan_learner(course, timing, f, now, rules), f, now, rules.nudges_per_week)
             for f in facts]
    async with store.drip_unit() as unit:
        queued = await unit.apply(plans, now)
    report.claimed = len(plans)
    for plan in plans:
        if plan.status == "finished":
            report.finished += 1
        elif plan.message is not None and plan.message[0] in queued:
            report.keys.append(plan.message[0])
            report.drops += isinstance(plan.message[1], DropCard)
            report.nudges += isinstance(plan.message[1], Nudge)
    return report
