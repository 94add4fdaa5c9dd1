"""Faults at Telegram's side while starting and while handling: the bot starts, and nobody meets silence."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from standin import StandIn
from tests.conftest import FakeClock, tiny_course
from tests.journey import TOKEN, Journey


@pytest.fixture
async def quiet_start(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Journey]:
    """A bot not yet started, so a test can break Telegram first."""
    async with StandIn(token=TOKEN) as standin:
        trip = Journey(standin, tmp_path / "bot.sqlite3", clock, tiny_course(), read_timeout=0.5)
        try:
            yield trip
        finally:
            await trip.stop()


@pytest.mark.parametrize("fault", ["500", "timeout"])
async def test_the_bot_starts_and_answers_when_the_command_menus_cannot_be_set(
        quiet_start: Journey, fault: str, caplog: pytest.LogCaptureFixture) -> None:
    standin = quiet_start.standin
    if fault == "500":
        standin.fail_next("setMyCommands", error_code=500, description="Internal Server Error", count=20)
    else:
        standin.timeout_next("setMyCommands", count=20)
    with caplog.at_level(logging.WARNING):
        app = await quiet_start.start()
    assert [r for r in caplog.records if "menus" in r.getMessage()] and len(caplog.records) == 1
    chat = standin.user(8101, "Ailsa")
    await chat.send("/help")
    await chat.wait_for("I send you short lessons")
    assert standin.commands() == []
    # Later, in the background, once Telegram takes them again.
    standin.faults.queued.clear()
    assert app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name("menus")
    await job.run(app)
    assert "help" in standin.commands()


async def test_a_failing_call_in_newcohort_gets_a_reply_and_the_repeat_gives_back_the_same_cohort(
        journey: Journey) -> None:
    standin = journey.standin
    admin = standin.user(1, "Morag")
    standin.fail_next("sendPhoto", error_code=500, description="Internal Server Error", count=4)
    await admin.send("/newcohort Dundee cluster")
    await admin.wait_for("didn't go through", timeout=15)
    await admin.send("/newcohort Dundee cluster")
    await admin.wait_for("t.me/")
    async with journey.services.store.read() as tx:
        made = [c for c in await tx.cohorts.all() if c.name == "Dundee cluster"]
    assert len(made) == 1
    assert made[0].invite_code in admin.find("t.me/").text


async def test_a_menu_telegram_cannot_set_never_stops_a_new_cohort(journey: Journey) -> None:
    admin = journey.standin.user(1, "Morag")
    journey.standin.fail_next("setMyCommands", error_code=500, description="Internal Server Error", count=4)
    await admin.send("/newcohort Fife cluster")
    await admin.wait_for("t.me/")  # the menu is cosmetic: the cohort and its link come all the same
    assert not any("didn't go through" in m.text for m in admin.messages)


async def test_an_unknown_command_gets_a_kind_reply_pointing_to_help(journey: Journey) -> None:
    chat = journey.standin.user(8102, "Ailsa")
    await chat.send("/frobnicate")
    await chat.wait_for("/help lists the ones I do know")
    await chat.send("/help")
    await chat.wait_for("I send you short lessons")
