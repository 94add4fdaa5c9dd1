"""Ids and numbers in every command and button: a bad one gets a kind reply, never a fault."""

from __future__ import annotations

import pytest

from bot.views.coordinator import NOT_ALLOWED
from bot.views.learning import FAULT, NOT_SAVED, NOT_THROUGH
from tests.journey import Journey

BAD = ["99999999999999999999", "-3", "abc", "1.5", "²", ""]
WHEN = "2026-12-01 10:00 | 2026-12-01 11:00"
COMMANDS = [
    "/invite {v}", "/stats {v}", "/broadcast {v}", "/calendar {v}", "/cancelevent {v}", "/rsvps {v}",
    "/rename {v} New name", "/promote {v} 1", "/promote 1 {v}", "/demote {v} 1", "/demote 1 {v}",
    "/move {v} 1", "/move 1 {v}", "/addevent {v} | Day | training | " + WHEN, "/editevent {v} | " + WHEN,
]
FAULTS = (str(FAULT), str(NOT_SAVED), str(NOT_THROUGH))


async def _last_error(journey: Journey) -> str | None:
    async with journey.services.store.read() as tx:
        return await tx.meta.get("last_error")


@pytest.mark.parametrize("who", [1, 8301], ids=["admin", "learner"])
async def test_every_coordinator_command_with_a_bad_number_gets_a_kind_reply(
        journey: Journey, who: int) -> None:
    await journey.make_cohort()
    await journey.enrol(8301)
    chat = journey.standin.user(who, "Morag")
    chat.chat.known = True
    for command in COMMANDS:
        for value in BAD:
            await chat.send(command.format(v=value).replace("  ", " "))
            reply = await chat.wait_for(lambda m: True)
            assert reply.text not in FAULTS, (command, value)
            if who == 8301:
                assert reply.text == str(NOT_ALLOWED), (command, value)  # the role is checked first
    assert await _last_error(journey) is None


async def test_buttons_with_huge_or_foreign_ids_change_nothing(journey: Journey) -> None:
    await journey.enrol(8302)
    chat = journey.standin.user(8302)
    huge = "9" * 40
    for data in (f"jd:{huge}", f"jx:{huge}", f"je:{huge}", f"jp:{huge}", f"rsvp:{huge}:y", f"ics:{huge}",
                 f"att:{huge}:y", f"bcs:{huge}", f"bcx:{huge}"):
        await chat.press_data(1, data)
    await chat.send("/help")
    await chat.wait_for("I send you short lessons")
    assert await _last_error(journey) is None
    assert all(answer is not None for answer in chat.answers)
