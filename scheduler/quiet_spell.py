"""A learner gone quiet: paused kindly when the pause question goes unanswered, asked back after a holiday.

The rules, a pure decision at the learner's due time:
- Asked whether to pause (status "quiet") and no word for ANSWER_WINDOW (seven days): at their first
  own break from then, on a school day outside quiet hours, lessons are paused and they are told
  once how to come back (/resume, or just write).
- Then, when the cohort's next school holiday is over (the day after a listed holiday ends, or the
  first day of the next listed term), at their first break: asked once whether to pick up where they
  were. Without a calendar, or past its last date, six weeks (FIRST_GAP) after the pause.
- At most once a term: with terms listed, a term is one of them (a mid-term break does not start a
  new one); with only holidays, the time between two; without a calendar, twelve weeks (TERM_GAP).
  Asked MAX_ASKS times with no answer, the bot stops asking: /resume and any message still work.
- Only a pause the bot made is followed up. A learner who paused themselves (/pause, or "Pause for
  now" to the question) chose it and was told /resume brings lessons back: they hear nothing more.
- Asking back counts against the weekly nudge limit; over it, the question waits for a later day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from scheduler.outgoing import AskBack, PausedQuietly
from scheduler.ports import LearnerFacts, LearnerLike, Planned

ANSWER_WINDOW = timedelta(days=7)
FIRST_GAP = timedelta(weeks=6)
TERM_GAP = timedelta(weeks=12)
MAX_ASKS = 3
WEEK = timedelta(days=7)


class Timing(Protocol):
    def next_due(self, learner: LearnerLike, calendar: dict[str, Any], after: datetime,
                 delivered_today: int) -> datetime | None: ...


def _spans(calendar: dict[str, Any], key: str) -> list[tuple[date, date]]:
    return [(date.fromisoformat(str(r["start"])), date.fromisoformat(str(r["end"])))
            for r in calendar.get(key, [])]


def _back_to_school(calendar: dict[str, Any]) -> list[date]:
    """Days school is back: each listed term's first day, and the day after each listed holiday."""
    return sorted({start for start, _ in _spans(calendar, "terms")}
                  | {end + timedelta(days=1) for _, end in _spans(calendar, "holidays")})


def _term(calendar: dict[str, Any], day: date) -> int:
    """Which term a day is in, counted from the calendar's first: listed terms, else holidays end terms."""
    terms = _spans(calendar, "terms")
    starts = ([start for start, _ in terms] if terms
              else [end + timedelta(days=1) for _, end in _spans(calendar, "holidays")])
    return sum(1 for start in starts if start <= day)


def ask_back_on(calendar: dict[str, Any], today: date, last_asked: date | None) -> date:
    """The first day a learner the bot paused may be asked back: after the next holiday, in a new term."""
    for start in _back_to_school(calendar):
        if start > today and (last_asked is None or _term(calendar, start) != _term(calendar, last_asked)):
            return start
    if last_asked is None:
        return today + FIRST_GAP
    return max(today + FIRST_GAP, last_asked + TERM_GAP)


def _day(learner: LearnerLike, moment: datetime | None) -> date | None:
    return None if moment is None else moment.astimezone(ZoneInfo(learner.tz)).date()


def _first_slot(timing: Timing, facts: LearnerFacts, day: date) -> datetime | None:
    """The learner's first break on or after a day, on a school day outside quiet hours."""
    midnight = datetime.combine(day, time(0), ZoneInfo(facts.learner.tz)).astimezone(UTC)
    return timing.next_due(facts.learner, facts.calendar, midnight - timedelta(seconds=1), 0)


def _unanswered(timing: Timing, facts: LearnerFacts, now: datetime) -> Planned | None:
    """Asked whether to pause: paused politely a week on, unless they have been in touch since."""
    learner = facts.learner
    asked = learner.asked_pause_at or learner.last_active_at or now
    if learner.last_active_at is not None and learner.last_active_at > asked:
        return None  # they wrote or pressed something since: planned as an active learner again
    if now < asked + ANSWER_WINDOW:
        due = timing.next_due(learner, facts.calendar, asked + ANSWER_WINDOW - timedelta(seconds=1), 0)
        return Planned(learner, None, None, due, None)
    today = _day(learner, now)
    assert today is not None
    back = ask_back_on(facts.calendar, today, _day(learner, learner.asked_back_at))
    key = f"pausedquietly:{learner.user_id}:{asked:%Y%m%d}"
    return Planned(learner, (key, PausedQuietly()), None, _first_slot(timing, facts, back), "paused")


def _ask_back(timing: Timing, facts: LearnerFacts, now: datetime, nudges_per_week: int) -> Planned:
    """Paused by the bot: once a term, after a holiday, would they like to carry on?"""
    learner = facts.learner
    if learner.paused_by != "bot" or learner.asked_back >= MAX_ASKS:
        return Planned(learner, None, None, None, None)
    if sum(1 for at in facts.nudges if now - at < WEEK) >= nudges_per_week:
        # Within the nudge limit: the question waits for the next school day's break.
        later = timing.next_due(learner, facts.calendar, now, learner.per_day)
        return Planned(learner, None, None, later, None)
    today, last = _day(learner, now), _day(learner, learner.asked_back_at)
    assert today is not None
    if last is not None and today < (ready := ask_back_on(facts.calendar, last, last)):
        return Planned(learner, None, None, _first_slot(timing, facts, ready), None)  # asked this term
    asked = learner.asked_back + 1
    due = None if asked >= MAX_ASKS else _first_slot(timing, facts, ask_back_on(facts.calendar, today, today))
    message = AskBack(step_id=learner.current_step)
    return Planned(learner, (f"askback:{learner.user_id}:{today:%Y%m%d}", message), None, due, None)


def plan_quiet_spell(timing: Timing, facts: LearnerFacts, now: datetime,
                     nudges_per_week: int) -> Planned | None:
    """For a learner asked whether to pause, or paused: the plan; None when the usual planning applies."""
    if facts.learner.status == "quiet":
        return _unanswered(timing, facts, now)
    if facts.learner.status == "paused":
        return _ask_back(timing, facts, now, nudges_per_week)
    return None
