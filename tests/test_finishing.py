"""Finishing feels like finishing: the summary, then the certificate; a certificate that can be checked."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FakeClock, tiny_course
from tests.journey import Journey


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


async def _nearly_done(journey: Journey, user_id: int) -> None:
    await journey.enrol(user_id)
    async with journey.services.store.transaction() as tx:
        for drop in ("t1-d1", "t1-d2", "t1-d3", "t2-d1"):
            await tx.progress.drop_completed(user_id, drop, journey.clock.now())
        await tx.progress.add_answer(user_id, "t1-d1-q1", 1, False, journey.clock.now())
        await tx.progress.keep_card(user_id, "t1-d1-q1", "{}", journey.clock.now())
        await tx.learners.update(user_id, current_step="t2-d2-r1")


async def test_the_course_ends_with_the_summary_then_the_certificate_and_no_recall_in_the_same_burst(
        journey: Journey) -> None:
    await _nearly_done(journey, 71)
    chat = journey.standin.user(71)
    await chat.send("I will ask for supervision time this term.")
    summary = await chat.wait_for("You've completed Module 2")
    assert "What you covered" in summary.text and "You wrote 1 reflection" in summary.text
    assert "You've finished the #KeepThePromise course" in summary.text  # the same moment, one message
    await chat.wait_for("How would you like your name to appear")
    said = [m.text for m in chat.messages]
    offer = next(i for i, t in enumerate(said) if "How would you like your name" in t)
    assert said.index(summary.text) < offer  # the summary comes before the offer
    assert not any("One from earlier" in t for t in said)  # recall waits for another day


async def test_the_name_is_asked_once_kept_and_changeable_and_the_number_verifies(
        journey: Journey, clock: FakeClock) -> None:
    from bot.usecases.certificates import verify

    await journey.enrol(72)
    async with journey.services.store.transaction() as tx:
        for module in tiny_course().modules:
            for drop in module.drops:
                await tx.progress.drop_completed(72, drop.id, clock.now())
    chat = journey.standin.user(72)
    await chat.send("/certificate")
    await chat.wait_for("How would you like your name to appear")
    await chat.send("Morag MacLeod")
    first = await chat.wait_for(lambda m: m.document is not None)
    assert first.document is not None
    text = _pdf_text(first.document[1])
    assert "Morag MacLeod" in text and "Module 2: Second things" in text
    assert "estimate" not in text and "hours of professional learning" in text
    number = next(w for w in text.split() if w.startswith("KTP-"))
    await chat.send("/certificate")  # sent again, not asked again
    again = await chat.wait_for(lambda m: m.document is not None)
    assert again.document is not None and number in _pdf_text(again.document[1])
    await chat.send("/certificate name")
    await chat.wait_for("What name should your certificate show")
    await chat.send("Morag Ní Bhriain")
    await chat.wait_for(lambda m: m.document is not None and "Morag Ní Bhriain" in m.text)
    found = await verify(journey.services.store, number.lower().replace("-", " "))
    assert found is not None and found.name == "Morag Ní Bhriain" and "#KeepThePromise" in found.course
    assert await verify(journey.services.store, "KTP-2345-6789") is None
    await chat.send("/progress")
    shown = await chat.wait_for("Your progress")
    assert "when you next ask" not in shown.plain and "You've finished the course" in shown.plain


def test_the_desk_verifies_a_number_showing_name_course_and_date_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from bot.desk.cli import main
    from storage.certificates import Certificate
    from storage.store import Store

    path = tmp_path / "desk.sqlite3"
    monkeypatch.setenv("KTP_DATABASE", str(path))

    async def fill() -> None:
        store = await Store.open(path)
        now = datetime(2027, 1, 7, tzinfo=UTC)
        async with store.transaction() as tx:
            cohort = await tx.cohorts.create("Dundee", now)
            await tx.learners.create(5, 5, "Morag", cohort.id, now)
            await tx.certificates.issue(Certificate("KTP-7F3K-9Q2M", 5, "Morag MacLeod", "The course",
                                                    date(2027, 1, 7), 270.0), now)
        await store.close()

    asyncio.run(fill())
    assert main(["verify", "ktp-7f3k-9q2m"]) == 0
    out = capsys.readouterr().out
    assert "Morag MacLeod, The course, completed on 7 January 2027" in out and "270" not in out
    assert main(["verify", "KTP-2222-3333"]) == 1


def test_the_certificate_and_journal_render_to_png(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    from scripts.render_documents import main

    assert main([str(tmp_path)]) == 0
    pages = sorted(p.name for p in tmp_path.glob("*.png"))
    assert "certificate-1.png" in pages and "journal-2.png" in pages


def test_a_drop_header_says_where_it_sits_in_its_module() -> None:
    from bot.views.steps import step_screen

    module = tiny_course().modules[0]
    drop = module.drops[1]
    assert "Module 1 · drop 2 of 3" in step_screen(module, drop, drop.steps[0]).text
