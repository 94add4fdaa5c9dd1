"""YAML typed or pasted by people (calendars, events): small, and with no anchors or aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# A calendar or a term's events fit in a few kilobytes; 64 KB leaves room for long descriptions.
MAX_BYTES = 64 * 1024


class Refused(ValueError):
    """The text is not YAML we read: the message is one plain line for the person."""


class _NoAliases(yaml.SafeLoader):
    """Aliases are refused before they are expanded: 600 bytes of them can fill gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise Refused("anchors and aliases (& and *) are not accepted: write each value out")
        return super().compose_node(parent, index)


def load(text: str) -> Any:
    """The YAML document in text, or Refused with one line saying why."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise Refused(f"too long: at most {MAX_BYTES // 1024} KB")
    try:
        return yaml.load(text, Loader=_NoAliases)  # a SafeLoader subclass: no Python objects
    except yaml.YAMLError as exc:
        raise Refused(f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from None


def read_text(path: Path) -> str:
    """A file's text, reading no more than the limit allows."""
    with path.open("rb") as f:
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Refused(f"too long: at most {MAX_BYTES // 1024} KB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("not UTF-8 text") from None
