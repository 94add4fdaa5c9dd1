"""A drop costs as few calls to Telegram as read well: its end comes in the reply that ends it, cards
keep their buttons (a press on an earlier one changes nothing), and nothing is said twice."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.views.learning import STALE
from tests.conftest import FakeClock
from tests.journey import Journey


async def _drop_two(journey: Journey, user_id: int) -> None:
    """A learner who has done drop one, at drop two's card (a card, then a reflective prompt)."""
    await journey.enrol(user_id)
    async with journey.services.store.transaction() as tx:
        await tx.progress.drop_completed(user_id, "t1-d1", journey.clock.now())
        await tx.learners.update(user_id, current_step="t1-d2-c1")


async def test_a_drop_s_end_is_said_in_the_saved_reply_and_cards_keep_their_buttons(journey: Journey) -> None:
    await _drop_two(journey, 91)
    chat = journey.standin.user(91)
    await chat.send("/next")
    card = await chat.wait_for("Card one of drop two.")
    await chat.press("Next ›", message=card)
    await chat.wait_for("What will you try this week?")
    await chat.send("I will greet every pupil by name at the door.")
    saved = await chat.wait_for("Saved to your journal")
    assert "✅ <b>Drop done:</b>" in saved.text and "Your next drop comes" in saved.text
    assert saved.labels and "share" in saved.labels[0].lower()  # the buttons "Drop done" had
    said = [m.plain for m in chat.messages]
    assert len(said) == 3 and sum("Drop done" in text for text in said) == 1, said
    calls = journey.standin.stats
    assert calls.count("editMessageReplyMarkup") == 0 and calls.count("editMessageText") == 0
    assert chat.find("Card one of drop two.").labels == ["Next ›", "⏰ Not now"]


async def test_a_press_on_an_earlier_card_s_buttons_changes_nothing(journey: Journey) -> None:
    await _drop_two(journey, 92)
    chat = journey.standin.user(92)
    await chat.send("/next")
    card = await chat.wait_for("Card one of drop two.")
    await chat.press("Next ›", message=card)
    prompt = await chat.wait_for("What will you try this week?")
    for label in ("Next ›", "⏰ Not now"):  # the card is behind the learner now
        await chat.press(label, message=card)
    await chat.send("/help")
    await chat.wait_for("I send you short lessons")
    assert chat.answers[-2:] == [STALE, STALE]
    assert chat.find("Card one of drop two.").labels == ["Next ›", "⏰ Not now"]  # no snooze choices
    assert [m.text for m in chat.messages][-2] == prompt.text  # nothing sent but /help's answer
    learner = await journey.services.store.learner(92)
    assert learner is not None and learner.current_step == "t1-d2-r1" and not learner.snoozed


async def test_the_last_quiz_s_verdict_says_the_drop_is_done(journey: Journey, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 23, 10, 30, tzinfo=UTC))
    await journey.enrol(93)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(93, current_step="t1-d1-c2")
    chat = journey.standin.user(93)
    await chat.send("/next")
    await chat.press("Next ›", message=await chat.wait_for("Card <b>two</b> of drop one."))
    await chat.press("A", message=await chat.wait_for("Which is right?"))
    verdict = await chat.wait_for("A is right.")
    assert "Drop done" in verdict.text and "tomorrow at 10:30" in verdict.text
    assert verdict.labels and "share" in verdict.labels[0].lower()
    assert not any("Drop done" in m.text for m in chat.messages if m is not verdict)


def test_messages_join_only_with_at_most_one_set_of_buttons_and_within_telegram_s_limit() -> None:
    from bot.views.html import Markup
    from bot.views.screen import TEXT_LIMIT, Button, Screen, together

    plain, other = Screen(Markup("Saved.")), Screen(Markup("A streak."))
    done = Screen(Markup("Drop done."), ((Button("Share", "s"),),))
    recall = Screen(Markup("One from earlier."), ((Button("A", "a"),),))
    joined = together([plain, done, other, recall])
    assert [s.text for s in joined] == ["Saved.\n\nDrop done.\n\nA streak.", "One from earlier."]
    assert joined[0].buttons == done.buttons and joined[1].buttons == recall.buttons
    long = Screen(Markup("x" * (TEXT_LIMIT - 5)))
    assert together([long, plain]) == [long, plain]  # joined, it would be too long for Telegram
