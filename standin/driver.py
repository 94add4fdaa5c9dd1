"""The stand-in as tests, the terminal chat and benchmarks drive it: start, people, faults, calls."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from standin.account import Account
from standin.errors import ApiError
from standin.faults import Calls, Chaos, Fault, Faults
from standin.limits import FloodControl
from standin.messages import Messaging
from standin.people import ChatUser
from standin.server import Dispatcher, build
from standin.state import Chat, State
from standin.updates import UpdateQueue

TOKEN = "123456789:AAHstandinstandinstandinstandin12"


class StandIn:
    """A Bot API server on 127.0.0.1 with a driver for tests, the terminal chat and benchmarks."""

    def __init__(self, token: str = TOKEN, *, bot_username: str = "ktp_test_bot",
                 enforce_limits: bool = False, clock: Callable[[], float] = time.monotonic,
                 private_burst: int = 1) -> None:
        self.token, self.username = token, bot_username
        self.state, self.updates = State(), UpdateQueue()
        self.calls, self.faults = Calls(), Faults()
        self.flood = FloodControl(enforce_limits, clock, private_burst=private_burst)
        self.account = Account(self.state, self.updates, bot_username)
        handlers = {**Messaging(self.state, bot_username).handlers(), **self.account.handlers()}
        self._dispatcher = Dispatcher(token, handlers, self.state, self.faults, self.flood, self.calls, clock)
        self._runner: web.AppRunner | None = None
        self._people: dict[tuple[int, int], ChatUser] = {}
        self.port = 0

    async def start(self) -> None:
        """Listen on an ephemeral port of 127.0.0.1."""
        self._runner = web.AppRunner(build(self._dispatcher), access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Release held requests and close the server."""
        self.faults.closing.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> StandIn:
        await self.start()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url(...): the token and method are appended."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ApplicationBuilder().base_file_url(...)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def stats(self) -> Calls:
        """Counters per method and flood-control refusals (stats.rate_limited)."""
        return self.calls

    def user(self, user_id: int, first_name: str = "Sam") -> ChatUser:
        """A person in a private chat with the bot (known to it once they send something)."""
        return self._person(self.state.chat(user_id, first_name), user_id)

    def group(self, chat_id: int, title: str = "Staff room", *, kind: str = "group",
              sender_id: int | None = None) -> ChatUser:
        """A group, supergroup or channel (chat ids below zero), and one member who writes in it."""
        chat = self.state.chat(chat_id, title, kind, title)
        return self._person(chat, sender_id or abs(chat_id) + 1)

    def _person(self, chat: Chat, sender_id: int) -> ChatUser:
        """One driver per person and chat, so wait_for remembers what was already seen."""
        return self._people.setdefault((chat.id, sender_id), ChatUser(self, chat, sender_id))

    async def inject(self, update: dict[str, Any], *, force: bool = True) -> int:
        """Queue any update as given; returns its update_id.

        Forced updates reach the bot even when allowed_updates leaves their kind out, so fuzzing
        can prove the bot copes with anything; people's actions pass force=False, as Telegram filters.
        """
        self.state.learn_from(update)
        return await self.updates.push(update, force=force)

    def fail_next(self, method: str, *, error_code: int, description: str,
                  retry_after: int | None = None, count: int = 1) -> None:
        """Answer the next `count` calls of a method with this error instead of running them."""
        self.faults.add(method, Fault(ApiError(error_code, description, retry_after)), count)

    def timeout_next(self, method: str, count: int = 1, *, after_delivery: bool = False) -> None:
        """Hold the next calls until the client times out; after_delivery runs them first."""
        self.faults.add(method, Fault(hang=True, after_delivery=after_delivery), count)

    def chaos(self, rate: float = 0.05, *, seed: int = 1, burst_every: float = 0.0,
              burst_for: float = 0.0, retry_after: int = 1) -> Chaos:
        """Fail a share of all calls at random, and answer sends with 429s in regular bursts."""
        self.faults.chaos = Chaos(rate, seed, burst_every, burst_for, retry_after)
        return self.faults.chaos

    def commands(self, scope: str = "default:") -> list[str]:
        """The command names set for a scope key: "default:", "chat:<id>", "all_private_chats:"."""
        return [c["command"] for c in self.account.commands.get(scope, [])]

    @property
    def webhook(self) -> dict[str, Any]:
        """The webhook as set by setWebhook (url, secret_token, allowed_updates), or {}."""
        return self.account.webhook
