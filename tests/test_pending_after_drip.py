"""A drop the drip sends that opens with a prompt is the newest question: a reply goes to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.usecases.pending import PendingKind
from bot.views.pending import WAITED_FOR
from lessons.models import Course
from tests.conftest import FakeClock, tiny_course
from tests.journey import Journey


def _second_drop_opens_with_its_prompt() -> Course:
    course = tiny_course()
    module = course.modules[0]
    drop = module.drops[1]
    reordered = drop.model_copy(update={"steps": [drop.steps[1], drop.steps[0], *drop.steps[2:]]})
    drops = [module.drops[0], reordered, *module.drops[2:]]
    return course.model_copy(update={"modules": [module.model_copy(update={"drops": drops}),
                                                 *course.modules[1:]]})


@pytest.fixture
async def prompt_first(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Journey]:
    from standin import StandIn
    from tests.journey import TOKEN

    async with StandIn(token=TOKEN) as standin:
        trip = Journey(standin, tmp_path / "bot.sqlite3", clock, _second_drop_opens_with_its_prompt())
        await trip.start()
        try:
            yield trip
        finally:
            await trip.stop()


async def test_a_drop_opening_with_a_prompt_replaces_a_pending_time(
        prompt_first: Journey, clock: FakeClock) -> None:
    journey = prompt_first
    await journey.make_cohort()
    await journey.enrol(93)
    async with journey.services.store.transaction() as tx:
        first = tiny_course().modules[0].drops[0].id
        await tx.progress.drop_delivered(93, first, clock.now())
        await tx.progress.drop_completed(93, first, clock.now())
    chat = journey.standin.user(93, "Morag")
    await chat.send("/settings")
    menu = await chat.wait_for("Your settings")
    await chat.press_data(menu, "set:addt")
    await chat.wait_for("Send the time that suits you")
    clock.advance(timedelta(minutes=1))
    await journey.drip()
    await chat.wait_for("What will you try this week?")
    await chat.send("Ask 2 pupils first.")
    await chat.wait_for(f"I was waiting for {WAITED_FOR[PendingKind.SETTINGS_TIME]}; I've dropped that")
    await chat.wait_for("Saved to your journal")
    async with journey.services.store.read() as tx:
        kept = [(r.step_id, r.text) for r in await tx.progress.reflections(93)]
    assert kept == [("t1-d2-r1", "Ask 2 pupils first.")]
