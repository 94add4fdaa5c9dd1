"""What the stand-in remembers: chats, the messages in them, files, and what the bot answered."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

Buttons = list[list[tuple[str, str]]]


@dataclass
class Sent:
    """A message the bot sent in a chat, as a person would see it now (edits applied)."""

    message_id: int
    chat_id: int
    text: str  # as the bot sent it (markup included); the caption for a file or picture
    parse_mode: str | None = None
    buttons: Buttons = field(default_factory=list)  # rows of (label, callback data); "" for a link
    document: tuple[str, bytes] | None = None  # (file name, content)
    photo: bytes | None = None
    deleted: bool = False
    edits: int = 0
    plain: str = ""  # the text a person reads, markup parsed away
    entities: list[dict[str, Any]] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # button label -> URL
    web_apps: dict[str, str] = field(default_factory=dict)  # button label -> the Mini App's URL
    link_preview_options: dict[str, Any] | None = None
    reply_to: int | None = None
    date: int = 0

    def __post_init__(self) -> None:
        self.plain = self.plain or self.text  # a Sent built by hand (a test's stale message)

    @property
    def labels(self) -> list[str]:
        """Every button label, row by row."""
        return [label for row in self.buttons for label, _ in row]

    def data_for(self, label: str) -> str | None:
        """The callback data behind a label, or None when no such callback button exists."""
        return next((data for row in self.buttons for lab, data in row if lab == label and data), None)

    @property
    def filename(self) -> str | None:
        return self.document[0] if self.document else None


@dataclass
class Chat:
    """A private chat, group or channel the bot can be in."""

    id: int
    first_name: str
    kind: str = "private"
    title: str | None = None
    blocked: bool = False
    known: bool = False  # a bot may write only to people who wrote to it first
    left: bool = False  # the bot left this group or channel (leaveChat)

    def as_json(self) -> dict[str, Any]:
        """The Chat object Telegram puts in messages."""
        if self.kind == "private":
            return {"id": self.id, "type": "private", "first_name": self.first_name}
        return {"id": self.id, "type": self.kind, "title": self.title or self.first_name}


class State:
    """Chats, messages and files, with a condition that wakes whoever waits on a send or edit."""

    def __init__(self) -> None:
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], Sent] = {}
        self.incoming: dict[tuple[int, int], dict[str, Any]] = {}  # what people sent, by (chat, id)
        self.events: list[Sent] = []  # every send and edit in order, for wait_for and the terminal
        self.changed = asyncio.Condition()
        self.callback_answers: list[tuple[str, str | None]] = []
        self.open_queries: set[str] = set()
        self.actions: list[tuple[int, str]] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self._last_id: dict[int, int] = {}

    def chat(self, chat_id: int, first_name: str = "Sam", kind: str = "private",
             title: str | None = None) -> Chat:
        """The chat with this id, created on first use."""
        return self.chats.setdefault(chat_id, Chat(chat_id, first_name, kind, title))

    def message_id(self, chat_id: int) -> int:
        """The next message id in a chat; people's and the bot's messages share one sequence."""
        self._last_id[chat_id] = self._last_id.get(chat_id, 0) + 1
        return self._last_id[chat_id]

    def keep_file(self, file_id: str, filename: str, content: bytes) -> None:
        self.files[file_id] = (filename, content)

    async def record(self, sent: Sent, *, new: bool) -> None:
        """Remember a send or an edit and wake everyone waiting for one."""
        async with self.changed:
            if new:
                self.messages[(sent.chat_id, sent.message_id)] = sent
            self.events.append(sent)
            self.changed.notify_all()

    def in_chat(self, chat_id: int) -> list[Sent]:
        """The bot's messages in one chat, oldest first."""
        found = [m for (cid, _), m in self.messages.items() if cid == chat_id]
        return sorted(found, key=lambda m: m.message_id)

    def learn_from(self, update: dict[str, Any]) -> None:
        """A chat that sent the bot an update is one the bot may answer, as in Telegram."""
        for kind in ("message", "edited_message", "channel_post", "edited_channel_post"):
            body = update.get(kind)
            if isinstance(body, dict):
                self._learn_chat(body.get("chat"))
                if isinstance(body.get("message_id"), int) and isinstance(body.get("chat"), dict):
                    self.incoming[(body["chat"].get("id"), body["message_id"])] = body
        query = update.get("callback_query")
        if isinstance(query, dict):
            self.open_queries.add(str(query.get("id")))
            message = query.get("message")
            self._learn_chat(message.get("chat") if isinstance(message, dict) else None)

    def _learn_chat(self, body: Any) -> None:
        if not isinstance(body, dict) or not isinstance(body.get("id"), int):
            return
        name = str(body.get("first_name") or body.get("title") or "")
        chat = self.chat(body["id"], name, str(body.get("type", "private")), body.get("title"))
        chat.known = True
