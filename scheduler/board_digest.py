"""The weekly practice-board digest: whether a due learner gets one with this plan, a pure decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.outgoing import Digest, Nudge
from scheduler.ports import LearnerFacts, Planned

WEEK = timedelta(days=7)


def with_digest(plan: Planned, facts: LearnerFacts, now: datetime, nudges_per_week: int) -> Planned:
    """The plan, plus the digest when colleagues posted this week and none came in the last seven days.

    Planning only happens at the learner's own slot, and a plan that sends nothing (quiet hours, a
    holiday, a learner gone quiet, a notice to agree again, asking a paused learner back) gets no
    digest either. The digest counts against the weekly nudge limit, a nudge in this same plan
    included.
    """
    if facts.fresh_tips < 1 or plan.message is None or plan.status is not None:
        return plan
    if plan.message[1].kind in {"consent", "ask_back"} or any(now - at < WEEK for at in facts.digests):
        return plan
    sent = sum(1 for at in facts.nudges if now - at < WEEK) + isinstance(plan.message[1], Nudge)
    if sent >= nudges_per_week:
        return plan
    week = now.astimezone(ZoneInfo(facts.learner.tz)).isocalendar()
    key = f"digest:{facts.learner.user_id}:{week.year}w{week.week:02d}"
    return replace(plan, also=(key, Digest(count=min(facts.fresh_tips, 3))))
