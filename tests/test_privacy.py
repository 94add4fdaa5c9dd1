"""A learner's own data: /mydata sends all of it, /forget deletes all of it; the safeguarding reply."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.usecases.terms import PRIVACY_VERSION
from tests.conftest import FakeClock
from tests.journey import Journey


async def test_mydata_sends_everything_then_forget_deletes_it(journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(71, first_name="Eilidh")
    async with journey.services.store.transaction() as tx:
        await tx.progress.save_reflection(71, "t1-d2-r1", "reflect", "My own words", clock.now())
        await tx.progress.add_answer(71, "t1-d1-q1", 0, True, clock.now())
    await journey.drip()
    chat = journey.standin.user(71)
    await chat.send("/mydata")
    data = await chat.wait_for(lambda m: m.document is not None and m.document[0] == "my-data.json")
    assert data.document is not None
    held = json.loads(data.document[1])
    assert held["learner"]["first_name"] == "Eilidh"
    assert held["reflections"][0]["text"] == "My own words"
    assert held["quiz_answers"][0]["step_id"] == "t1-d1-q1" and held["messages_queued"]
    assert [m["update"]["message"]["text"] for m in held["messages_received"]] == ["/mydata"]
    assert "events" in held and "recall_cards" in held
    text = await chat.wait_for(lambda m: m.document is not None and m.document[0] == "my-data.txt")
    assert text.document is not None and b"My own words" in text.document[1]
    await chat.send("/forget")
    confirm = await chat.wait_for("It cannot be undone")
    await chat.press("Delete everything", message=confirm)
    await chat.wait_for("everything I held about you is deleted")
    async with journey.services.store.read() as tx:
        for table in ("learners", "reflections", "quiz_answers", "outbox", "drop_progress"):
            async with tx.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = 71") as cur:
                assert (await cur.fetchone() or (1,))[0] == 0, table
        # The kept copies of their messages go too, but the press that asked, until it is pruned.
        left = await tx.inbox.of_sender(71)
    assert [m["update"]["callback_query"]["data"] for m in left] == ["fgt:yes"]


async def test_a_possible_disclosure_gets_the_child_protection_reply_and_a_choice(
        journey: Journey) -> None:
    await journey.enrol(72)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(72, current_step="t1-d2-r1")
    chat = journey.standin.user(72)
    await chat.send("A girl told me she is scared to go home tonight.")
    notice = await chat.wait_for("speak to your school's child protection coordinator today")
    await chat.press("Delete it", message=notice)
    await chat.wait_for("Deleted: it is no longer stored.")
    async with journey.services.store.read() as tx:
        assert await tx.progress.reflections(72) == []
        kept = [m["update"].get("message", {}).get("text") for m in await tx.inbox.of_sender(72)]
    assert "A girl told me she is scared to go home tonight." not in kept  # no copy left anywhere


async def test_kept_updates_hold_no_username_or_last_name(journey: Journey) -> None:
    await journey.enrol(73)
    await journey.standin.inject({"message": {
        "message_id": 5, "date": 0, "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        "chat": {"id": 73, "type": "private", "first_name": "Ana", "last_name": "Ruiz", "username": "ana_r"},
        "from": {"id": 73, "is_bot": False, "first_name": "Ana", "last_name": "Ruiz", "username": "ana_r",
                 "language_code": "en"}}})
    await journey.standin.user(73).wait_for("I send you short lessons")
    async with journey.services.store.read() as tx:
        body = json.dumps(await tx.inbox.of_sender(73))
    assert "Ana" in body and "ana_r" not in body and "Ruiz" not in body and "language_code" not in body


async def test_something_like_a_name_prompts_an_edit(journey: Journey) -> None:
    await journey.enrol(73)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(73, current_step="t1-d2-r1")
    chat = journey.standin.user(73)
    await chat.send("I sat with Jamie Robertson at lunch and it helped.")
    notice = await chat.wait_for("It looks like this might include someone's name")
    await chat.press("Edit it", message=notice)
    await chat.wait_for("Send it again without the name")
    await chat.send("I sat with a pupil at lunch and it helped.")
    await chat.wait_for("Saved to your journal")
    async with journey.services.store.read() as tx:
        texts = [r.text for r in await tx.progress.reflections(73)]
    assert texts == ["I sat with a pupil at lunch and it helped."]


async def test_a_changed_notice_is_agreed_again_before_the_next_drop(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(74)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(74, consent_version="2025-01")  # agreed to an older notice
    report, _ = await journey.drip()
    assert report.drops == 0
    chat = journey.standin.user(74)
    notice = await chat.wait_for("Our privacy notice has changed")
    assert "deleted 12 months after you last use the course" in notice.plain
    assert not [m for m in chat.messages if "How confident do you feel?" in m.text]
    await chat.press("I agree", message=notice)
    await chat.wait_for("Thank you")
    async with journey.services.store.read() as tx:
        learner = await tx.learners.get(74)
    assert learner is not None and learner.consent_version == PRIVACY_VERSION
    clock.advance(timedelta(minutes=1))
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(74, next_due_at=clock.now())
    assert (await journey.drip())[0].drops == 1
    await chat.wait_for("How confident do you feel?")
