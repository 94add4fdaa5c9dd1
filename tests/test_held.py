"""A flagged reply: the notice comes first and alone, the text is held until the learner chooses."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.usecases.export import export
from tests.journey import Journey

ADMIN = 1  # the journeys' admin (tests/journey.py)

DISCLOSURE = "Her mum's boyfriend hits her and she is scared to go home."
NOTICE = "speak to your school's child protection coordinator today"


async def _at_prompt(journey: Journey, user_id: int) -> None:
    await journey.enrol(user_id)
    async with journey.services.store.transaction() as tx:
        await tx.learners.update(user_id, current_step="t1-d2-r1", share_reflections=True)


async def _held(journey: Journey, user_id: int) -> list[str]:
    async with journey.services.store.read() as tx, tx.conn.execute(
            "SELECT text FROM held_texts WHERE user_id = ?", (user_id,)) as cur:
        return [row[0] for row in await cur.fetchall()]


async def test_after_a_possible_disclosure_the_notice_comes_alone_and_the_text_is_held(
        journey: Journey, tmp_path: Path) -> None:
    await _at_prompt(journey, 81)
    chat = journey.standin.user(81)
    await chat.send(DISCLOSURE)
    notice = await chat.wait_for(NOTICE)
    assert "call 999" in notice.plain and "does not pass anything on" in notice.plain
    await chat.send("sorry, one more thing")  # handled after the reply, in order: a barrier
    await chat.wait_for("Before we go on, please choose")
    said = [m.plain for m in chat.messages]
    assert len(said) == 2 and NOTICE in said[0], said  # no "Saved", no "Drop done", no quiz
    async with journey.services.store.read() as tx:
        assert await tx.progress.reflections(81) == []
        cohort = (await tx.learners.get(81)).cohort_id  # type: ignore[union-attr]
    assert await _held(journey, 81) == [DISCLOSURE]
    assert cohort is not None
    await export(journey.services, ADMIN, cohort, tmp_path / "held")
    assert DISCLOSURE not in (tmp_path / "held" / "reflections.csv").read_text(encoding="utf-8-sig")


async def test_kept_privately_it_is_flagged_never_exported_and_the_drop_carries_on(
        journey: Journey, tmp_path: Path) -> None:
    await _at_prompt(journey, 82)
    chat = journey.standin.user(82)
    await chat.send(DISCLOSURE)
    notice = await chat.wait_for(NOTICE)
    await chat.press("Keep it privately", message=notice)
    await chat.wait_for("Drop done")
    said = [m.plain for m in chat.messages]
    order = [next(i for i, text in enumerate(said) if part in text)
             for part in (NOTICE, "Thank you for looking after them.", "Drop done")]
    assert order == sorted(order) and order[0] == 0, said
    assert "Kept privately in your journal" in said[0] and "call 999" in said[0]
    assert not any("Saved to your journal" in text for text in said)
    async with journey.services.store.read() as tx:
        kept = await tx.progress.reflections(82)
        cohort = (await tx.learners.get(82)).cohort_id  # type: ignore[union-attr]
    assert [(r.text, r.flagged) for r in kept] == [(DISCLOSURE, True)]
    assert await _held(journey, 82) == [] and cohort is not None
    await export(journey.services, ADMIN, cohort, tmp_path / "kept")
    with (tmp_path / "kept" / "reflections.csv").open(encoding="utf-8-sig") as f:
        assert len(list(csv.reader(f))) == 1  # the header alone, though sharing is on


async def test_deleted_it_goes_with_its_message_copy_and_the_drop_carries_on(journey: Journey) -> None:
    await _at_prompt(journey, 83)
    chat = journey.standin.user(83)
    await chat.send(DISCLOSURE)
    notice = await chat.wait_for(NOTICE)
    await chat.press("Delete it", message=notice)
    await chat.wait_for("Drop done")
    assert "Deleted: it is no longer stored." in chat.find(NOTICE).plain
    assert chat.find("Thank you for looking after them.")
    async with journey.services.store.read() as tx:
        assert await tx.progress.reflections(83) == []
        copies = [m["update"].get("message", {}).get("text") for m in await tx.inbox.of_sender(83)]
    assert DISCLOSURE not in copies and await _held(journey, 83) == []


async def test_a_possible_name_asks_for_an_edit_first_and_the_drop_waits(journey: Journey) -> None:
    await _at_prompt(journey, 84)
    chat = journey.standin.user(84)
    named = "I sat with Jamie Robertson at lunch and it helped."
    await chat.send(named)
    notice = await chat.wait_for("It looks like this might include someone's name")
    await chat.press("Edit it", message=notice)
    await chat.wait_for("Send it again without the name")
    assert not any("Drop done" in m.plain or "Saved" in m.plain for m in chat.messages)
    await chat.send("I sat with a pupil at lunch and it helped.")
    await chat.wait_for("Drop done")
    assert chat.find("Saved to your journal")
    async with journey.services.store.read() as tx:
        texts = [r.text for r in await tx.progress.reflections(84)]
        copies = [m["update"].get("message", {}).get("text") for m in await tx.inbox.of_sender(84)]
    assert texts == ["I sat with a pupil at lunch and it helped."]
    assert named not in copies and await _held(journey, 84) == []


async def test_it_isnt_a_name_keeps_it_as_written(journey: Journey) -> None:
    await _at_prompt(journey, 85)
    chat = journey.standin.user(85)
    await chat.send("Reading Education Recovery Plans with Head Office helped.")
    notice = await chat.wait_for("It looks like this might include someone's name")
    await chat.press("It isn't a name", message=notice)
    await chat.wait_for("Drop done")
    async with journey.services.store.read() as tx:
        kept = await tx.progress.reflections(85)
    assert [(r.text, r.flagged) for r in kept] == [
        ("Reading Education Recovery Plans with Head Office helped.", False)]
