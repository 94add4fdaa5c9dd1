"""/mydata as a document a person reads: sections, dates in words, course titles, the JSON beside it."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from bot.usecases.pending import PendingKind
from tests.conftest import FakeClock
from tests.journey import Journey

HOSTILE = "<b>Ann</b> $x$"
SECTIONS = ("WHO YOU ARE IN THE BOT", "YOUR SCHEDULE AND SETTINGS", "YOUR PROGRESS BY MODULE",
            "YOUR QUIZ ANSWERS", "YOUR REFLECTIONS AND HELD REPLIES", "YOUR EVENTS",
            "YOUR PRACTICE-BOARD TIPS", "WHAT IS WAITING FOR A REPLY")


async def test_mydata_sends_a_readable_document_and_the_json_both_holding_the_pending_reply(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(91, first_name=HOSTILE)
    june = datetime(2026, 6, 2, 9, 30, tzinfo=UTC)  # 10:30 in London, summer time
    async with journey.services.store.transaction() as tx:
        await tx.progress.drop_delivered(91, "t1-d1", june)
        await tx.progress.drop_completed(91, "t1-d1", june)
        await tx.progress.add_answer(91, "t1-d1-q1", 1, False, june)
        await tx.progress.rate(91, "t1-d1-cb", "t1-s1", "before", 2, june)
        await tx.progress.save_reflection(91, "t1-d2-r1", "reflect", "Ask first, $5 <i>not</i> later",
                                          clock.now())
        learner = await tx.learners.get(91)
        assert learner is not None and learner.cohort_id is not None
        await tx.tips.draft(91, learner.cohort_id, "t1", "Sit beside, not opposite.", clock.now())
        await tx.pending.put(91, PendingKind.CERTIFICATE_NAME.value, "", clock.now())
    chat = journey.standin.user(91)
    await chat.send("/mydata")
    data = await chat.wait_for(lambda m: m.document is not None and m.document[0] == "my-data.json")
    readable = await chat.wait_for(lambda m: m.document is not None and m.document[0] == "my-data.txt")
    assert data.document is not None and readable.document is not None
    held = json.loads(data.document[1])
    assert held["pending_reply"][0]["kind"] == "certificate_name" and held["learner"]["first_name"] == HOSTILE
    text = readable.document[1].decode()

    assert text.splitlines()[1] == "Your Telegram user id: 91"
    assert [s for s in SECTIONS if s not in text] == []
    assert f"Your name here: {HOSTILE}" in text  # shown as written, never as markup
    assert "Module 1: First things" in text and "Welcome: sent Tuesday 2 June 2026 at 10:30" in text
    assert "Q: Which is right?" in text and "You chose: The wrong one" in text
    assert "Thinking: \"What will you try this week?\"" in text
    assert "| Ask first, $5 <i>not</i> later" in text and "Monday 23 November 2026 at 09:00" in text
    assert "Sit beside, not opposite." in text and "about Module 1: First things" in text
    assert "I am waiting for the name for your certificate" in text
    assert "2 out of 5" in text and "Morning break (10:30)" in text
    columns = {"user_id", "first_name", "drop_id", "step_id", "created_at", "consent_version",
               "next_due_at", "share_reflections", "delivered_at", "t1-d1", "None", "True", "False"}
    assert [c for c in columns if c in text] == []
    assert not re.search(r"\d{4}-\d\d-\d\dT", text)  # no ISO timestamps
    assert len(text) < 4000
