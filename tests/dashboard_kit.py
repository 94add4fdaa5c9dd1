"""The bot with its dashboard switched on, two cohorts with their coordinators, signed initData."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.dashboard.init_data import sign
from standin import StandIn
from tests.conftest import FakeClock, tiny_course
from tests.journey import TOKEN, Journey

COORD_A, COORD_B, LEARNER = 500, 600, 11


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class DashboardJourney(Journey):
    port = 0

    def settings(self, **extra: Any) -> Settings:
        return super().settings(dashboard_url=f"http://127.0.0.1:{self.port}", dashboard_port=self.port,
                                **extra)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Desk:
    journey: DashboardJourney
    a: int
    b: int

    @property
    def url(self) -> str:
        return self.journey.url


def init_data(user_id: int, at: datetime, token: str = TOKEN, first_name: str = "Fiona") -> str:
    user = json.dumps({"id": user_id, "first_name": first_name}, separators=(",", ":"))
    return sign({"auth_date": str(int(at.timestamp())), "query_id": "AAH1", "user": user}, token)


async def two_cohorts(journey: Journey) -> tuple[int, int]:
    """Dundee (coordinated by 500; learners 11 and 12) and Inverness (coordinated by 600; learner 21)."""
    now = journey.clock.now()
    async with journey.services.store.transaction() as tx:
        a = await tx.cohorts.create("Dundee cluster", now, code="dundee26")
        b = await tx.cohorts.create("Inverness cluster", now, code="inverness26")
        await tx.coordination.add_coordinator(COORD_A, a.id, 1, now)
        await tx.coordination.add_coordinator(COORD_B, b.id, 1, now)
    for uid, code in ((LEARNER, "dundee26"), (12, "dundee26"), (21, "inverness26")):
        await journey.enrol(uid, code=code)
    return a.id, b.id


async def sign_in_link(journey: Journey, user_id: int) -> str:
    """What /dashboard sends a coordinator in the chat: the one-time link."""
    person = journey.standin.user(user_id, "Fiona")
    await person.send("/dashboard")
    reply = await person.wait_for("sign-in link")
    found = re.search(r'href="([^"]+)"', reply.text)
    assert found, reply.text
    return found.group(1).replace("&amp;", "&")


@pytest.fixture
async def desk(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Desk]:
    async with StandIn(token=TOKEN) as standin:
        trip = DashboardJourney(standin, tmp_path / "bot.sqlite3", clock, tiny_course())
        trip.port = free_port()
        await trip.start()
        try:
            a, b = await two_cohorts(trip)
            yield Desk(trip, a, b)
        finally:
            await trip.stop()
