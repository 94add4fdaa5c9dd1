"""The learner's pace: snooze, pause until a date, at most two reminders a week, quiet after silence."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from scheduler.outgoing import Nudge
from scheduler.timing import SlotTiming
from storage.learners import Learner
from tests.conftest import FakeClock, tiny_course
from tests.journey import Journey


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)  # November: London is on UTC


async def test_snooze_until_tomorrow_brings_the_drop_back_at_the_next_days_break(
        journey: Journey, clock: FakeClock) -> None:
    clock.set(_at(23, 10, 30))
    await journey.enrol(51)
    await journey.drip()
    chat = journey.standin.user(51)
    first = await chat.wait_for("How confident do you feel?")
    await chat.press("⏰ Not now", message=first)
    await chat.wait_for(lambda m: "Tomorrow" in m.labels)
    await chat.press("Tomorrow")
    await chat.wait_for("Snoozed. I'll bring this drop back tomorrow at 10:30")
    clock.set(_at(24, 10, 29))
    assert (await journey.drip())[0].claimed == 0
    clock.set(_at(24, 10, 30))
    await journey.drip()
    back = await chat.wait_for("As you asked, here is your drop again")
    assert back.labels[:5] == ["1", "2", "3", "4", "5"]


async def test_at_most_two_reminders_a_week_then_one_question_after_two_silent_weeks(
        journey: Journey, clock: FakeClock) -> None:
    clock.set(_at(23, 10, 30))
    await journey.enrol(52)
    await journey.drip()  # Monday: the drop
    chat = journey.standin.user(52)
    reminders = 0
    for day in (24, 25, 26, 27, 30):  # the following weekdays, at the break, never opened
        clock.set(_at(day, 10, 30))
        reminders += (await journey.drip())[0].nudges
    assert reminders == 1  # one reminder per unopened drop, never more than two a week
    clock.set(datetime(2026, 12, 8, 10, 30, tzinfo=UTC))  # 15 days of silence
    await journey.drip()
    ask = await chat.wait_for("Would you like to pause lessons for now?")
    clock.set(datetime(2026, 12, 9, 10, 30, tzinfo=UTC))
    assert (await journey.drip())[0].claimed == 0  # asked once, then quiet
    await chat.press("Keep them coming", message=ask)
    await chat.wait_for("Lovely, lessons carry on")


async def test_a_learner_gone_quiet_who_asks_for_next_gets_their_drop_and_the_drip_again(
        journey: Journey, clock: FakeClock) -> None:
    clock.set(_at(23, 10, 30))
    await journey.enrol(54)
    await journey.drip()  # Monday: the drop, then silence
    chat = journey.standin.user(54)
    await chat.wait_for("How confident do you feel?")
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(54, status="quiet", next_due_at=None)
    clock.set(datetime(2026, 12, 9, 11, 0, tzinfo=UTC))
    await chat.send("/next")
    await chat.wait_for("How confident do you feel?")  # the open step again, not "tap the invite"
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(54)
    assert learner is not None and learner.status == "active"
    assert learner.next_due_at == datetime(2026, 12, 10, 10, 30, tzinfo=UTC)  # its next morning break


async def test_pause_until_a_date_starts_again_at_the_first_break_that_day(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(53)
    chat = journey.standin.user(53)
    await chat.send("/pause 2026-12-07")
    await chat.wait_for("I'll start again on Mon 7 Dec at 10:30")
    await chat.send("/pause someday")
    await chat.wait_for("I couldn't read that date")
    clock.set(_at(30, 10, 30))
    assert (await journey.drip())[0].claimed == 0
    clock.set(datetime(2026, 12, 7, 10, 30, tzinfo=UTC))
    assert (await journey.drip())[0].drops == 1


def _learner(slots: tuple[str, ...] = ("morning", "after")) -> Learner:
    now = _at(23, 9)
    return Learner(1, 1, "A", 1, "psa", "v", slots, (0, 1, 2, 3, 4), 1, "Europe/London", "active",
                   "s1", None, None, now, now, False)


def test_snooze_options_at_literal_times() -> None:
    timing, learner = SlotTiming("Europe/London"), _learner()
    monday = _at(23, 10, 35)
    assert timing.snooze(learner, {}, monday, "today") == _at(23, 15, 45)
    assert timing.snooze(learner, {}, _at(23, 16, 0), "today") == _at(23, 18, 0)  # two hours on
    assert timing.snooze(learner, {}, _at(23, 18, 30), "today") == _at(24, 10, 30)  # 20:30 is quiet
    assert timing.snooze(learner, {}, monday, "tomorrow") == _at(24, 10, 30)
    assert timing.snooze(learner, {}, monday, "week") == _at(30, 10, 30)
    friday = _at(27, 11, 0)
    assert timing.snooze(learner, {}, friday, "tomorrow") == _at(30, 10, 30)  # not at the weekend


def test_slots_stay_at_local_time_across_the_clock_change() -> None:
    timing, learner = SlotTiming("Europe/London"), _learner(("morning",))
    before = datetime(2026, 3, 27, 16, 0, tzinfo=UTC)  # Friday; BST starts Sunday 29 March
    assert timing.next_due(learner, {}, before, 1) == datetime(2026, 3, 30, 9, 30, tzinfo=UTC)
    autumn = datetime(2026, 10, 23, 16, 0, tzinfo=UTC)  # Friday; GMT from Sunday 25 October
    assert timing.next_due(learner, {}, autumn, 1) == datetime(2026, 10, 26, 10, 30, tzinfo=UTC)


def test_holidays_and_terms_are_skipped() -> None:
    timing, learner = SlotTiming("Europe/London"), _learner(("morning",))
    calendar = {"holidays": [{"start": "2026-12-21", "end": "2027-01-05", "name": "Christmas"}]}
    friday = datetime(2026, 12, 18, 11, 0, tzinfo=UTC)
    assert timing.next_due(learner, calendar, friday, 1) == datetime(2027, 1, 6, 10, 30, tzinfo=UTC)
    terms = {"terms": [{"start": "2027-01-06", "end": "2027-03-31"}]}
    assert timing.resume_at(learner, terms, date(2026, 12, 20)) == datetime(2027, 1, 6, 10, 30, tzinfo=UTC)


def test_the_weekly_reminder_limit_holds_whatever_is_open() -> None:
    from dataclasses import dataclass, field

    from lessons.progress import CourseMap
    from scheduler.drip import Policy, plan_learner

    @dataclass(frozen=True)
    class Facts:
        learner: Learner
        completed: frozenset[str] = frozenset()
        delivered: tuple[datetime, ...] = ()
        calendar: dict[str, object] = field(default_factory=dict)
        nudges: tuple[datetime, ...] = ()

    now, learner = _at(26, 10, 30), _learner()
    learner = Learner(**{**learner.__dict__, "current_step": "t1-d2-c1", "last_active_at": _at(25, 9)})
    course, timing = CourseMap(tiny_course()), SlotTiming("Europe/London")
    two = (now - timedelta(days=2), now - timedelta(days=5))
    assert plan_learner(course, timing, Facts(learner, nudges=two), now, Policy(None, 2)).message is None
    one = plan_learner(course, timing, Facts(learner, nudges=two[:1]), now, Policy(None, 2))
    assert one.message is not None and isinstance(one.message[1], Nudge)
    old = (now - timedelta(days=8), now - timedelta(days=9))
    assert plan_learner(course, timing, Facts(learner, nudges=old), now, Policy(None, 2)).message


def test_quiet_hours_can_be_set_and_bad_ones_are_refused_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import SettingsError, load_settings
    from scheduler.timing import Quiet

    monkeypatch.setenv("KTP_QUIET_HOURS", "18:30-08:15")
    quiet = load_settings().quiet()
    assert quiet == Quiet(time(18, 30), time(8, 15)) and str(quiet) == "18:30 to 08:15"
    timing, learner = SlotTiming("Europe/London", quiet), _learner(("after",))
    # 15:45 on a Monday is fine; from 18:30 nothing goes, and the morning waits until 08:15.
    assert timing.may_send(learner, {}, _at(23, 15, 45))
    assert not timing.may_send(learner, {}, _at(23, 18, 45))
    assert timing.next_awake(learner, _at(23, 18, 45)) == _at(24, 8, 15)
    for bad in ("07:30-20:00", "8pm-7am", "20:00"):
        monkeypatch.setenv("KTP_QUIET_HOURS", bad)
        with pytest.raises(SettingsError, match=r"KTP_QUIET_HOURS: .*e\.g\. 20:00-07:30"):
            load_settings()


async def test_pause_and_resume_are_kept_for_the_streak(journey: Journey, clock: FakeClock) -> None:
    clock.set(_at(23, 11, 0))
    await journey.enrol(55)
    chat = journey.standin.user(55)
    await chat.send("/pause")
    await chat.wait_for("Lessons are paused")
    clock.advance(timedelta(days=9))
    await chat.send("/resume")
    await chat.wait_for("Welcome back!")
    async with journey.services.store.read() as tx:
        assert await tx.progress.pauses(55) == [(_at(23, 11, 0), _at(23, 11, 0) + timedelta(days=9))]
