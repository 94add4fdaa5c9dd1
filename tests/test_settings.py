"""A learner changes their times, days, drops a day and time zone after joining, and the next drop
moves to fit at once."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.usecases.preferences import slot_key
from scheduler.clock_words import parse_clock as parse_time
from scheduler.zones import zone_named
from tests.conftest import FakeClock
from tests.journey import Journey

WEDNESDAY_9 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Scotland is on GMT in November


async def _due(journey: Journey, user_id: int) -> datetime | None:
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(user_id)
    assert learner is not None
    return learner.next_due_at


async def test_times_days_drops_and_zone_change_and_the_next_drop_follows(
        journey: Journey, clock: FakeClock) -> None:
    clock.set(WEDNESDAY_9)
    await journey.enrol(81)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(81, next_due_at=datetime(2026, 11, 25, 10, 30, tzinfo=UTC))
    chat = journey.standin.user(81)
    await chat.send("/settings")
    shown = await chat.wait_for("Your settings")
    assert "Times: Morning break (10:30)" in shown.plain and "Next drop: today at 10:30" in shown.plain
    await chat.press("🕒 Times", message=shown)
    await chat.wait_for(lambda m: "▫️ Lunch (12:30)" in m.labels)
    await chat.press("▫️ Lunch (12:30)", message=shown)
    await chat.wait_for(lambda m: "✅ Lunch (12:30)" in m.labels)
    await chat.press("✅ Morning break (10:30)", message=shown)
    await chat.wait_for(lambda m: "▫️ Morning break (10:30)" in m.labels)
    assert await _due(journey, 81) == datetime(2026, 11, 25, 12, 30, tzinfo=UTC)
    # The last time cannot be taken away: lessons need somewhere to go.
    await chat.press("✅ Lunch (12:30)", message=shown)
    await chat.send("/help")  # this chat's updates are handled in order: the press is answered
    await chat.wait_for("I send you short lessons")
    assert chat.answers[-1] == "Keep at least one time, so lessons have somewhere to go."
    # An exact time of their own, typed; bad and quiet-hours times get a kind explanation.
    await chat.press("➕ Another time", message=shown)
    await chat.wait_for("Send the time that suits you")
    await chat.send("25:00")
    await chat.wait_for("I couldn't read that as a time")
    await chat.send("21:15")
    await chat.wait_for("That's in quiet hours")
    await chat.send("9.05")
    saved = await chat.wait_for("✅ Saved.")
    assert "Times: Lunch (12:30), 09:05" in saved.plain
    assert await _due(journey, 81) == datetime(2026, 11, 25, 9, 5, tzinfo=UTC)
    # Not on Wednesdays: the next drop moves to Thursday's first time.
    await chat.press("📅 Days", message=saved)
    await chat.wait_for(lambda m: "✅Wed" in m.labels)
    await chat.press("✅Wed", message=saved)
    await chat.wait_for(lambda m: "▫️Wed" in m.labels)
    assert await _due(journey, 81) == datetime(2026, 11, 26, 9, 5, tzinfo=UTC)
    await chat.press("‹ Back to settings", message=saved)
    await chat.wait_for(lambda m: "3 a day" in m.labels)
    await chat.press("3 a day", message=saved)
    await chat.wait_for(lambda m: "✅ 3 a day" in m.labels)
    # A time zone by name, in any case; an unknown one is explained.
    await chat.press("🌍 Time zone", message=saved)
    await chat.wait_for("Send your time zone")
    await chat.send("Mars/Olympus")
    await chat.wait_for("I don't know that time zone")
    await chat.send("europe/helsinki")
    moved = await chat.wait_for("Time zone: Europe/Helsinki")
    assert "Next drop: tomorrow at" in moved.plain
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(81)
    assert learner is not None
    assert (learner.slots, learner.weekdays, learner.per_day, learner.tz) == (
        ("lunch", "0905"), (0, 1, 3, 4), 3, "Europe/Helsinki")
    assert learner.next_due_at == datetime(2026, 11, 26, 7, 5, tzinfo=UTC)  # 09:05 in Helsinki


async def test_settings_are_only_for_people_who_have_joined(journey: Journey) -> None:
    chat = journey.standin.user(82)
    await chat.send("/settings")
    await chat.wait_for("Settings are for people taking the course")


@pytest.mark.parametrize(("text", "expected"), [
    ("10:05", time(10, 5)), ("1005", time(10, 5)), ("9.05", time(9, 5)), ("2:30pm", time(14, 30)),
    ("12:15am", time(0, 15)), ("13:00pm", None), ("25:00", None), ("noon", time(12, 0)), ("", None)])
def test_times_are_read_as_people_write_them(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected


def test_a_named_break_keeps_its_name_and_zones_are_found_in_any_case() -> None:
    assert slot_key(time(12, 30)) == "lunch" and slot_key(time(14, 5)) == "1405"
    assert zone_named("europe/dublin") == "Europe/Dublin" and zone_named("London") == "Europe/London"


async def test_a_time_of_their_own_while_joining(journey: Journey, clock: FakeClock) -> None:
    clock.set(WEDNESDAY_9)
    code = await journey.make_cohort()
    chat = journey.standin.user(83, "Ruaridh")
    await chat.send(f"/start {code}")
    await chat.press("I agree, let's start", message=await chat.wait_for("Before you start"))
    await chat.press("Pupil support assistant", message=await chat.wait_for("Which best describes"))
    picker = await chat.wait_for("When do a few minutes usually suit you?")
    await chat.press("➕ Another time", message=picker)
    await chat.wait_for("Send the time that suits you")
    await chat.send("14:05")
    again = await chat.wait_for(lambda m: "✅ 14:05" in m.labels)
    await chat.press("Done", message=again)
    await chat.wait_for("Times: 14:05")
    await chat.press("Done", message=await chat.wait_for("Which days are you usually in school?"))
    offer = await chat.wait_for("Would you like your first drop now")
    assert "today at 14:05" in offer.plain
