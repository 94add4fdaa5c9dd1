"""Methods that put messages in chats: send, edit, delete, files, callback answers, chat info."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from standin import content
from standin.errors import bad_request, chat_not_found, forbidden
from standin.params import Params
from standin.state import Chat, Sent, State
from standin.wire import file_id, message_json

Handler = Callable[[Params], Awaitable[Any]]
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message")
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


class Messaging:
    """The chat-facing methods, each taking decoded parameters and returning the result."""

    def __init__(self, state: State, username: str) -> None:
        self.state, self.username = state, username

    def handlers(self) -> dict[str, Handler]:
        return {"sendMessage": self.send_message, "sendDocument": self.send_document,
                "sendPhoto": self.send_photo, "editMessageText": self.edit_message_text,
                "editMessageReplyMarkup": self.edit_message_reply_markup,
                "deleteMessage": self.delete_message, "answerCallbackQuery": self.answer_callback_query,
                "sendChatAction": self.send_chat_action, "getChat": self.get_chat,
                "leaveChat": self.leave_chat}

    def chat(self, params: Params, *, writing: bool = True) -> Chat:
        """The chat a call is about; Telegram's 400 and 403 when the bot may not write there."""
        try:
            chat = self.state.chats.get(int(params.text("chat_id")))
        except ValueError:
            raise chat_not_found() from None
        if chat is None or not chat.known:
            raise chat_not_found()
        if chat.left:
            raise forbidden("bot is not a member of the group chat")
        if chat.blocked and writing:
            raise forbidden("bot was blocked by the user" if chat.kind == "private"
                            else "bot was kicked from the group chat")
        return chat

    def _mine(self, params: Params, missing: str) -> tuple[Chat, Sent]:
        chat, message_id = self.chat(params), params.integer("message_id")
        sent = self.state.messages.get((chat.id, message_id))
        if sent is None or sent.deleted:
            if (chat.id, message_id) in self.state.incoming:
                raise bad_request("message can't be edited")
            raise bad_request(missing)
        return chat, sent

    def _reply_to(self, chat: Chat, params: Params) -> int | None:
        reply = params.structured("reply_parameters")
        if not isinstance(reply, dict):
            return None
        target = int(reply.get("message_id", 0))
        key = (chat.id, target)
        mine = self.state.messages.get(key)
        exists = key in self.state.incoming or (mine is not None and not mine.deleted)
        if not exists and not reply.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")
        return target if exists else None

    async def _deliver(self, chat: Chat, params: Params, text: content.Text, **files: Any) -> Any:
        keys = content.keyboard(params)
        sent = Sent(self.state.message_id(chat.id), chat.id, text.raw, text.parse_mode, keys.buttons,
                    plain=text.plain, entities=text.entities, links=keys.links, web_apps=keys.web_apps,
                    date=int(time.time()),
                    link_preview_options=params.structured("link_preview_options"),
                    reply_to=self._reply_to(chat, params), **files)
        if sent.document is not None or sent.photo is not None:
            self.state.keep_file(file_id(sent), sent.filename or "photo.jpg", _bytes(sent))
        await self.state.record(sent, new=True)
        return message_json(sent, chat, self.username)

    async def send_message(self, params: Params) -> Any:
        chat = self.chat(params)
        return await self._deliver(chat, params, content.message_text(params))

    async def send_document(self, params: Params) -> Any:
        chat = self.chat(params)
        name, data = self._file(params, "document")
        return await self._deliver(chat, params, content.caption(params), document=(name, data))

    async def send_photo(self, params: Params) -> Any:
        chat = self.chat(params)
        _, data = self._file(params, "photo")
        return await self._deliver(chat, params, content.caption(params), photo=data)

    def _file(self, params: Params, field: str) -> tuple[str, bytes]:
        upload = params.upload(field)
        if upload is not None:
            return upload.filename, upload.content
        ref = params.text(field)
        if not ref:
            raise bad_request(f"there is no {field} in the request")
        if ref in self.state.files:
            return self.state.files[ref]
        if ref.startswith(("http://", "https://")):
            raise bad_request("failed to get HTTP URL content")
        raise bad_request("wrong file identifier/HTTP URL specified")

    async def edit_message_text(self, params: Params) -> Any:
        chat, sent = self._mine(params, "message to edit not found")
        if sent.document is not None or sent.photo is not None:
            raise bad_request("there is no text in the message to edit")
        text, keys = content.message_text(params), content.keyboard(params)
        if (text.plain, text.entities, keys.buttons) == (sent.plain, sent.entities, sent.buttons):
            raise bad_request(NOT_MODIFIED)
        sent.text, sent.parse_mode = text.raw, text.parse_mode
        sent.plain, sent.entities = text.plain, text.entities
        sent.buttons, sent.links, sent.web_apps = keys.buttons, keys.links, keys.web_apps
        sent.edits += 1
        await self.state.record(sent, new=False)
        return message_json(sent, chat, self.username)

    async def edit_message_reply_markup(self, params: Params) -> Any:
        chat, sent = self._mine(params, "message to edit not found")
        keys = content.keyboard(params)
        if keys.buttons == sent.buttons:
            raise bad_request(NOT_MODIFIED)
        sent.buttons, sent.links, sent.web_apps = keys.buttons, keys.links, keys.web_apps
        sent.edits += 1
        await self.state.record(sent, new=False)
        return message_json(sent, chat, self.username)

    async def delete_message(self, params: Params) -> Any:
        chat, message_id = self.chat(params), params.integer("message_id")
        if self.state.incoming.pop((chat.id, message_id), None) is not None:
            return True
        _, sent = self._mine(params, "message to delete not found")
        sent.deleted = True
        return True

    async def answer_callback_query(self, params: Params) -> Any:
        query_id = params.text("callback_query_id")
        if query_id not in self.state.open_queries:
            raise bad_request(QUERY_TOO_OLD)
        self.state.open_queries.discard(query_id)
        self.state.callback_answers.append((query_id, params.text("text") or None))
        return True

    async def send_chat_action(self, params: Params) -> Any:
        chat = self.chat(params)
        self.state.actions.append((chat.id, params.text("action")))
        return True

    async def get_chat(self, params: Params) -> Any:
        chat = self.chat(params, writing=False)
        gifts = dict.fromkeys(("unlimited_gifts", "limited_gifts", "unique_gifts",
                               "premium_subscription", "gifts_from_channels"), False)
        return {**chat.as_json(), "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": gifts}


    async def leave_chat(self, params: Params) -> Any:
        chat = self.chat(params, writing=False)
        if chat.kind == "private":
            raise bad_request("chat member status can't be changed in private chats")
        async with self.state.changed:
            chat.left = True
            self.state.changed.notify_all()
        return True


def _bytes(sent: Sent) -> bytes:
    if sent.document is not None:
        return sent.document[1]
    return sent.photo or b""
