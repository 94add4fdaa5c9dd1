"""A screen: text plus rows of buttons, with no Telegram types so any front end can show it."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.views.html import Markup


@dataclass(frozen=True)
class Button:
    """A button that comes back to the bot as callback data."""

    label: str
    data: str


@dataclass(frozen=True)
class WebAppButton:
    """A button that opens a web page as a Telegram Mini App (HTTPS only, as Telegram requires)."""

    label: str
    url: str


Key = Button | WebAppButton


@dataclass(frozen=True)
class Screen:
    text: Markup
    buttons: tuple[tuple[Key, ...], ...] = field(default_factory=tuple)
