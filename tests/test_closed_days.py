"""Without a cohort calendar, nothing goes out on the public holidays every council closes for."""

from __future__ import annotations

from datetime import UTC, date, datetime

from scheduler.closed_days import closed_without_calendar, has_calendar
from scheduler.timing import SlotTiming
from storage.learners import Learner
from tests.conftest import FakeClock
from tests.journey import Journey

WEEKDAYS = (0, 1, 2, 3, 4)


def test_christmas_boxing_day_and_new_year_are_closed_without_a_calendar() -> None:
    closed = [day for day in (date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26),
                              date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 4))
              if closed_without_calendar({}, day)]
    assert closed == [date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1), date(2027, 1, 2)]


def test_a_cohort_calendar_decides_instead() -> None:
    calendar = {"terms": [{"start": "2026-12-01", "end": "2027-01-31"}]}
    assert has_calendar(calendar) and not has_calendar({}) and not has_calendar({"terms": []})
    assert not closed_without_calendar(calendar, date(2026, 12, 25))


def _learner() -> Learner:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    return Learner(1, 1, "A", 1, "psa", "v", ("morning",), WEEKDAYS, 1, "Europe/London", "active",
                   "s1", None, None, now, now, False)


def test_the_next_drop_after_christmas_eve_waits_until_after_2_january() -> None:
    timing, learner = SlotTiming("Europe/London"), _learner()
    christmas_eve = datetime(2026, 12, 24, 11, 0, tzinfo=UTC)  # a Thursday, after the 10:30 slot
    assert timing.next_due(learner, {}, christmas_eve, 0) == datetime(2026, 12, 28, 10, 30, tzinfo=UTC)
    assert not timing.may_send(learner, {}, datetime(2026, 12, 25, 10, 30, tzinfo=UTC))
    new_year = datetime(2026, 12, 31, 11, 0, tzinfo=UTC)  # Thursday; 1 January is a Friday
    assert timing.next_due(learner, {}, new_year, 0) == datetime(2027, 1, 4, 10, 30, tzinfo=UTC)
    with_terms = {"terms": [{"start": "2026-08-18", "end": "2027-06-30"}]}
    assert timing.next_due(learner, with_terms, christmas_eve, 0) == datetime(2026, 12, 25, 10, 30,
                                                                                tzinfo=UTC)


async def test_no_drop_on_christmas_day_through_the_drip_without_a_calendar(
        journey: Journey, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 25, 10, 30, tzinfo=UTC))  # a Friday: a learner's morning slot
    await journey.enrol(11)
    report, _ = await journey.drip()
    assert (report.claimed, report.drops) == (1, 0)
    clock.set(datetime(2026, 12, 28, 10, 30, tzinfo=UTC))  # Monday: lessons again
    report, sent = await journey.drip()
    assert (report.drops, sent.counts) == (1, {"sent": 1})
    await journey.standin.user(11).wait_for("Module 1 · drop 1 of 3")


async def test_newcohort_asks_for_term_dates_and_cohorts_and_stats_say_when_there_are_none(
        journey: Journey) -> None:
    admin = journey.standin.user(1, "Admin")
    await admin.send("/newcohort Dundee cluster")
    await admin.wait_for("Next, the term dates")
    await admin.send("/cohorts")
    await admin.wait_for("No calendar yet: lessons go out all year except 25-26 December and 1-2 January")
    await admin.send("/stats 1")
    await admin.wait_for(lambda m: "Enrolled" in m.plain and "/calendar 1 sets its term dates" in m.plain)
    await admin.send("Term 1: 18/08/2026 - 09/10/2026\nTerm 2 26/10/2026 - 22/12/2026")
    said = await admin.wait_for("I couldn't use those dates")
    assert "Term 2 26/10/2026" in said.plain  # the line it could not read, and it asks again
    await admin.send("Term 1: 18/08/2026 - 09/10/2026\nTerm 2: 26/10/2026 - 22/12/2026\n"
                     "October break: 12/10/2026 - 23/10/2026\nIn-service: 17/08/2026")
    shown = await admin.wait_for("Dundee cluster: calendar")
    assert "2026-08-18 to 2026-10-09" in shown.plain and "October break" in shown.plain
    async with journey.services.store.read() as tx:
        (cohort,) = await tx.cohorts.all()
    assert cohort.calendar["in_service"] == ["2026-08-17"]
    await admin.send("/cohorts")
    listed = await admin.wait_for("Your cohorts")
    assert "No calendar yet" not in listed.plain
