"""What the stand-in remembers: chats, the messages the bot sent, and updates waiting to be fetched."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Sent:
    """A message the bot sent (or edited) in a chat, as a person would see it."""

    message_id: int
    chat_id: int
    text: str
    parse_mode: str | None = None
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    document: tuple[str, bytes] | None = None
    photo: bytes | None = None
    deleted: bool = False
    edits: int = 0

    @property
    def labels(self) -> list[str]:
        return [label for row in self.buttons for label, _ in row]

    def data_for(self, label: str) -> str | None:
        return next((data for row in self.buttons for lab, data in row if lab == label), None)


@dataclass
class Chat:
    id: int
    first_name: str
    kind: str = "private"
    title: str | None = None
    blocked: bool = False
    known: bool = False  # Telegram only lets a bot write to a user who wrote first

    def as_json(self) -> dict[str, Any]:
        if self.kind == "private":
            return {"id": self.id, "type": "private", "first_name": self.first_name}
        return {"id": self.id, "type": self.kind, "title": self.title or self.first_name}


class State:
    """Chats, sent messages and the update queue, with a condition to wait on changes."""

    def __init__(self) -> None:
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], Sent] = {}
        self.events: list[Sent] = []  # every send and edit, in order, for wait_for
        self.updates: list[dict[str, Any]] = []
        self.next_update_id = 1
        self.next_message_id: dict[int, int] = {}
        self.changed = asyncio.Condition()
        self.callback_answers: list[tuple[str, str | None]] = []

    def message_id(self, chat_id: int) -> int:
        self.next_message_id[chat_id] = self.next_message_id.get(chat_id, 0) + 1
        return self.next_message_id[chat_id]

    async def push_update(self, body: dict[str, Any]) -> int:
        async with self.changed:
            update_id = self.next_update_id
            self.next_update_id += 1
            self.updates.append({"update_id": update_id, **body})
            self.changed.notify_all()
        return update_id

    async def record(self, sent: Sent, *, new: bool) -> None:
        async with self.changed:
            if new:
                self.messages[(sent.chat_id, sent.message_id)] = sent
            self.events.append(sent)
            self.changed.notify_all()

    async def fetch(self, offset: int, limit: int, timeout: float) -> list[dict[str, Any]]:
        """getUpdates: drop confirmed updates, wait up to timeout for new ones."""
        deadline = time.monotonic() + timeout
        async with self.changed:
            while True:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                if self.updates or time.monotonic() >= deadline:
                    return self.updates[:limit]
                try:
                    await asyncio.wait_for(self.changed.wait(), deadline - time.monotonic())
                except TimeoutError:
                    return []
