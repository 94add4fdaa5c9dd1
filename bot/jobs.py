"""The periodic drip: plan due learners, then send the outbox, pausing on flood control."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.services import Services
from bot.views.joining import PRIVACY_VERSION
from scheduler.delivery import FlushReport, flush
from scheduler.drip import TickReport, tick
from scheduler.ports import Sender

log = logging.getLogger(__name__)


@dataclass
class DripRunner:
    """One tick of the drip; a 429 holds every send back until Telegram's retry_after passes."""

    services: Services
    sender: Sender
    paused_until: datetime | None = None
    last_run: datetime | None = None

    async def run(self, now: datetime) -> tuple[TickReport, FlushReport]:
        s = self.services
        report = await tick(s.store, s.course, s.timing, now, consent=PRIVACY_VERSION)
        sent = FlushReport()
        if self.paused_until is None or now >= self.paused_until:
            sent = await flush(s.store, self.sender, now)
            if sent.paused_for:
                self.paused_until = now + timedelta(seconds=sent.paused_for)
        self.last_run = now
        if report.claimed or sent.counts:
            log.info("drip claimed=%d drops=%d nudges=%d sent=%s", report.claimed, report.drops,
                     report.nudges, sent.counts)
        return report, sent
