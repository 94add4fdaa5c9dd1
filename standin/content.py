"""What Telegram checks in what a bot sends: text and caption length, markup, keyboards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from standin.errors import bad_request
from standin.html import parse
from standin.params import Params
from standin.state import Buttons

TEXT_LIMIT, CAPTION_LIMIT, DATA_LIMIT = 4096, 1024, 64
NO_TEXT_BUTTONS = "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"


@dataclass(frozen=True)
class Text:
    """Text as sent, and as a person reads it."""

    raw: str
    parse_mode: str | None
    plain: str
    entities: list[dict[str, Any]]


@dataclass(frozen=True)
class Keyboard:
    """An inline keyboard: rows of (label, callback data), and the URL of each link button."""

    buttons: Buttons = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    web_apps: dict[str, str] = field(default_factory=dict)  # label -> the Mini App's URL
    raw: Any = None


def message_text(params: Params) -> Text:
    """The text of sendMessage or editMessageText, checked as Telegram checks it."""
    text = _parsed(params, "text")
    if not text.plain.strip():
        raise bad_request("message text is empty")
    if len(text.plain.strip()) > TEXT_LIMIT:
        raise bad_request("message is too long")
    return text


def caption(params: Params) -> Text:
    """A file's or picture's caption, which may be empty."""
    text = _parsed(params, "caption")
    if len(text.plain.strip()) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return text


def _parsed(params: Params, name: str) -> Text:
    raw, mode = params.text(name), params.text("parse_mode") or None
    plain, entities = parse(raw, mode)
    return Text(raw, mode, plain, entities)


def keyboard(params: Params) -> Keyboard:
    """The inline keyboard in reply_markup; other keyboards are accepted and kept raw."""
    markup = params.structured("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return Keyboard(raw=markup)
    rows, links, web_apps = [], {}, {}
    for row in markup["inline_keyboard"]:
        buttons = []
        for button in row:
            label, data, url = str(button.get("text", "")), button.get("callback_data"), button.get("url")
            if url is not None:
                links[label] = str(url)
            elif "web_app" in button:
                web_apps[label] = _web_app_url(button["web_app"])
            elif data is None:
                raise bad_request(NO_TEXT_BUTTONS)
            elif not 1 <= len(str(data).encode()) <= DATA_LIMIT:
                raise bad_request("BUTTON_DATA_INVALID")
            buttons.append((label, "" if data is None else str(data)))
        rows.append(buttons)
    return Keyboard(rows, links, web_apps, markup)


def _web_app_url(web_app: Any) -> str:
    # Telegram opens Mini Apps over HTTPS only and refuses the button otherwise.
    url = web_app.get("url") if isinstance(web_app, dict) else None
    if not isinstance(url, str) or not url.startswith("https://"):
        raise bad_request("BUTTON_URL_INVALID")
    return url
