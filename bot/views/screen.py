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


TEXT_LIMIT = 4096  # Telegram's limit on a message's text
_GAP = Markup("\n\n")


def together(screens: list[Screen]) -> list[Screen]:
    """Back-to-back messages as few as they can be: each joins the one before it when at most one
    of the two has buttons and the text stays within Telegram's limit (one buzz, not two)."""
    joined: list[Screen] = []
    for screen in screens:
        last = joined[-1] if joined else None
        if (last is not None and not (last.buttons and screen.buttons)
                and len(last.text) + len(_GAP) + len(screen.text) <= TEXT_LIMIT):
            joined[-1] = Screen(last.text + _GAP + screen.text, last.buttons or screen.buttons)
        else:
            joined.append(screen)
    return joined
