"""Driving the stand-in: people who write to the bot, press its buttons, and read its replies."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.standin.limits import FloodControl
from bot.standin.methods import BOT_ID, Methods, bot_user, message_json
from bot.standin.server import Calls, Fault, build
from bot.standin.state import Chat, Sent, State

Match = str | Callable[[Sent], bool]


class StandIn:
    """A Bot API server on 127.0.0.1 with a driver for tests, the terminal chat and benchmarks."""

    def __init__(self, token: str = "123456789:AAHstandinstandinstandinstandin12", *,
                 bot_username: str = "ktp_test_bot", enforce_limits: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.token, self.username = token, bot_username
        self.state = State()
        self.methods = Methods(self.state, bot_username)
        self.calls = Calls()
        self.flood = FloodControl(enforce_limits)
        self._app = build(token, self.methods, self.calls, self.flood, clock)
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> None:
        self._runner = web.AppRunner(self._app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server) and server.sockets
        self.port = int(server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        self.calls.closing.set()
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
        return f"http://127.0.0.1:{self.port}/bot"

    def user(self, user_id: int, first_name: str = "Sam") -> ChatUser:
        chat = self.state.chats.setdefault(user_id, Chat(user_id, first_name))
        return ChatUser(self, chat)

    def group(self, chat_id: int, title: str = "Staff room") -> ChatUser:
        chat = self.state.chats.setdefault(chat_id, Chat(chat_id, title, kind="group", title=title))
        return ChatUser(self, chat, sender_id=abs(chat_id) + 1)

    async def inject(self, update: dict[str, Any]) -> int:
        """Queue any update exactly as given (for fuzzing and odd cases)."""
        return await self.state.push_update(update)

    def fail_next(self, method: str, *, error_code: int, description: str,
                  retry_after: int | None = None, count: int = 1) -> None:
        queue = self.calls.faults.setdefault(method, deque())
        queue.extend(Fault(error_code, description, retry_after) for _ in range(count))

    def timeout_next(self, method: str, count: int = 1) -> None:
        """Hold the next calls until the client gives up (a network timeout)."""
        queue = self.calls.faults.setdefault(method, deque())
        queue.extend(Fault(0, "", hang=True) for _ in range(count))

    def commands(self, scope: str = "default:") -> list[str]:
        return [c["command"] for c in self.methods.commands.get(scope, [])]


class ChatUser:
    """One person (or a group) in conversation with the bot."""

    def __init__(self, standin: StandIn, chat: Chat, sender_id: int | None = None) -> None:
        self.standin, self.chat = standin, chat
        self.sender_id = sender_id or chat.id
        self._cursor = 0
        self._message_ids = 10_000

    @property
    def messages(self) -> list[Sent]:
        """What the bot sent to this chat, oldest first, edits applied."""
        found = [m for (chat_id, _), m in self.standin.state.messages.items() if chat_id == self.chat.id]
        return sorted(found, key=lambda m: m.message_id)

    def find(self, match: Match) -> Sent:
        """The newest message matching, or an error listing what there is."""
        test = _matcher(match)
        for message in reversed(self.messages):
            if test(message):
                return message
        raise AssertionError(f"no message matches {match!r}; have: {[m.text[:60] for m in self.messages]}")

    async def wait_for(self, match: Match, timeout: float = 5.0) -> Sent:
        """The next send or edit in this chat that matches, after the last one waited for."""
        test, state = _matcher(match), self.standin.state
        deadline = time.monotonic() + timeout
        async with state.changed:
            while True:
                events = state.events
                for index in range(self._cursor, len(events)):
                    event = events[index]
                    if event.chat_id == self.chat.id and test(event):
                        self._cursor = index + 1
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [m.text[:80] for m in self.messages[-6:]]
                    raise AssertionError(f"timed out waiting for {match!r}; last messages: {seen}")
                try:
                    await asyncio.wait_for(state.changed.wait(), remaining)
                except TimeoutError:
                    continue

    def _base(self) -> dict[str, Any]:
        self._message_ids += 1
        self.chat.known = True
        sender = {"id": self.sender_id, "is_bot": False, "first_name": self.chat.first_name}
        return {"message_id": self._message_ids, "date": int(time.time()), "chat": self.chat.as_json(),
                "from": sender}

    async def send(self, text: str) -> int:
        message = {**self._base(), "text": text}
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self.standin.state.push_update({"message": message})

    async def send_sticker(self) -> int:
        sticker = {"file_id": "stk1", "file_unique_id": "stku1", "type": "regular", "width": 512,
                   "height": 512, "is_animated": False, "is_video": False}
        return await self.standin.state.push_update({"message": {**self._base(), "sticker": sticker}})

    async def send_photo(self) -> int:
        photo = [{"file_id": "ph1", "file_unique_id": "phu1", "width": 90, "height": 90}]
        return await self.standin.state.push_update({"message": {**self._base(), "photo": photo}})

    async def send_voice(self) -> int:
        voice = {"file_id": "v1", "file_unique_id": "vu1", "duration": 3}
        return await self.standin.state.push_update({"message": {**self._base(), "voice": voice}})

    async def press(self, label: str, *, message: Sent | None = None) -> int:
        """Press the button with this label on the given message, or the newest that has one."""
        target = message or next((m for m in reversed(self.messages) if m.data_for(label)), None)
        data = target.data_for(label) if target else None
        if target is None or data is None:
            labels = [m.labels for m in self.messages[-4:]]
            raise AssertionError(f"no button {label!r}; recent buttons: {labels}")
        return await self.press_data(target, data)

    async def press_data(self, message: Sent, data: str) -> int:
        """Send a callback query with any data, forged or stale ones included."""
        self.chat.known = True
        query = {"id": f"cq{time.monotonic_ns()}", "chat_instance": f"ci{self.chat.id}", "data": data,
                 "from": {"id": self.sender_id, "is_bot": False, "first_name": self.chat.first_name},
                 "message": message_json(message, self.chat, self.standin.username)}
        return await self.standin.state.push_update({"callback_query": query})

    async def block(self) -> None:
        """The person blocks the bot: sends answer 403 and Telegram tells the bot."""
        self.chat.blocked = True
        await self._member_update("member", "kicked")

    async def unblock(self) -> None:
        self.chat.blocked = False
        await self._member_update("kicked", "member")

    async def _member_update(self, old: str, new: str) -> None:
        bot = bot_user(self.standin.username)

        def member(status: str) -> dict[str, Any]:
            return {"status": status, "user": bot, **({"until_date": 0} if status == "kicked" else {})}

        body = {"chat": self.chat.as_json(), "date": int(time.time()),
                "from": {"id": self.sender_id, "is_bot": False, "first_name": self.chat.first_name},
                "old_chat_member": member(old), "new_chat_member": member(new)}
        await self.standin.state.push_update({"my_chat_member": body})


def _matcher(match: Match) -> Callable[[Sent], bool]:
    if callable(match):
        return match
    return lambda message: match in message.text


__all__ = ["BOT_ID", "ChatUser", "StandIn"]
