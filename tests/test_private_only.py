"""The bot works with each person in a private chat: never in a group, never from another chat."""

from __future__ import annotations

from bot.callbacks import Action, cb
from tests.journey import Journey


async def test_added_to_a_group_the_bot_says_so_once_and_leaves(journey: Journey) -> None:
    await journey.enrol(8402)
    group = journey.standin.group(-8401, sender_id=8402)
    group.chat.known = True  # added to it: the bot may post there
    await group._member_update("left", "member")
    await group.wait_for("private chat only")
    await group.wait_left()
    await group.send("/journal")
    await group.send("/progress")
    await group.send("/frobnicate")
    await group.send("hello")
    await journey.standin.user(8402).send("/help")
    await journey.standin.user(8402).wait_for("I send you short lessons")
    assert len(group.messages) == 1


async def test_in_a_group_it_was_added_to_before_the_bot_leaves_at_the_next_message(journey: Journey) -> None:
    group = journey.standin.group(-8405, sender_id=8406)
    group.chat.known = True
    await group.send("Has anyone done module 2 yet?")
    await group.wait_left()
    assert group.messages == []


async def test_a_press_on_a_message_in_another_chat_changes_and_sends_nothing(journey: Journey) -> None:
    await journey.enrol(8403)
    await journey.drip()
    mine = journey.standin.user(8403)
    await mine.wait_for("I know the first thing")
    group = journey.standin.group(-8404, sender_id=8403)
    await group.press_data(1, cb(Action.CONFIDENCE, "t1-d1-cb", 4))
    await mine.send("/help")
    await mine.wait_for("I send you short lessons")
    learner = await journey.services.store.learner(8403)
    assert learner is not None and learner.current_step == "t1-d1-cb"
    assert group.messages == []
