"""A screen: text plus rows of buttons, with no Telegram types so any front end can show it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Screen:
    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)


def safe(text: str) -> str:
    """User-provided text made safe inside Telegram HTML."""
    return escape(text, quote=False)
