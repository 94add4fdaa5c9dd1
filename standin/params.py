"""Decoding Bot API requests: query string, form, JSON or multipart, as Telegram accepts them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from standin.errors import bad_request

# Fields that carry a JSON object or array; in form and multipart bodies they arrive as JSON text.
STRUCTURED = frozenset({
    "reply_markup", "link_preview_options", "reply_parameters", "entities", "caption_entities",
    "allowed_updates", "commands", "scope", "menu_button", "media", "reaction",
})


@dataclass(frozen=True)
class Upload:
    """A file sent in a multipart body."""

    filename: str
    content: bytes
    content_type: str


class Params:
    """A request's parameters with typed accessors that fail the way Telegram does."""

    def __init__(self, raw: dict[str, Any], files: dict[str, Upload] | None = None) -> None:
        self.raw = raw
        self.files = files or {}

    def __contains__(self, name: str) -> bool:
        return self.raw.get(name) not in (None, "")

    def text(self, name: str, default: str = "") -> str:
        """A string parameter."""
        value = self.raw.get(name, default)
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, default: int = 0) -> int:
        """An integer parameter; Telegram answers 400 when it is not a number."""
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def number(self, name: str, default: float = 0.0) -> float:
        """A float parameter (timeouts)."""
        value = self.raw.get(name)
        return default if value in (None, "") else float(value)

    def flag(self, name: str) -> bool:
        """A boolean parameter, sent as true/false text in forms."""
        value = self.raw.get(name)
        return value is True or (isinstance(value, str) and value.lower() in {"true", "1"})

    def structured(self, name: str) -> Any:
        """A JSON object or array parameter, decoded when it arrived as text."""
        value = self.raw.get(name)
        if isinstance(value, str) and value:
            try:
                return json.loads(value)
            except ValueError:
                what = "reply keyboard markup" if name == "reply_markup" else name
                raise bad_request(f"can't parse {what} JSON object") from None
        return value

    def upload(self, name: str) -> Upload | None:
        """The file a parameter points at: its own part or an attach:// reference."""
        ref = self.text(name)
        return self.files.get(ref.removeprefix("attach://")) or self.files.get(name)

    def decoded(self) -> dict[str, Any]:
        """The parameters with JSON fields decoded, for assertions in tests."""
        out = {key: self.structured(key) if key in STRUCTURED else value for key, value in self.raw.items()}
        out.update({name: upload for name, upload in self.files.items()})
        return out


async def read_params(request: web.Request) -> Params:
    """Decode the body and query string the way the Bot API reads them."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.content_type == "application/json" and request.can_read_body:
        body = await request.json()
        if not isinstance(body, dict):
            raise bad_request("parameters must be a JSON object")
        raw.update(body)
    elif request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            if part.filename is not None:
                kind = part.headers.get("Content-Type", "application/octet-stream")
                files[part.name or ""] = Upload(part.filename, bytes(await part.read()), kind)
            else:
                raw[part.name or ""] = await part.text()
    elif request.can_read_body:
        raw.update(await request.post())
    return Params(raw, files)
