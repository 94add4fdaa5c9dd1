"""The learner's own record: the journal in the chat, the journal PDF, the certificate."""

from __future__ import annotations

import io
from datetime import timedelta

from pypdf import PdfReader

from tests.conftest import FakeClock, tiny_course
from tests.journey import Journey

PROMPTS = ["t1-d2-r1", "t1-d3-r1", "t2-d2-r1", "t1-d3-fb"]


async def _write(journey: Journey, clock: FakeClock, user_id: int, texts: list[str]) -> None:
    async with journey.services.store.transaction() as tx:
        for step, text in zip(PROMPTS, texts, strict=False):
            kind = "feedback" if step.endswith("fb") else "reflect"
            await tx.progress.save_reflection(user_id, step, kind, text, clock.now())
            clock.advance(timedelta(days=1))


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


async def test_a_learner_pages_edits_and_deletes_their_journal(journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(61)
    await _write(journey, clock, 61, ["First thought.", "Second thought.", "Third thought.", "Fourth."])
    chat = journey.standin.user(61)
    await chat.send("/journal")
    page = await chat.wait_for("Your journal")
    assert "page 1 of 2" in page.text and "Fourth." in page.text and "First thought." not in page.text
    await chat.press("‹ Older", message=page)
    older = await chat.wait_for("page 2 of 2")
    assert "First thought." in older.text
    await chat.press("Edit 1", message=older)
    await chat.wait_for("Send the new text for this entry")
    await chat.send("First thought, with Jamie Robertson.")  # an edit is screened too
    await chat.wait_for("Updated.")
    flagged = await chat.wait_for("might include someone's name")
    await chat.press("Edit it", message=flagged)
    await chat.wait_for("Send the new text for this entry")
    await chat.send("First thought, put better.")
    await chat.wait_for("Updated.")
    await chat.send("/journal")
    page = await chat.wait_for("page 1 of 2")
    await chat.press("Delete 1", message=page)
    confirm = await chat.wait_for("Delete this journal entry?")
    await chat.press("Delete it", message=confirm)
    await chat.wait_for("Deleted from your journal.")
    async with journey.services.store.read() as tx:
        texts = sorted(r.text for r in await tx.progress.reflections(61))
    assert texts == ["First thought, put better.", "Second thought.", "Third thought."]


async def test_someone_elses_journal_entry_cannot_be_touched(journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(62)
    await journey.enrol(63)
    await _write(journey, clock, 62, ["Private to 62."])
    async with journey.services.store.read() as tx:
        entry = (await tx.progress.reflections(62))[0].id
    intruder = journey.standin.user(63)
    await intruder.send("/help")
    help_message = await intruder.wait_for("I send you short lessons")
    for data in (f"jx:{entry}", f"je:{entry}", f"sgd:{entry}"):
        await intruder.press_data(help_message, data)
    await intruder.send("/journal")
    await intruder.wait_for("Your journal is empty")
    async with journey.services.store.read() as tx:
        assert [r.text for r in await tx.progress.reflections(62)] == ["Private to 62."]
        assert await tx.pending.get(63) is None  # nothing of 62's is waiting for 63's text


async def test_the_journal_pdf_holds_reflections_scores_and_confidence(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(64, first_name="Morag")
    await _write(journey, clock, 64, ["I’ll greet every pupil at the door — by name."])
    async with journey.services.store.transaction() as tx:
        await tx.progress.rate(64, "t1-d1-cb", "t1-s1", "before", 2, clock.now())
        await tx.progress.add_answer(64, "t1-d1-q1", 0, True, clock.now())
    chat = journey.standin.user(64)
    await chat.send("/journal")
    page = await chat.wait_for("Your journal")
    await chat.press("📄 Send me my journal (PDF)", message=page)
    sent = await chat.wait_for(lambda m: m.document is not None)
    assert sent.document is not None and sent.document[1].startswith(b"%PDF")
    text = _pdf_text(sent.document[1])
    for expected in ("Learning journal: Morag", "Module 1: First things", "1 of 1 right first time",
                     "2.0 at the start", "I’ll greet every pupil at the door — by name.",
                     "For your supervision conversation", "Page 1 of 2", "What pupil support staff said",
                     "ensure that pupil support staff are given opportunity to seek support"):
        assert expected in " ".join(text.split()), expected


async def test_finishing_the_course_offers_a_certificate_with_the_name_given(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(65)
    async with journey.services.store.transaction() as tx:
        for module in tiny_course().modules:
            for drop in module.drops:
                await tx.progress.drop_completed(65, drop.id, clock.now())
    chat = journey.standin.user(65)
    await chat.send("/certificate")
    await chat.wait_for("How would you like your name to appear")
    # Letters the certificate's font cannot draw would print blank: asked again, not printed.
    await chat.send("李小龍")
    await chat.wait_for("the certificate can't yet print 李小龍 properly")
    await chat.send("Morag  MacLeod-Ní Bhriain")
    sent = await chat.wait_for(lambda m: m.document is not None)
    assert sent.document is not None
    text = _pdf_text(sent.document[1])
    assert "Certificate of Completion" in text and "Morag MacLeod-Ní Bhriain" in text
    assert "Module 2: Second things" in text and "an estimate" not in text


def test_a_long_name_is_set_smaller_and_stays_within_the_page() -> None:
    from datetime import date

    from bot.usecases.record import Record
    from bot.views.certificate import certificate_pdf
    from storage.certificates import Certificate

    name = "Anne-Marie Catriona Seonaidh MacLeod-Ní Bhriain of Stornoway"
    issued = Certificate("KTP-2345-6789", 1, name, "", date(2027, 1, 7), 60.0)
    pdf = certificate_pdf(Record("Anne", [], [], 60.0, None, ()), issued)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    starts: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if "Stornoway" in text or "Anne-Marie" in text:
            starts.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    margin = 20 / 25.4 * 72  # 20 mm in points; an A4 page is 595 points wide
    assert starts and all(margin - 1 <= x <= 595 - margin for x in starts)
    assert "Stornoway" in page.extract_text()


async def test_no_certificate_before_the_course_is_finished(journey: Journey) -> None:
    await journey.enrol(66)
    chat = journey.standin.user(66)
    await chat.send("/certificate")
    await chat.wait_for("Your certificate is ready when you finish the course")


async def test_the_last_drop_brings_a_module_summary_and_the_certificate_offer(
        journey: Journey, clock: FakeClock) -> None:
    await journey.enrol(67)
    async with journey.services.store.transaction() as tx:
        for drop in ("t1-d1", "t1-d2", "t1-d3", "t2-d1"):
            await tx.progress.drop_completed(67, drop, clock.now())
        await tx.learners.update(67, current_step="t2-d2-r1")
    chat = journey.standin.user(67)
    await chat.send("I will ask for supervision time this term.")
    summary = await chat.wait_for("You've completed Module 2")
    assert "• More" in summary.text and "• Looking back" in summary.text
    await chat.wait_for("How would you like your name to appear")


async def test_progress_shows_drops_quiz_confidence_time_left_and_a_streak_across_the_holidays(
        journey: Journey, clock: FakeClock) -> None:
    from datetime import UTC, datetime

    await journey.enrol(37)
    async with journey.services.store.transaction() as tx:
        cohort = await tx.cohorts.by_code("dundee26")
        assert cohort is not None
        await tx.cohorts.set_calendar(cohort.id, {"holidays": [
            {"start": "2026-12-19", "end": "2027-01-05", "name": "Christmas"}]})
        before_break = datetime(2026, 12, 14, 10, 30, tzinfo=UTC)
        after_break = datetime(2027, 1, 6, 10, 30, tzinfo=UTC)
        await tx.progress.rate(37, "t1-d1-cb", "t1-s1", "before", 2, before_break)
        await tx.progress.add_answer(37, "t1-d1-q1", 1, False, before_break)
        await tx.progress.add_answer(37, "t1-d1-q1", 0, True, after_break, recall=True)
        await tx.progress.drop_completed(37, "t1-d1", before_break)
        await tx.progress.drop_completed(37, "t1-d2", after_break)
    clock.set(datetime(2027, 1, 7, 12, 0, tzinfo=UTC))
    chat = journey.standin.user(37)
    await chat.send("/progress")
    shown = await chat.wait_for("Your progress")
    assert "Module 1: First things" in shown.plain
    assert "right first time" not in shown.plain and "Quiz checks tried: 1" in shown.plain
    assert "Confidence at the start: 2.0 of 5; you'll rate it again at the end" in shown.plain
    assert "▰▰▰▰▰▰▰▱▱▱ 2 of 3 drops" in shown.plain
    assert "min left" in shown.plain
    # Two school weeks with a drop, the two holiday weeks between them not counted against it.
    assert "🔥 2 weeks in a row with at least one drop" in shown.plain
