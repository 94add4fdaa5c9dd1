"""Callback data: short, parsed strictly, and never trusted beyond its shape."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHAPE = re.compile(r"^([a-z]{1,6}):([a-z0-9-]{1,40})(?::([a-z0-9-]{1,12}))?$")


@dataclass(frozen=True)
class Callback:
    action: str
    target: str
    arg: str | None = None

    def encode(self) -> str:
        data = f"{self.action}:{self.target}" + (f":{self.arg}" if self.arg is not None else "")
        if len(data.encode()) > 64 or not _SHAPE.match(data):
            raise ValueError(f"callback data {data!r} is not valid")
        return data


def parse(data: str | None) -> Callback | None:
    """The callback in data, or None for anything that is not one of ours."""
    match = _SHAPE.match(data or "")
    if match is None:
        return None
    return Callback(match.group(1), match.group(2), match.group(3))


def cb(action: str, target: str, arg: str | int | None = None) -> str:
    return Callback(action, target, None if arg is None else str(arg)).encode()
