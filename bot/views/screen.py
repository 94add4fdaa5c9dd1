"""A screen: text plus rows of buttons, with no Telegram types so any front end can show it."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.views.html import Markup


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Screen:
    text: Markup
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
