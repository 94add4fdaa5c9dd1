"""Forged button presses: callback data is never trusted, so no step is passed without doing it."""

from __future__ import annotations

from bot.callbacks import Action, cb
from tests.journey import Journey


async def test_forged_next_presses_skip_no_quiz_rating_or_prompt_and_give_no_certificate(
        journey: Journey) -> None:
    await journey.enrol(8201, first_name="Ailsa")
    await journey.drip()
    chat = journey.standin.user(8201, "Ailsa")
    await chat.wait_for("I know the first thing")  # the rating that opens the first drop
    opening = chat.messages[-1]
    for _ in range(14):
        learner = await journey.services.store.learner(8201)
        assert learner is not None and learner.current_step is not None
        await chat.press_data(opening, cb(Action.NEXT, learner.current_step))
    await chat.send("/certificate")
    await chat.wait_for("Your certificate is ready when you finish the course")
    learner = await journey.services.store.learner(8201)
    assert learner is not None and learner.current_step == "t1-d1-cb"  # still the opening rating
    async with journey.services.store.read() as tx:
        assert await tx.progress.completed_drops(8201) == set()
