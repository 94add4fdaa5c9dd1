"""Events: reminders at a week, a day and an hour (never in quiet hours), RSVP, /sessions, .ics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from scheduler.reminders import due_reminder
from tests.conftest import FakeClock
from tests.journey import Journey

# Thursday 3 December 2026, 15:45 in London (GMT).
STARTS = datetime(2026, 12, 3, 15, 45, tzinfo=UTC)


def test_reminders_come_a_week_a_day_and_an_hour_before_outside_quiet_hours() -> None:
    tz = "Europe/London"
    assert due_reminder(STARTS, STARTS - timedelta(days=7), tz) == "week"
    assert due_reminder(STARTS, STARTS - timedelta(days=7, minutes=1), tz) is None
    assert due_reminder(STARTS, STARTS - timedelta(days=1), tz) == "day"
    assert due_reminder(STARTS, STARTS - timedelta(minutes=59), tz) == "hour"
    assert due_reminder(STARTS, STARTS, tz) is None
    monday_nine = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # the day reminder falls on a Sunday
    assert due_reminder(monday_nine, monday_nine - timedelta(days=1), tz) is None
    assert due_reminder(monday_nine, datetime(2026, 12, 7, 7, 30, tzinfo=UTC), tz) == "day"
    late_evening = datetime(2026, 12, 2, 21, 0, tzinfo=UTC)
    assert due_reminder(STARTS, late_evening, tz) is None


async def test_an_event_is_reminded_answered_and_listed_only_for_its_cohort(
        journey: Journey, clock: FakeClock) -> None:
    admin = journey.standin.user(1, "Admin")
    for name in ("Dundee", "Inverness"):
        await admin.send(f"/newcohort {name}")
        await admin.wait_for(f"<b>{name}</b>")
    async with journey.services.store.read() as tx:
        dundee, inverness = await tx.cohorts.all()
    await journey.enrol(31, code=dundee.invite_code)
    await journey.enrol(41, code=inverness.invite_code)
    await journey.enrol(32, code=dundee.invite_code)  # will answer "Can't go" to the first reminder
    await admin.send(f"/addevent {dundee.id} | Online practice-sharing | online | 2026-12-03 15:45 | "
                     "2026-12-03 17:00 | https://meet.example/ktp | Building trust")
    await admin.wait_for("Added: Online practice-sharing")
    learner, other = journey.standin.user(31), journey.standin.user(41)

    clock.set(STARTS - timedelta(days=7))
    await journey.drip()
    week = await learner.wait_for("Coming up")
    assert "on Thu 3 Dec at 15:45" in week.text and "Will you be there?" in week.text
    assert "Online practice-sharing session" not in week.text  # the title says the kind already
    clock.set(STARTS - timedelta(days=7) + timedelta(hours=1))
    await journey.drip()  # no second copy of the same reminder
    await learner.press("Going", message=week)
    answered = await learner.wait_for(lambda m: "You said: going ✅" in m.text)  # the card shows it
    assert "Online practice-sharing" in answered.text and "Going" in answered.labels
    declines = journey.standin.user(32)
    await declines.press("Can't go", message=await declines.wait_for("Coming up"))
    await declines.send("/help")  # this chat's updates are handled in order: the answer is kept
    await declines.wait_for("I send you short lessons")
    await learner.press("📅 Add to calendar", message=week)
    sent = await learner.wait_for(lambda m: m.document is not None)
    assert sent.document is not None
    calendar = Calendar.from_ical(sent.document[1])
    item = next(c for c in calendar.walk("VEVENT"))
    assert str(item["summary"]) == "Online practice-sharing"
    assert item.decoded("dtstart") == STARTS
    assert int(item["sequence"]) == 1  # raised when the event moves, so calendars update it

    clock.set(STARTS - timedelta(days=1))
    await journey.drip()
    day = await learner.wait_for("tomorrow at 15:45")
    # Said Going already: reminded, not asked again.
    assert "Will you be there?" not in day.text and "You said: going ✅" in day.text
    assert day.labels == ["📅 Add to calendar"]
    clock.set(STARTS - timedelta(minutes=60))
    await journey.drip()
    await learner.wait_for("today at 15:45")
    reminders = [m for m in learner.messages if "Coming up" in m.text]
    assert len(reminders) == 3
    assert len([m for m in journey.standin.user(32).messages if "Coming up" in m.text]) == 1
    assert not [m for m in other.messages if "Coming up" in m.text]

    await learner.send("/sessions")
    listed = await learner.wait_for("You said: going ✅")
    assert "Online practice-sharing" in listed.text
    await other.send("/sessions")
    await other.wait_for("No upcoming sessions for your cohort")
    async with journey.services.store.read() as tx:
        event = (await tx.events.upcoming(clock.now()))[0]
        assert await tx.events.answers(event.id) == {31: "going", 32: "not"}


async def test_cancelling_tells_those_going_and_others_cannot_answer(
        journey: Journey, clock: FakeClock) -> None:
    admin = journey.standin.user(1, "Admin")
    await admin.send("/newcohort Dundee")
    await admin.wait_for("<b>Dundee</b>")
    async with journey.services.store.read() as tx:
        (dundee,) = await tx.cohorts.all()
    await journey.enrol(31, code=dundee.invite_code)
    await journey.enrol(32, code="elsewhere")
    await admin.send(f"/addevent {dundee.id} | Training day | training | 2026-12-03 09:00 | "
                     "2026-12-03 15:00 | Dundee | In person")
    await admin.wait_for("Added: Training day")
    async with journey.services.store.transaction() as tx:
        event = (await tx.events.upcoming(clock.now()))[0]
        await tx.events.answer(event.id, 31, "going", clock.now())
    outsider = journey.standin.user(32)
    await outsider.send("/help")
    msg = await outsider.wait_for("I send you short lessons")
    await outsider.press_data(msg, f"rsvp:{event.id}:y")
    await admin.send(f"/cancelevent {event.id}")
    await admin.wait_for("Cancelled: Training day")
    await journey.drip()
    await journey.standin.user(31).wait_for("Cancelled:")
    async with journey.services.store.read() as tx:
        assert await tx.events.answers(event.id) == {31: "going"}


async def test_after_the_event_those_going_are_asked_and_coordinators_see_who_came(
        journey: Journey, clock: FakeClock) -> None:
    admin = journey.standin.user(1, "Admin")
    await admin.send("/newcohort Dundee")
    await admin.wait_for("<b>Dundee</b>")
    async with journey.services.store.read() as tx:
        (dundee,) = await tx.cohorts.all()
    await journey.enrol(31, code=dundee.invite_code, first_name="Morag")
    await admin.send(f"/addevent {dundee.id} | Training day | training | 2026-12-03 09:00 | "
                     "2026-12-03 15:00 | Dundee")
    await admin.wait_for("Added: Training day")
    async with journey.services.store.transaction() as tx:
        event = (await tx.events.upcoming(clock.now()))[0]
        await tx.events.answer(event.id, 31, "going", clock.now())
    clock.set(datetime(2026, 12, 3, 15, 30, tzinfo=UTC))
    await journey.drip()
    chat = journey.standin.user(31)
    ask = await chat.wait_for("Did you manage to attend?")
    await chat.press("Yes, I went", message=ask)
    await chat.wait_for("What is one thing from the session you'll try")
    # A child's name would reach the coordinator: not kept, and the question stays open.
    await chat.send("A calm check-in with Kayden McAllister each morning.")
    await chat.wait_for("I haven't kept this")
    await chat.send("A calm check-in at the start of the day.")
    await chat.wait_for("saved as feedback")
    await admin.send(f"/rsvps {event.id}")
    listed = await admin.wait_for("Training day</b>")
    assert "Morag: going · attended" in listed.text
    async with journey.services.store.read() as tx, tx.conn.execute(
            "SELECT will_try FROM rsvps WHERE user_id = 31") as cur:
        assert (await cur.fetchone() or ("",))[0] == "A calm check-in at the start of the day."


async def test_moving_an_event_tells_those_going(journey: Journey, clock: FakeClock) -> None:
    admin = journey.standin.user(1, "Admin")
    await admin.send("/newcohort Dundee")
    await admin.wait_for("<b>Dundee</b>")
    async with journey.services.store.read() as tx:
        (dundee,) = await tx.cohorts.all()
    await journey.enrol(31, code=dundee.invite_code)
    await journey.enrol(33, code=dundee.invite_code)
    await admin.send(f"/addevent {dundee.id} | Training day | training | 2026-12-03 09:00 | "
                     "2026-12-03 15:00 | Dundee")
    await admin.wait_for("Added: Training day")
    async with journey.services.store.transaction() as tx:
        event = (await tx.events.upcoming(clock.now()))[0]
        await tx.events.answer(event.id, 31, "going", clock.now())
    await admin.send(f"/editevent {event.id} | 2026-12-04 09:30 | 2026-12-04 15:30 | Perth")
    await admin.wait_for("Changed: Training day. Everyone who said they were going (1)")
    await journey.drip()
    changed = await journey.standin.user(31).wait_for("Changed")
    assert "on Fri 4 Dec at 09:30" in changed.text and "Perth" in changed.text
    assert not [m for m in journey.standin.user(33).messages if "Changed" in m.text]


async def test_sessions_leaves_out_past_and_cancelled_events(journey: Journey, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 1, 11, 0, tzinfo=UTC))
    await journey.enrol(35)
    async with journey.services.store.transaction() as tx:
        cohort = await tx.cohorts.by_code("dundee26")
        assert cohort is not None
        now = clock.now()
        for title, starts in (("Last week's training day", now - timedelta(days=7)),
                              ("Cancelled catch-up", now + timedelta(days=2)),
                              ("Next practice-sharing", now + timedelta(days=3))):
            event = await tx.events.add(cohort.id, title, "online", starts, starts + timedelta(hours=1),
                                        "https://meet.example/ktp", "", 1, now - timedelta(days=10))
            if title.startswith("Cancelled"):
                await tx.events.cancel(event)
    chat = journey.standin.user(35)
    await chat.send("/sessions")
    listed = await chat.wait_for("Next practice-sharing")
    assert "Last week's training day" not in listed.text and "Cancelled catch-up" not in listed.text


def test_reminder_times_can_be_set_and_bad_ones_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import SettingsError, load_settings
    from scheduler.reminders import parse_offsets

    assert parse_offsets("1h, 3d,30m") == (("3d", timedelta(days=3)), ("hour", timedelta(hours=1)),
                                           ("30m", timedelta(minutes=30)))
    monkeypatch.setenv("KTP_EVENT_REMINDERS", "3d,30m")
    offsets = load_settings().reminder_offsets()
    tz = "Europe/London"
    assert due_reminder(STARTS, STARTS - timedelta(days=3), tz, offsets=offsets) == "3d"
    assert due_reminder(STARTS, STARTS - timedelta(days=1), tz, offsets=offsets) == "3d"  # still due
    assert due_reminder(STARTS, STARTS - timedelta(minutes=30), tz, offsets=offsets) == "30m"
    assert due_reminder(STARTS, STARTS - timedelta(days=7), tz, offsets=offsets) is None
    for bad in ("1w", "0h", "", "tomorrow"):
        monkeypatch.setenv("KTP_EVENT_REMINDERS", bad)
        with pytest.raises(SettingsError, match="KTP_EVENT_REMINDERS"):
            load_settings()
