"""Bot API methods as the stand-in answers them, with Telegram's errors where they matter."""

from __future__ import annotations

import time
from typing import Any

from bot.standin.state import Chat, Sent, State
from lessons.markup import check_html

BOT_ID = 4242


class ApiError(Exception):
    """An answer with ok=false, shaped like Telegram's."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


def bot_user(username: str) -> dict[str, Any]:
    return {"id": BOT_ID, "is_bot": True, "first_name": "KeepThePromise", "username": username,
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}


def _buttons(markup: Any) -> list[list[tuple[str, str]]]:
    if not isinstance(markup, dict):
        return []
    rows = []
    for row in markup.get("inline_keyboard", []):
        buttons = []
        for button in row:
            data = str(button.get("callback_data", ""))
            if len(data.encode()) > 64 or not data:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            buttons.append((str(button["text"]), data))
        rows.append(buttons)
    return rows


def _text(params: dict[str, Any], key: str = "text", limit: int = 4096) -> str:
    text = str(params.get(key, ""))
    if key == "text" and not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(text) > limit:
        raise ApiError(400, "Bad Request: message is too long")
    if params.get("parse_mode") == "HTML":
        problem = check_html(text)
        if problem:
            raise ApiError(400, f"Bad Request: can't parse entities: {problem}")
    return text


def message_json(sent: Sent, chat: Chat, username: str) -> dict[str, Any]:
    body: dict[str, Any] = {"message_id": sent.message_id, "date": int(time.time()),
                            "chat": chat.as_json(), "from": bot_user(username)}
    if sent.document:
        body["document"] = {"file_id": f"doc{sent.message_id}", "file_unique_id": f"u{sent.message_id}",
                            "file_name": sent.document[0]}
        body["caption"] = sent.text
    elif sent.photo is not None:
        body["photo"] = [{"file_id": f"ph{sent.message_id}", "file_unique_id": f"p{sent.message_id}",
                          "width": 1, "height": 1}]
        body["caption"] = sent.text
    else:
        body["text"] = sent.text
    if sent.buttons:
        body["reply_markup"] = {"inline_keyboard": [[{"text": t, "callback_data": d} for t, d in row]
                                                    for row in sent.buttons]}
    return body


class Methods:
    """The methods the bot calls; each takes decoded parameters and returns a result."""

    def __init__(self, state: State, username: str) -> None:
        self.state, self.username = state, username
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.webhook = ""

    def _chat(self, params: dict[str, Any]) -> Chat:
        chat = self.state.chats.get(int(params.get("chat_id", 0)))
        if chat is None or not chat.known:
            raise ApiError(400, "Bad Request: chat not found")
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _message(self, params: dict[str, Any]) -> tuple[Chat, Sent]:
        chat = self._chat(params)
        sent = self.state.messages.get((chat.id, int(params.get("message_id", 0))))
        if sent is None or sent.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return chat, sent

    async def sendMessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat = self._chat(params)
        sent = Sent(self.state.message_id(chat.id), chat.id, _text(params), params.get("parse_mode"),
                    _buttons(params.get("reply_markup")))
        await self.state.record(sent, new=True)
        return message_json(sent, chat, self.username)

    async def _upload(self, params: dict[str, Any], files: dict[str, Any], field: str) -> Any:
        chat = self._chat(params)
        ref = str(params.get(field, ""))
        upload = files.get(ref.removeprefix("attach://")) or files.get(field)
        if upload is None:
            raise ApiError(400, f"Bad Request: there is no {field} in the request")
        caption = _text(params, "caption", 1024)
        sent = Sent(self.state.message_id(chat.id), chat.id, caption, params.get("parse_mode"),
                    _buttons(params.get("reply_markup")))
        if field == "document":
            sent.document = upload
        else:
            sent.photo = upload[1]
        await self.state.record(sent, new=True)
        return message_json(sent, chat, self.username)

    async def sendDocument(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self._upload(params, files, "document")

    async def sendPhoto(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self._upload(params, files, "photo")

    async def editMessageText(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat, sent = self._message(params)
        text, buttons = _text(params), _buttons(params.get("reply_markup"))
        if text == sent.text and buttons == sent.buttons:
            raise ApiError(400, "Bad Request: message is not modified")
        sent.text, sent.buttons, sent.edits = text, buttons, sent.edits + 1
        sent.parse_mode = params.get("parse_mode")
        await self.state.record(sent, new=False)
        return message_json(sent, chat, self.username)

    async def editMessageReplyMarkup(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        chat, sent = self._message(params)
        buttons = _buttons(params.get("reply_markup"))
        if buttons == sent.buttons:
            raise ApiError(400, "Bad Request: message is not modified")
        sent.buttons, sent.edits = buttons, sent.edits + 1
        await self.state.record(sent, new=False)
        return message_json(sent, chat, self.username)

    async def deleteMessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        _, sent = self._message(params)
        sent.deleted = True
        return True

    async def answerCallbackQuery(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.state.callback_answers.append((str(params.get("callback_query_id")), params.get("text")))
        return True

    async def getMe(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return bot_user(self.username)

    async def getUpdates(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return await self.state.fetch(int(params.get("offset", 0) or 0), int(params.get("limit", 100)),
                                      float(params.get("timeout", 0) or 0))

    async def setMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.commands[_scope(params)] = list(params.get("commands", []))
        return True

    async def getMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self.commands.get(_scope(params), [])

    async def deleteMyCommands(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.commands.pop(_scope(params), None)
        return True

    async def deleteWebhook(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.webhook = ""
        return True

    async def setWebhook(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self.webhook = str(params.get("url", ""))
        return True

    async def getWebhookInfo(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return {"url": self.webhook, "has_custom_certificate": False, "pending_update_count": 0}

    async def sendChatAction(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        self._chat(params)
        return True

    async def close(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return True


def _scope(params: dict[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return f"{scope.get('type')}:{scope.get('chat_id', '')}"
