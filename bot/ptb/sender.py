"""Sends outbox rows through Telegram and maps its answers to outcomes the scheduler knows."""

from __future__ import annotations

import logging
from datetime import datetime

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ExtBot

from bot.ptb.request import single_attempt
from bot.ptb.telegram_io import send
from bot.services import Services
from bot.views.events import buttons as event_buttons
from bot.views.events import follow_up_buttons
from bot.views.joining import privacy_renewal
from bot.views.pacing import ask_pause, in_service_offer
from bot.views.screen import Screen
from bot.views.steps import step_screen
from scheduler.ports import Delivery, OutboxItemLike, Outcome

log = logging.getLogger(__name__)

SNOOZED = "⏰ As you asked, here is your drop again."
NUDGE = "👋 A gentle reminder: your drop is waiting whenever you have three minutes."


# Learning content: when held back by quiet hours, it waits for the learner's next break.
LESSONS = frozenset({"drop", "nudge", "snoozed", "in_service"})


class TelegramSender:
    """Render an outbox payload and send it once; retries belong to the outbox, not here."""

    def __init__(self, bot: ExtBot[None], services: Services) -> None:
        self.bot = bot
        self.s = services

    def render(self, payload: dict[str, object]) -> list[Screen] | None:
        """The screens for a payload, or None when its content no longer exists."""
        kind = payload.get("type")
        if kind == "drop":
            found = self.s.course.drop(str(payload.get("drop_id")))
            return [step_screen(found[0], found[1], found[1].steps[0])] if found else None
        if kind in {"nudge", "snoozed"}:
            return self._again(NUDGE if kind == "nudge" else SNOOZED, str(payload.get("step_id")))
        if kind == "in_service":
            return [in_service_offer()]
        if kind == "ask_pause":
            return [ask_pause()]
        if kind == "consent":
            return [privacy_renewal(self.s.settings.retention_days)]
        if kind == "event":
            return [Screen(str(payload.get("text")), event_buttons(int(str(payload.get("event_id")))))]
        if kind == "event_after":
            return [Screen(str(payload.get("text")), follow_up_buttons(int(str(payload.get("event_id")))))]
        if kind == "text":
            return [Screen(str(payload.get("text")))]
        return None

    def _again(self, line: str, step_id: str) -> list[Screen] | None:
        """An open step sent again with a line above it: one message, since a private chat takes
        about one message a second."""
        place = self.s.course.place(step_id)
        if place is None:
            return None
        step = step_screen(place.module, place.drop, place.step)
        return [Screen(f"{line}\n\n{step.text}", step.buttons)]

    async def _held_until(self, item: OutboxItemLike) -> datetime | None:
        """Quiet hours hold at the moment of sending too: a message queued in the day but delayed
        (retries, a 429 pause, the bot down) into the evening or a weekend waits. Lessons wait for
        the learner's next break; anything else for the end of their quiet time."""
        if item.user_id is None:
            return None
        learner = await self.s.store.learner(item.user_id)
        if learner is None:
            return None
        now = self.s.clock.now()
        awake = self.s.timing.next_awake(learner, now)
        if awake is None:
            return None
        if item.payload.get("type") in LESSONS:
            async with self.s.store.read() as tx:
                calendar = await tx.cohorts.calendar_of(learner.cohort_id)
            return self.s.timing.next_due(learner, calendar, now, 0) or awake
        return awake

    async def deliver(self, item: OutboxItemLike) -> Delivery:
        held = await self._held_until(item)
        if held is not None:
            wait = (held - self.s.clock.now()).total_seconds()
            return Delivery(Outcome.LATER, error="quiet hours", retry_after=wait)
        screens = self.render(item.payload)
        if screens is None:
            return Delivery(Outcome.FAILED, error="content no longer exists")
        try:
            message_id = None
            with single_attempt():  # the outbox decides what is retried, and when
                for screen in screens:
                    message_id = (await send(self.bot, item.chat_id, screen)).message_id
        except Forbidden as exc:
            return Delivery(Outcome.BLOCKED, error=exc.message)
        except RetryAfter as exc:
            seconds = exc.retry_after
            wait = seconds if isinstance(seconds, int | float) else seconds.total_seconds()
            return Delivery(Outcome.PAUSE, error="flood control", retry_after=float(wait))
        except BadRequest as exc:
            # BadRequest is a NetworkError subclass in PTB: it must be caught first, and never retried.
            return Delivery(Outcome.FAILED, error=exc.message)
        except (TimedOut, NetworkError) as exc:
            return Delivery(Outcome.RETRY, error=type(exc).__name__)
        except TelegramError as exc:
            log.warning("send refused: %s", type(exc).__name__)
            return Delivery(Outcome.FAILED, error=exc.message)
        return Delivery(Outcome.SENT, message_id=message_id)
