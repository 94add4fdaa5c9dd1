"""The JSON shapes Telegram uses for the bot, its messages and membership changes."""

from __future__ import annotations

import time
from typing import Any

from standin.state import Chat, Sent

BOT_ID = 4242


def bot_user(username: str) -> dict[str, Any]:
    """The bot's User object, as getMe returns it."""
    return {"id": BOT_ID, "is_bot": True, "first_name": "KeepThePromise", "username": username,
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}


def person(chat: Chat, user_id: int) -> dict[str, Any]:
    """The User object of the person behind a chat."""
    return {"id": user_id, "is_bot": False, "first_name": chat.first_name, "language_code": "en"}


def message_json(sent: Sent, chat: Chat, username: str) -> dict[str, Any]:
    """The Message object Telegram returns for a send or edit, markup parsed into entities."""
    body: dict[str, Any] = {"message_id": sent.message_id, "date": sent.date or int(time.time()),
                            "chat": chat.as_json(), "from": bot_user(username)}
    if sent.edits:
        body["edit_date"] = int(time.time())
    if sent.document is not None:
        name, content = sent.document
        body["document"] = {"file_id": f"doc-{chat.id}-{sent.message_id}", "file_name": name,
                            "file_unique_id": f"udoc{chat.id}x{sent.message_id}", "file_size": len(content)}
    if sent.photo is not None:
        body["photo"] = [{"file_id": f"photo-{chat.id}-{sent.message_id}", "width": 1280, "height": 960,
                          "file_unique_id": f"uph{chat.id}x{sent.message_id}", "file_size": len(sent.photo)}]
    media = sent.document is not None or sent.photo is not None
    if sent.plain or not media:
        body["caption" if media else "text"] = sent.plain
    if sent.entities:
        body["caption_entities" if media else "entities"] = sent.entities
    if sent.buttons:
        body["reply_markup"] = {"inline_keyboard": [[_button(sent, label, data) for label, data in row]
                                                    for row in sent.buttons]}
    return body


def _button(sent: Sent, label: str, data: str) -> dict[str, Any]:
    if label in sent.links and not data:
        return {"text": label, "url": sent.links[label]}
    if label in sent.web_apps and not data:
        return {"text": label, "web_app": {"url": sent.web_apps[label]}}
    return {"text": label, "callback_data": data}


def file_id(sent: Sent) -> str:
    """The file_id message_json gives the file or picture in a message."""
    kind = "doc" if sent.document is not None else "photo"
    return f"{kind}-{sent.chat_id}-{sent.message_id}"
