"""Sends outbox rows through Telegram and maps its answers to outcomes the scheduler knows."""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ExtBot

from bot.ptb.pacing import bulk, retry_seconds
from bot.ptb.request import single_attempt
from bot.ptb.telegram_io import send
from bot.services import Services
from bot.views.outgoing import Rendering, render
from scheduler.outgoing import Message, Unreadable, parse
from scheduler.ports import Delivery, OutboxItemLike, Outcome
from storage.learners import Learner

log = logging.getLogger(__name__)


class TelegramSender:
    """Render an outbox message and send it once; retries belong to the outbox, not here."""

    def __init__(self, bot: ExtBot[None], services: Services) -> None:
        self.bot = bot
        self.s = services

    async def _held_until(
        self, item: OutboxItemLike, message: Message, learner: Learner | None
    ) -> datetime | None:
        """Quiet hours hold at the moment of sending too: a message queued in the day but delayed
        (retries, a 429 pause, the bot down) into the evening or a weekend waits. Lessons wait for
        the learner's next break; anything else for the end of their quiet time."""
        if learner is None:
            return None
        now = self.s.clock.now()
        awake = self.s.timing.next_awake(learner, now)
        if awake is None:
            return None
        if message.lesson:
            async with self.s.store.read() as tx:
                calendar = await tx.cohorts.calendar_of(learner.cohort_id)
            return self.s.timing.next_due(learner, calendar, now, 0) or awake
        return awake

    async def deliver(self, item: OutboxItemLike) -> Delivery:
        try:
            message = parse(item.kind, item.body)
        except Unreadable as exc:
            # Failed, so never claimed again: reported once. The reason names fields, not values.
            log.warning("outbox row %d: cannot read a %r message (%s)", item.id, item.kind[:40], exc)
            return Delivery(Outcome.FAILED, error=f"unreadable {item.kind[:40]!r} message")
        learner = await self.s.store.learner(item.user_id) if item.user_id is not None else None
        if item.user_id is not None and learner is None:
            # /forget came after this row was claimed (a broadcast claims hundreds at once): it
            # deleted the row, and only a send already under way may still reach them.
            return Delivery(Outcome.FAILED, error="the learner asked to be forgotten")
        held = await self._held_until(item, message, learner)
        if held is not None:
            wait = (held - self.s.clock.now()).total_seconds()
            return Delivery(Outcome.LATER, error="quiet hours", retry_after=wait)
        rendering = Rendering(self.s.course, self.s.settings.retention_days, self.s.clock.now())
        screens = render(message, rendering)
        if screens is None:
            return Delivery(Outcome.FAILED, error="content no longer exists")
        try:
            message_id = None
            # The outbox decides what is retried, and when; its sends wait for learners' replies.
            with single_attempt(), bulk():
                for screen in screens:
                    message_id = (await send(self.bot, item.chat_id, screen)).message_id
        except Forbidden as exc:
            return Delivery(Outcome.BLOCKED, error=exc.message)
        except RetryAfter as exc:
            return Delivery(Outcome.PAUSE, error="flood control", retry_after=retry_seconds(exc))
        except BadRequest as exc:
            # BadRequest is a NetworkError subclass in PTB: it must be caught first, and never retried.
            return Delivery(Outcome.FAILED, error=exc.message)
        except (TimedOut, NetworkError) as exc:
            return Delivery(Outcome.RETRY, error=type(exc).__name__)
        except TelegramError as exc:
            log.warning("send refused: %s", type(exc).__name__)
            return Delivery(Outcome.FAILED, error=exc.message)
        return Delivery(Outcome.SENT, message_id=message_id)
