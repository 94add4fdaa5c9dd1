"""What a reply is for: the last thing the person was asked, whatever was asked before it."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable

import pytest

from bot.usecases.pending import PendingKind
from bot.views.pending import WAITED_FOR
from standin.people import ChatUser
from standin.state import Sent
from tests.conftest import FakeClock, tiny_course
from tests.journey import Journey

K = PendingKind
PROMPT_STEP = "t1-d3-r1"  # "What will you do differently?"
REPLIES = {K.EVENT_ANSWER: "A calm start to the day.", K.SETTINGS_TIME: "14:05",
           K.SETTINGS_ZONE: "europe/dublin", K.CERTIFICATE_NAME: "Morag Example",
           K.JOURNAL_EDIT: "Rewritten entry.", K.COORDINATOR_DRAFT: "Staff meeting moved to Friday.",
           K.PROMPT: "I will listen first.", K.HELD: "I sat with a pupil at lunch.",
           K.TIP_TEXT: "A calm corner before the register."}


async def _stage(journey: Journey, clock: FakeClock, uid: int) -> tuple[int, int]:
    """A learner who has done the course, has a journal entry, went to a session, coordinates the
    cohort and has a reflective prompt open: every kind of question can be put to them."""
    await journey.enrol(uid)
    now = clock.now()
    async with journey.services.store.transaction() as tx:
        learner = await tx.learners.get(uid)
        assert learner is not None and learner.cohort_id is not None
        for module in tiny_course().modules:
            for drop in module.drops:
                await tx.progress.drop_delivered(uid, drop.id, now)
                await tx.progress.drop_completed(uid, drop.id, now)
        entry = await tx.progress.save_reflection(uid, "t1-d2-r1", "reflect", "Old entry.", now)
        await tx.learners.update(uid, current_step=PROMPT_STEP)
        await tx.coordination.add_coordinator(uid, learner.cohort_id, 1, now)
        event = (await tx.events.upcoming(now))[0]
        await tx.events.answer(event.id, uid, "going", now)
    return entry, event.id


async def _event(journey: Journey) -> None:
    await journey.make_cohort()
    admin = journey.standin.user(1, "Admin")
    await admin.send("/addevent 1 | Training day | training | 2026-12-03 09:00 | 2026-12-03 15:00 | Dundee")
    await admin.wait_for("Added: Training day")


def _is_help(m: Sent) -> bool:
    """/help's reply, whichever role's it is: these chats include coordinators and the admin."""
    return "I send you short lessons" in m.text or "your coordinator commands" in m.text


async def _open(journey: Journey, chat: ChatUser, kind: PendingKind, entry: int, event: int) -> None:
    """Ask the person for one thing, as they would be asked in the chat."""
    await chat.send("/help")
    menu = await chat.wait_for(_is_help)
    asks: dict[PendingKind, tuple[Callable[[], Awaitable[None]], str]] = {
        K.EVENT_ANSWER: (lambda: chat.press_data(menu, f"att:{event}:y"), "you'll try in your work"),
        K.SETTINGS_TIME: (lambda: chat.press_data(menu, "set:addt"), "Send the time that suits you"),
        K.SETTINGS_ZONE: (lambda: chat.press_data(menu, "set:zone"), "Send your time zone"),
        K.CERTIFICATE_NAME: (lambda: chat.send("/certificate"), "certificate of completion"),
        K.JOURNAL_EDIT: (lambda: chat.press_data(menu, f"je:{entry}"), "Send the new text"),
        K.COORDINATOR_DRAFT: (lambda: chat.send("/broadcast 1"), "Send me the message for"),
        K.PROMPT: (lambda: chat.send("/next"), "What will you do differently?"),
        K.HELD: (lambda: _held_name(chat), "might include someone's name"),
        K.TIP_TEXT: (lambda: chat.press_data(menu, "tip:t1-d1"), "one short thing"),
    }
    act, asked = asks[kind]
    await act()
    await chat.wait_for(asked)


async def _held_name(chat: ChatUser) -> None:
    """A reply held for a possible name waits for its new version."""
    await chat.send("/next")
    await chat.wait_for("What will you do differently?")
    await chat.send("I sat with Jamie Robertson at lunch.")


async def _landed(journey: Journey, kind: PendingKind, uid: int, entry: int, text: str) -> bool:
    """Whether the text was kept where a reply of that kind belongs."""
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(uid)
        reflections = {r.id: (r.step_id, r.text) for r in await tx.progress.reflections(uid)}
        tried = (await tx.conn.execute("SELECT will_try FROM rsvps WHERE user_id = ?", (uid,))).rows
        drafts = (await tx.conn.execute("SELECT text FROM broadcasts WHERE author = ?", (uid,))).rows
        held = (await tx.conn.execute("SELECT text FROM held_texts WHERE user_id = ?", (uid,))).rows
        tips = (await tx.conn.execute("SELECT text FROM tips WHERE author_id = ?", (uid,))).rows
    assert learner is not None
    found = {K.EVENT_ANSWER: any(r[0] == text for r in tried),
             K.SETTINGS_TIME: "1405" in learner.slots,
             K.SETTINGS_ZONE: learner.tz == "Europe/Dublin",
             K.CERTIFICATE_NAME: False,  # a certificate is sent, never kept: the chat shows it
             K.JOURNAL_EDIT: reflections.get(entry) == ("t1-d2-r1", text),
             K.COORDINATOR_DRAFT: any(r[0] == text for r in drafts),
             K.PROMPT: (PROMPT_STEP, text) in reflections.values(),
             K.HELD: not held and (PROMPT_STEP, text) in reflections.values(),
             K.TIP_TEXT: any(r[0] == text for r in tips)}
    return found[kind]


# Answering the prompt with a name is what holds it: that replaces nothing. A coordinator's reason
# for declining a tip, or wording of it, needs a tip offered first: tests/test_board.py and
# tests/test_board_coordinator.py have them. A new cohort's term dates are asked of the admin who
# made it: tests/test_closed_days.py has them.
_NEED_A_TIP = {K.TIP_DECLINE, K.TIP_EDIT, K.TERM_DATES}
PAIRS = [p for p in itertools.permutations([k for k in PendingKind if k not in _NEED_A_TIP], 2)
         if p != (K.PROMPT, K.HELD)]


async def test_a_reply_goes_to_the_last_question_asked_and_the_one_before_is_said_to_be_dropped(
        journey: Journey, clock: FakeClock) -> None:
    await _event(journey)
    for number, (first, second) in enumerate(PAIRS):
        uid = 700 + number
        entry, event = await _stage(journey, clock, uid)
        chat = journey.standin.user(uid, "Morag")
        await _open(journey, chat, first, entry, event)
        await _open(journey, chat, second, entry, event)
        assert any(f"I was waiting for {WAITED_FOR[first]}; I've dropped that" in m.text
                   for m in chat.messages), (first, second)
        await chat.send(REPLIES[second])
        if second == K.CERTIFICATE_NAME:
            await chat.wait_for(lambda m: m.document is not None)
        else:
            await chat.send("/help")  # this chat's updates are handled in order: the reply is in
            await chat.wait_for(_is_help)
            assert await _landed(journey, second, uid, entry, REPLIES[second]), (first, second)
        assert not await _landed(journey, first, uid, entry, REPLIES[second]), (first, second)


@pytest.mark.parametrize("kind", [K.EVENT_ANSWER, K.JOURNAL_EDIT, K.SETTINGS_TIME])
async def test_a_reflection_after_an_unanswered_question_goes_to_the_journal(
        journey: Journey, clock: FakeClock, kind: PendingKind) -> None:
    """Defects 1-3: the question was asked, the learner moved on to the next prompt and answered it."""
    await _event(journey)
    entry, event = await _stage(journey, clock, 90)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(90, current_step=None)
        await tx.conn.execute("DELETE FROM drop_progress WHERE user_id = 90 AND drop_id = 't1-d3'")
    chat = journey.standin.user(90, "Morag")
    await _open(journey, chat, kind, entry, event)
    if kind == K.SETTINGS_TIME:
        await chat.send("2pm-ish")
        await chat.wait_for("I couldn't read that as a time")
    await chat.send("/next")  # the next drop: its card, then its reflective prompt
    card = await chat.wait_for("Card one of drop three.")
    await chat.press("Next ›", message=card)
    said = await chat.wait_for(f"I was waiting for {WAITED_FOR[kind]}; I've dropped that")
    assert "What will you do differently?" in said.text  # the word about it and the prompt, one message
    await chat.send("I will listen first.")
    await chat.wait_for("Saved to your journal")
    assert await _landed(journey, K.PROMPT, 90, entry, "I will listen first.")
    async with journey.services.store.read() as tx:
        texts = {r.id: r.text for r in await tx.progress.reflections(90)}
        tried = (await tx.conn.execute("SELECT will_try FROM rsvps WHERE user_id = 90")).rows
    assert texts[entry] == "Old entry." and tried[0][0] is None


async def test_an_unreadable_time_then_a_reflection_is_saved_and_the_wait_dropped(
        journey: Journey, clock: FakeClock) -> None:
    """Defect 3: after '2pm-ish', a reflection for the open prompt is not eaten as a time."""
    await _event(journey)
    entry, event = await _stage(journey, clock, 91)
    chat = journey.standin.user(91, "Morag")
    await _open(journey, chat, K.SETTINGS_TIME, entry, event)
    await chat.send("2pm-ish")
    await chat.wait_for("I couldn't read that as a time")
    await chat.send("I will listen first, and ask what would help.")
    await chat.wait_for(f"I was waiting for {WAITED_FOR[K.SETTINGS_TIME]}; I've dropped that")
    await chat.wait_for("Saved to your journal")
    assert await _landed(journey, K.PROMPT, 91, entry, "I will listen first, and ask what would help.")


async def test_a_demoted_coordinators_texts_are_theirs_again(journey: Journey, clock: FakeClock) -> None:
    """Defect 4: demoted between /broadcast and the message; later texts are saved, /forget clears."""
    await _event(journey)
    entry, event = await _stage(journey, clock, 92)
    chat = journey.standin.user(92, "Morag")
    await _open(journey, chat, K.COORDINATOR_DRAFT, entry, event)
    admin = journey.standin.user(1)
    await admin.send("/demote 92 1")
    await admin.wait_for("no longer")
    await chat.send("I will listen first.")
    await chat.wait_for("Saved to your journal")
    assert await _landed(journey, K.PROMPT, 92, entry, "I will listen first.")
    assert not await _landed(journey, K.COORDINATOR_DRAFT, 92, entry, "I will listen first.")


async def test_forget_clears_what_was_waiting(journey: Journey, clock: FakeClock) -> None:
    await _event(journey)
    entry, event = await _stage(journey, clock, 93)
    chat = journey.standin.user(93, "Morag")
    await _open(journey, chat, K.COORDINATOR_DRAFT, entry, event)
    await chat.send("/forget")
    await chat.press("Delete everything", message=await chat.wait_for("This deletes"))
    await chat.wait_for("everything I held about you is deleted")
    async with journey.services.store.read() as tx:
        assert await tx.pending.get(93) is None


async def test_a_demoted_coordinator_is_told_once_that_their_draft_was_dropped(
        journey: Journey, clock: FakeClock) -> None:
    await _event(journey)
    entry, event = await _stage(journey, clock, 94)
    chat = journey.standin.user(94, "Morag")
    await _open(journey, chat, K.COORDINATOR_DRAFT, entry, event)
    admin = journey.standin.user(1)
    await admin.send("/demote 94 1")
    await admin.wait_for("no longer")
    await chat.send("I will listen first.")
    await chat.wait_for("Saved to your journal")
    await chat.send("And ask what would help.")
    await chat.wait_for("none is open just now")
    told = [m for m in chat.messages if WAITED_FOR[K.COORDINATOR_DRAFT] in m.text]
    assert len(told) == 1 and "Nothing was sent." in told[0].text
