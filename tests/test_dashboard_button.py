"""The "Dashboard" button under /cohorts opens the Mini App; the stand-in keeps it as Telegram would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo
from telegram.error import BadRequest

from bot.config import Settings
from standin import StandIn
from tests.conftest import FakeClock, tiny_course
from tests.dashboard_kit import COORD_A, DashboardJourney, Desk, desk, free_port, two_cohorts
from tests.journey import TOKEN, Journey

__all__ = ["desk"]


class PublicDashboard(DashboardJourney):
    """The dashboard on its public HTTPS address, as Telegram needs for a Mini App."""

    def settings(self, **extra: Any) -> Settings:
        return Journey.settings(self, dashboard_url="https://ktp.example", dashboard_port=self.port, **extra)


@pytest.fixture
async def public(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Journey]:
    async with StandIn(token=TOKEN) as standin:
        trip = PublicDashboard(standin, tmp_path / "bot.sqlite3", clock, tiny_course())
        trip.port = free_port()
        await trip.start()
        try:
            await two_cohorts(trip)
            yield trip
        finally:
            await trip.stop()


async def test_cohorts_has_a_dashboard_button_that_opens_the_mini_app(public: Journey) -> None:
    coordinator = public.standin.user(COORD_A, "Fiona")
    await coordinator.send("/cohorts")
    listed = await coordinator.wait_for("Your cohorts")
    assert listed.labels == ["Dashboard"]
    assert listed.web_apps == {"Dashboard": "https://ktp.example/app"}
    assert listed.data_for("Dashboard") is None  # it opens a page; nothing comes back to the bot


async def test_without_a_public_https_dashboard_cohorts_has_no_button(desk: Desk) -> None:
    coordinator = desk.journey.standin.user(COORD_A, "Fiona")
    await coordinator.send("/cohorts")
    listed = await coordinator.wait_for("Your cohorts")
    assert listed.labels == [] and listed.web_apps == {}


async def test_the_stand_in_refuses_a_mini_app_button_that_is_not_https(public: Journey) -> None:
    assert public.app is not None
    await public.standin.user(COORD_A, "Fiona").send("/cohorts")
    button = InlineKeyboardButton("Dashboard", web_app=WebAppInfo("http://ktp.example/app"))
    with pytest.raises(BadRequest, match=r"(?i)button_url_invalid"):
        await public.app.bot.send_message(COORD_A, "x", reply_markup=InlineKeyboardMarkup([[button]]))

