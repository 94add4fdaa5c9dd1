"""Methods about the bot itself: identity, updates, webhook, command menus, files, log-out."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from standin.errors import bad_request, chat_not_found, conflict
from standin.messages import Handler
from standin.params import Params
from standin.state import State
from standin.updates import UpdateQueue
from standin.wire import bot_user

WEBHOOK_ACTIVE = ("can't use getUpdates method while webhook is active; "
                  "use deleteWebhook to delete the webhook first")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


class Account:
    """The bot's own settings as Telegram keeps them."""

    def __init__(self, state: State, updates: UpdateQueue, username: str) -> None:
        self.state, self.updates, self.username = state, updates, username
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, Any] = {}
        self.webhook: dict[str, Any] = {}
        self.logged_out = False

    def handlers(self) -> dict[str, Handler]:
        return {"getMe": self.get_me, "getUpdates": self.get_updates, "setWebhook": self.set_webhook,
                "deleteWebhook": self.delete_webhook, "getWebhookInfo": self.get_webhook_info,
                "setMyCommands": self.set_my_commands, "getMyCommands": self.get_my_commands,
                "deleteMyCommands": self.delete_my_commands, "setChatMenuButton": self.set_menu_button,
                "getChatMenuButton": self.get_menu_button, "getFile": self.get_file,
                "close": self.close, "logOut": self.log_out}

    async def get_me(self, params: Params) -> Any:
        return bot_user(self.username)

    async def get_updates(self, params: Params) -> Any:
        if self.webhook:
            raise conflict(WEBHOOK_ACTIVE)
        allowed = params.structured("allowed_updates")
        return await self.updates.fetch(params.integer("offset"), params.integer("limit", 100),
                                        params.number("timeout"),
                                        allowed if isinstance(allowed, list) else None)

    async def set_webhook(self, params: Params) -> Any:
        url = urlparse(params.text("url"))
        if not params.text("url"):
            return await self.delete_webhook(params)
        if url.scheme != "https":
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if (url.port or 443) not in {80, 88, 443, 8443}:
            raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        self.webhook = {key: value for key, value in params.decoded().items() if key != "certificate"}
        if params.flag("drop_pending_updates"):
            self.updates.pending.clear()
        return True

    async def delete_webhook(self, params: Params) -> Any:
        self.webhook = {}
        if params.flag("drop_pending_updates"):
            self.updates.pending.clear()
        return True

    async def get_webhook_info(self, params: Params) -> Any:
        info: dict[str, Any] = {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                                "pending_update_count": len(self.updates.pending)}
        if self.webhook.get("allowed_updates"):
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    def _scope(self, params: Params) -> str:
        """The key a command list is kept under: scope type, chat, user, language."""
        scope = params.structured("scope") or {"type": "default"}
        if not isinstance(scope, dict):
            raise bad_request("can't parse BotCommandScope JSON object")
        key = f"{scope.get('type', 'default')}:"
        if "chat_id" in scope:
            chat = self.state.chats.get(int(scope["chat_id"]))
            if chat is None or not chat.known:
                raise chat_not_found()
            key += str(scope["chat_id"])
        if "user_id" in scope:
            key += f":{scope['user_id']}"
        language = params.text("language_code")
        return f"{key}/{language}" if language else key

    async def set_my_commands(self, params: Params) -> Any:
        commands = params.structured("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 BotCommand")
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("command description must be non-empty")
        self.commands[self._scope(params)] = [dict(c) for c in commands]
        return True

    async def get_my_commands(self, params: Params) -> Any:
        return self.commands.get(self._scope(params), [])

    async def delete_my_commands(self, params: Params) -> Any:
        self.commands.pop(self._scope(params), None)
        return True

    async def set_menu_button(self, params: Params) -> Any:
        chat_id = params.integer("chat_id") if "chat_id" in params else None
        self.menu_buttons[chat_id] = params.structured("menu_button") or {"type": "default"}
        return True

    async def get_menu_button(self, params: Params) -> Any:
        chat_id = params.integer("chat_id") if "chat_id" in params else None
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "commands"}

    async def get_file(self, params: Params) -> Any:
        file_id = params.text("file_id")
        if file_id not in self.state.files:
            raise bad_request("invalid file_id")
        _, data = self.state.files[file_id]
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(data),
                "file_path": f"files/{file_id}"}

    async def close(self, params: Params) -> Any:
        return True

    async def log_out(self, params: Params) -> Any:
        self.logged_out = True
        return True
