"""Less to scroll: short notices with detail one tap away, no repeated cards, counts that read right."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.usecases.terms import PRIVACY_VERSION
from bot.views.plural import count
from bot.views.steps import CHILD_SAFE_BRIEF, CHILD_SAFE_REMINDER
from tests.conftest import FakeClock
from tests.journey import Journey


def test_counts_read_as_people_write_them() -> None:
    assert [count(n, "learner") for n in (0, 1, 2)] == ["0 learners", "1 learner", "2 learners"]
    assert count(1, "person", "people") == "1 person" and count(3, "person", "people") == "3 people"


async def test_the_privacy_notice_is_three_lines_with_the_rest_behind_more(journey: Journey) -> None:
    code = await journey.make_cohort()
    chat = journey.standin.user(501, "Morag")
    await chat.send(f"/start {code}")
    notice = await chat.wait_for("Before you start: your privacy")
    assert notice.text.count("• ") == 3 and len(notice.text) < 520
    assert "What we keep" not in notice.text
    await chat.press("More about privacy", message=notice)
    full = await chat.wait_for(lambda m: "What we keep" in m.text)
    assert full.message_id == notice.message_id  # the same message, opened up: nothing more to scroll
    assert "More about privacy" not in full.labels
    await chat.press("I agree, let's start", message=full)
    await chat.wait_for("Which best describes your role?")
    learner = await journey.services.store.learner(501)
    assert learner is not None and learner.consent_version == PRIVACY_VERSION


async def test_the_child_safety_note_is_in_full_once_a_day_then_one_line(journey: Journey) -> None:
    await journey.enrol(502)
    async with journey.services.store.transaction() as tx:
        await tx.progress.drop_completed(502, "t1-d1", journey.clock.now())
        await tx.learners.update(502, current_step="t1-d2-c1")
    chat = journey.standin.user(502)
    await chat.send("/next")
    await chat.press("Next ›", message=await chat.wait_for("Card one of drop two."))
    first = await chat.wait_for("What will you try this week?")
    assert CHILD_SAFE_REMINDER in first.text
    await chat.send("Listen first, then ask.")
    await chat.wait_for("Saved to your journal")
    await chat.send("/next")
    await chat.press("Next ›", message=await chat.wait_for("Card one of drop three."))
    second = await chat.wait_for("What will you do differently?")
    assert CHILD_SAFE_BRIEF in second.text and CHILD_SAFE_REMINDER not in second.text


async def test_a_nudge_points_to_the_open_card_instead_of_sending_it_again(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(503)
    await journey.drip()
    chat = journey.standin.user(503)
    await chat.wait_for("How confident do you feel?")
    clock.set(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))
    assert (await journey.drip())[0].nudges == 1
    nudge = await chat.wait_for("A gentle reminder")
    assert "<b>Welcome</b>" in nudge.text and nudge.labels == []
    assert len([m for m in chat.messages if "How confident do you feel?" in m.text]) == 1


async def test_one_learner_is_one_learner_in_the_cohort_list(journey: Journey) -> None:
    admin = journey.standin.user(1, "Admin")
    code = await journey.make_cohort("Fife")
    await journey.enrol(504, code=code)
    await admin.send("/cohorts")
    listed = await admin.wait_for("Your cohorts")
    assert "Fife</b>: 1 learner\n" in listed.text
