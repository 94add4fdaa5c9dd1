"""Telegram HTML built safely: markup is trusted only when it says so, every other value is escaped."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape
from typing import Any, SupportsIndex


class Markup(str):
    """Text that is already Telegram HTML: view templates and course content, never a person's input."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> Markup:
        """The template filled in, each value escaped unless it is Markup itself."""
        return Markup(super().format(*(_safe(a) for a in args), **{k: _safe(v) for k, v in kwargs.items()}))

    def __add__(self, other: str) -> Markup:
        return Markup(str.__add__(self, escape(other)))

    def __radd__(self, other: str) -> Markup:
        return Markup(str.__add__(escape(other), self))

    def __mul__(self, count: SupportsIndex) -> Markup:
        return Markup(str.__mul__(self, count))

    def join(self, parts: Iterable[str]) -> Markup:
        return Markup(str.join(self, (escape(p) for p in parts)))


def escape(value: object) -> Markup:
    """A value as it must appear inside Telegram HTML: Markup stays as it is, anything else is escaped."""
    if isinstance(value, Markup):
        return value
    return Markup(_escape(str(value), quote=False))


def _safe(value: object) -> Any:
    # Numbers keep their format specs ({:.1f}); their text never holds markup.
    if isinstance(value, Markup | int | float):
        return value
    return escape(value)


def html(template: str, /, *args: object, **values: object) -> Markup:
    """Fill a trusted template (a literal in a view) with values escaped by construction."""
    return Markup(template).format(*args, **values)


NOTHING = Markup()
