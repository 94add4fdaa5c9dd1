"""People in chats with the bot: they write, press buttons, block it, and read what it sent."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from standin.html import utf16_len
from standin.state import Chat, Sent
from standin.wire import bot_user, message_json, person

if TYPE_CHECKING:
    from standin.driver import StandIn

Match = str | Callable[[Sent], bool]
Label = str | Callable[[str], bool]
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")
_queries = itertools.count(1)


class ChatUser:
    """One person in a private chat with the bot, or one member of a group or channel."""

    def __init__(self, standin: StandIn, chat: Chat, sender_id: int | None = None) -> None:
        self.standin, self.chat = standin, chat
        self.sender_id = sender_id or chat.id
        self._cursor = 0

    @property
    def messages(self) -> list[Sent]:
        """What the bot sent to this chat, oldest first, edits applied, deleted ones flagged."""
        return self.standin.state.in_chat(self.chat.id)

    @property
    def answers(self) -> list[str | None]:
        """The bot's answers to this person's button presses (the toast text, or None)."""
        return [text for query, text in self.standin.state.callback_answers
                if query.startswith(f"{self.sender_id}-")]

    def find(self, match: Match) -> Sent:
        """The newest message matching (a text fragment or a predicate), or an error listing them."""
        test = _matcher(match)
        for message in reversed(self.messages):
            if test(message):
                return message
        raise AssertionError(f"no message matches {match!r}; have: {[m.text[:60] for m in self.messages]}")

    async def wait_for(self, match: Match, timeout: float = 15.0) -> Sent:
        """The next send or edit here that matches, after the last one waited for."""
        test, state = _matcher(match), self.standin.state
        try:
            async with asyncio.timeout(timeout), state.changed:
                while True:
                    for index in range(self._cursor, len(state.events)):
                        event = state.events[index]
                        if event.chat_id == self.chat.id and test(event):
                            self._cursor = index + 1
                            return event
                    await state.changed.wait()
        except TimeoutError:
            seen = [m.text[:80] for m in self.messages[-6:]]
            raise AssertionError(f"timed out waiting for {match!r}; last messages: {seen}") from None

    def _from(self) -> dict[str, Any]:
        return person(self.chat, self.sender_id)

    async def _post(self, fields: dict[str, Any], *, edited_id: int | None = None) -> int:
        """Inject a message (or an edit of one) from this person; returns its message_id."""
        state = self.standin.state
        message_id = edited_id or state.message_id(self.chat.id)
        body: dict[str, Any] = {"message_id": message_id, "date": int(time.time()),
                                "chat": self.chat.as_json(), **fields}
        if self.chat.kind == "channel":
            body["sender_chat"] = self.chat.as_json()
        else:
            body["from"] = self._from()
        if edited_id:
            body["edit_date"] = int(time.time())
        kind = "channel_post" if self.chat.kind == "channel" else "message"
        if self.chat.left:  # Telegram sends nothing from a group the bot has left
            return message_id
        await self.standin.inject({f"edited_{kind}" if edited_id else kind: body}, force=False)
        return message_id

    async def send(self, text: str, *, reply_to: int | None = None,
                   formatting: list[tuple[str, str]] | None = None) -> int:
        """Write to the bot; commands get bot_command entities as Telegram adds them.

        formatting: (entity type, fragment) pairs, as when a person makes a fragment bold or
        italic in the Telegram app, e.g. [("bold", "Thursday")].
        """
        fields: dict[str, Any] = {"text": text}
        entities: list[dict[str, Any]] = [
            {"type": "bot_command", "offset": utf16_len(text[:m.start()]), "length": utf16_len(m.group())}
            for m in _COMMAND.finditer(text)]
        for kind, fragment in formatting or []:
            start = text.index(fragment)
            entities.append({"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(fragment)})
        entities.sort(key=lambda e: int(e["offset"]))
        if entities:
            fields["entities"] = entities
        if reply_to is not None:
            fields["reply_to_message"] = self._replied(reply_to)
        return await self._post(fields)

    def _replied(self, message_id: int) -> dict[str, Any]:
        state = self.standin.state
        sent = state.messages.get((self.chat.id, message_id))
        if sent is not None:
            return message_json(sent, self.chat, self.standin.username)
        return state.incoming.get((self.chat.id, message_id)) or {
            "message_id": message_id, "date": 0, "chat": self.chat.as_json()}

    async def edit(self, message_id: int, new_text: str) -> int:
        """Edit something this person wrote earlier: an edited_message update."""
        return await self._post({"text": new_text}, edited_id=message_id)

    async def send_sticker(self) -> int:
        sticker = {"file_id": "sticker-1", "file_unique_id": "usticker1", "type": "regular", "width": 512,
                   "height": 512, "is_animated": False, "is_video": False}
        return await self._post({"sticker": sticker})

    async def send_photo(self, content: bytes = b"\xff\xd8\xff\xe0photo", caption: str | None = None) -> int:
        file_id = f"in-photo-{self.chat.id}-{len(self.standin.state.files)}"
        self.standin.state.keep_file(file_id, "photo.jpg", content)
        photo = [{"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 90, "height": 90,
                  "file_size": len(content)}]
        return await self._post({"photo": photo, **({"caption": caption} if caption else {})})

    async def send_voice(self, content: bytes = b"OggS voice", duration: int = 3) -> int:
        file_id = f"in-voice-{self.chat.id}-{len(self.standin.state.files)}"
        self.standin.state.keep_file(file_id, "voice.ogg", content)
        voice = {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": duration,
                 "mime_type": "audio/ogg", "file_size": len(content)}
        return await self._post({"voice": voice})

    async def press(self, label: Label, *, message: Sent | None = None) -> str:
        """Press a button: on the given message, or the newest message here that has it."""
        test = label if callable(label) else label.__eq__
        candidates = [message] if message else [m for m in reversed(self.messages) if not m.deleted]
        for candidate in candidates:
            found = next((lab for lab in candidate.labels if test(lab)), None)
            if found is not None and candidate.data_for(found) is not None:
                return await self.press_data(candidate, candidate.data_for(found) or "")
        recent = [m.labels for m in self.messages[-4:] if m.labels]
        raise AssertionError(f"no button {label!r} to press; buttons on recent messages: {recent}")

    async def press_data(self, message: Sent | int, data: str) -> str:
        """Send a callback query with any data, forged or stale ones included; returns its id."""
        sent = message if isinstance(message, Sent) else self.standin.state.messages.get(
            (self.chat.id, message)) or Sent(message, self.chat.id, "(gone)")
        query_id = f"{self.sender_id}-{next(_queries)}"
        query = {"id": query_id, "chat_instance": f"ci{self.chat.id}", "data": data, "from": self._from(),
                 "message": message_json(sent, self.chat, self.standin.username)}
        await self.standin.inject({"callback_query": query}, force=False)
        return query_id

    async def wait_left(self, timeout: float = 15.0) -> None:
        """Until the bot has left this group or channel (leaveChat)."""
        state = self.standin.state
        async with asyncio.timeout(timeout), state.changed:
            await state.changed.wait_for(lambda: self.chat.left)

    async def block(self) -> None:
        """Block the bot (or remove it from the group): sends get 403, and Telegram tells the bot."""
        self.chat.blocked = True
        await self._member_update("member", "kicked")

    async def unblock(self) -> None:
        """Unblock the bot; Telegram tells the bot it is a member again."""
        self.chat.blocked = False
        await self._member_update("kicked", "member")

    async def _member_update(self, old: str, new: str) -> None:
        def member(status: str) -> dict[str, Any]:
            extra = {"until_date": 0} if status == "kicked" else {}
            return {"status": status, "user": bot_user(self.standin.username), **extra}

        body = {"chat": self.chat.as_json(), "date": int(time.time()), "from": self._from(),
                "old_chat_member": member(old), "new_chat_member": member(new)}
        await self.standin.inject({"my_chat_member": body}, force=False)


def _matcher(match: Match) -> Callable[[Sent], bool]:
    if callable(match):
        return match
    return lambda message: match in message.text or match in message.plain
