"""Bot API calls made while handling an update are tried again after a passing fault.

A learner presses Next at the moment Telegram answers 502 or is slow to answer: the press is
already recorded, and without a second try the next card would simply never come. So calls made
from handlers are retried a few times, briefly, with jitter; a 429 is waited out when it is short.
The outbox has its own retry and pause (bot.ptb.sender, scheduler.delivery): its calls run under
`single_attempt()` so that nothing is retried in two layers. getUpdates has its own transport.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest, RequestData

from bot.ptb.pacing import LONGEST_WAIT
from bot.ptb.pacing import SENDS as PACED

log = logging.getLogger(__name__)

ATTEMPTS = 4  # the first try and three more
BACKOFF = (0.5, 1.0, 2.0)  # seconds before each retry, plus up to 50% jitter
_TRANSIENT_CODES = frozenset({500, 502, 503, 504})

_single: ContextVar[bool] = ContextVar("single_attempt", default=False)


@contextlib.contextmanager
def single_attempt() -> Iterator[None]:
    """Calls made inside are tried once: the caller keeps its own retry policy."""
    token = _single.set(True)
    try:
        yield
    finally:
        _single.reset(token)


def _retry_after(payload: bytes) -> float | None:
    try:
        parameters = json.loads(payload).get("parameters") or {}
    except (ValueError, AttributeError):
        return None
    wait = parameters.get("retry_after")
    return float(wait) if isinstance(wait, int | float) else None


def _paced(url: str) -> bool:
    return url.rsplit("/", 1)[-1].lower() in PACED


class PatientRequest(HTTPXRequest):
    """The Bot API transport for everything but getUpdates."""

    def __init__(self, *, paced: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.retried = 0  # calls tried again, counted for the fault drills
        self.paced = paced  # sends go through the pacer, which handles their 429s itself

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        attempts = 1 if _single.get() else ATTEMPTS
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                code, payload = await super().do_request(url, method, request_data, *args, **kwargs)
            except (TimedOut, NetworkError) as exc:
                # NetworkError here is the connection itself failing, never a Telegram refusal.
                if last:
                    raise
                log.warning("Bot API call failed (%s); trying again", type(exc).__name__)
            else:
                # A paced send's 429 goes back to the pacer, which holds every send and tries again.
                wait = _retry_after(payload) if code == 429 and not (self.paced and _paced(url)) else None
                if last or not (code in _TRANSIENT_CODES or (wait is not None and wait <= LONGEST_WAIT)):
                    return code, payload
                log.warning("Bot API answered %d; trying again", code)
                if wait is not None:
                    self.retried += 1
                    await asyncio.sleep(wait)
                    continue
            self.retried += 1
            pause = BACKOFF[min(attempt, len(BACKOFF) - 1)]
            await asyncio.sleep(pause * (1 + random.random() / 2))
        raise AssertionError("unreachable")  # pragma: no cover
