"""Everyday input: times, dates and places as people type them, read by small pure modules."""

from __future__ import annotations

from datetime import date, time

import pytest

from scheduler.clock_words import parse_clock
from scheduler.dates import parse_uk_date
from scheduler.zones import zone_named
from tests.journey import Journey

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(("text", "expected"), [
    ("2pm", time(14, 0)), ("9pm", time(21, 0)), ("9 PM", time(21, 0)), ("12pm", time(12, 0)),
    ("12am", time(0, 0)), ("10am", time(10, 0)), ("2.15pm", time(14, 15)), ("2:30 p.m.", time(14, 30)),
    ("12.30", time(12, 30)), ("10:05", time(10, 5)), ("1005", time(10, 5)), ("14h05", time(14, 5)),
    ("half 10", time(10, 30)), ("half past 2", time(14, 30)), ("half 12", time(12, 30)),
    ("Half 8", time(8, 30)), ("noon", time(12, 0)), ("midday", time(12, 0)),
    ("10", None), ("13pm", None), ("0am", None), ("25:00", None), ("10:75", None), ("half", None),
    ("soon", None), ("", None)])
def test_times_as_people_type_them(text: str, expected: time | None) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("11/01/2027", date(2027, 1, 11)), ("11/1/27", date(2027, 1, 11)), ("1.2.2027", date(2027, 2, 1)),
    ("11 Jan", date(2027, 1, 11)), ("11th January 2027", date(2027, 1, 11)), ("3 dec", date(2026, 12, 3)),
    ("23 Nov", date(2026, 11, 23)), ("22 Nov", date(2027, 11, 22)), ("1 Sept", date(2027, 9, 1)),
    ("2027-01-11", date(2027, 1, 11)), ("25/12", date(2026, 12, 25)),
    ("31/02/2027", None), ("13/13/2027", None), ("11 Smarch", None), ("tomorrow", None), ("", None)])
def test_dates_in_uk_forms_day_first(text: str, expected: date | None) -> None:
    assert parse_uk_date(text, TODAY) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("London", "Europe/London"), ("belfast", "Europe/London"), ("Dublin", "Europe/Dublin"),
    ("Glasgow", "Europe/London"), ("Edinburgh", "Europe/London"), ("helsinki", "Europe/Helsinki"),
    ("New York", "America/New_York"), ("europe/dublin", "Europe/Dublin"), ("Atlantis", None),
    ("x" * 80, None), ("", None)])
def test_time_zones_by_city(text: str, expected: str | None) -> None:
    assert zone_named(text) == expected


async def test_two_times_mean_two_drops_a_day_and_joining_says_so(journey: Journey) -> None:
    code = await journey.make_cohort()
    chat = journey.standin.user(601, "Morag")
    await chat.send(f"/start {code}")
    await chat.press("I agree, let's start", message=await chat.wait_for("Before you start"))
    await chat.press("Pupil support assistant", message=await chat.wait_for("Which best describes"))
    picker = await chat.wait_for("When do a few minutes usually suit you?")
    assert picker.labels[-1] == "Done"  # there from the start: nothing moves when a time is ticked
    await chat.press("▫️ Morning break (10:30)", message=picker)
    ticked = await chat.wait_for(lambda m: "✅ Morning break (10:30)" in m.labels)
    assert len(ticked.labels) == len(picker.labels) and ticked.labels[-1] == "Done"
    await chat.press("▫️ After school (15:45)", message=ticked)
    both = await chat.wait_for(lambda m: "✅ After school (15:45)" in m.labels)
    await chat.press("Done", message=both)
    said = await chat.wait_for("Times:")
    assert "Up to 2 drops a day, at 10:30 and 15:45." in said.plain
    learner = await journey.services.store.learner(601)
    assert learner is not None and learner.per_day == 2


async def test_typed_times_and_a_city_in_settings(journey: Journey) -> None:
    await journey.enrol(602)
    chat = journey.standin.user(602)
    await chat.send("/settings")
    await chat.press("🕒 Times", message=await chat.wait_for(lambda m: "🕒 Times" in m.labels))
    await chat.press("➕ Another time", message=await chat.wait_for(lambda m: "➕ Another time" in m.labels))
    await chat.wait_for("Send the time that suits you")
    await chat.send("9pm")
    await chat.wait_for("That's in quiet hours")
    await chat.send("half 2")
    await chat.press("🌍 Time zone", message=await chat.wait_for("Saved"))
    await chat.wait_for("Send your time zone as a city")
    await chat.send("Dublin")
    await chat.wait_for("Saved")
    learner = await journey.services.store.learner(602)
    assert learner is not None and "1430" in learner.slots and learner.tz == "Europe/Dublin"


async def test_pause_until_a_date_written_the_uk_way(journey: Journey) -> None:
    await journey.enrol(603)
    chat = journey.standin.user(603)
    await chat.send("/pause 11 Jan")
    paused = await chat.wait_for("Lessons are paused")
    assert "Jan" in paused.plain
    learner = await journey.services.store.learner(603)
    assert learner is not None and learner.paused_until is not None
    assert learner.paused_until.date().isoformat() >= "2027-01-11"
