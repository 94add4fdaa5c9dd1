"""The real Application, polling a stand-in Bot API on 127.0.0.1, with a fake clock."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.ptb.app import build_application
from bot.ptb.jobs import DripRunner
from bot.ptb.lifecycle import running
from bot.ptb.telegram_io import App
from bot.services import Services
from bot.usecases.terms import PRIVACY_VERSION
from lessons.models import Course
from scheduler.delivery import FlushReport
from scheduler.drip import TickReport
from standin import StandIn
from tests.conftest import FakeClock

TOKEN = "123456789:AAHstandinstandinstandinstandin12"


class Journey:
    """Start, stop and restart the bot; move time; run the drip as the job would."""

    def __init__(self, standin: StandIn, db: Path, clock: FakeClock, course: Course | None,
                 read_timeout: float = 10.0) -> None:
        self.standin, self.db, self.clock, self.course = standin, db, clock, course
        self.read_timeout = read_timeout
        self.app: App | None = None
        self._running: AbstractAsyncContextManager[App]

    def settings(self, **extra: Any) -> Settings:
        return Settings(bot_token=TOKEN, database=self.db, api_base_url=self.standin.base_url,
                        bot_username="ktp_test_bot", admin_ids=frozenset({1}), **extra)

    async def start(self) -> App:
        app = build_application(self.settings(), clock=self.clock, course=self.course,
                                rate_limit=False, drip_job=False, read_timeout=self.read_timeout)
        self._running = running(app, polling=True)
        self.app = await self._running.__aenter__()
        return app

    async def stop(self) -> None:
        if self.app is not None:
            await self._running.__aexit__(None, None, None)
            self.app = None

    async def restart(self) -> App:
        await self.stop()
        return await self.start()

    @property
    def services(self) -> Services:
        assert self.app is not None
        services = self.app.bot_data["services"]
        assert isinstance(services, Services)
        return services

    async def drip(self) -> tuple[TickReport, FlushReport]:
        """One tick at the fake clock's now, as the periodic job would run it."""
        assert self.app is not None
        runner = self.app.bot_data["drip"]
        assert isinstance(runner, DripRunner)
        return await runner.run(self.clock.now())

    async def enrol(self, user_id: int, code: str = "dundee26", first_name: str = "Learner") -> None:
        """A learner who has joined and is due now, without going through the buttons."""
        now = self.clock.now()
        self.standin.user(user_id, first_name).chat.known = True
        async with self.services.store.transaction() as tx:
            cohort = await tx.cohorts.by_code(code) or await tx.cohorts.create("C", now, code=code)
            await tx.learners.create(user_id, user_id, first_name, cohort.id, now)
            await tx.learners.update(user_id, consent_version=PRIVACY_VERSION, role="psa",
                                     slots=("morning",), status="active", next_due_at=now)

    async def make_cohort(self, name: str = "Dundee cluster", code: str = "dundee26") -> str:
        async with self.services.store.transaction() as tx:
            cohort = await tx.cohorts.create(name, self.clock.now(), code=code)
        return cohort.invite_code
