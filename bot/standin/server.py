"""The HTTP face of the stand-in: Bot API requests in, Telegram-shaped answers out."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from bot.standin.limits import FloodControl
from bot.standin.methods import ApiError, Methods

STRUCTURED = frozenset({"reply_markup", "link_preview_options", "reply_parameters", "entities",
                        "allowed_updates", "commands", "scope", "caption_entities", "menu_button"})
SENDS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})


@dataclass
class Fault:
    code: int
    description: str
    retry_after: int | None = None
    hang: bool = False


@dataclass
class Calls:
    """Every call the bot made, for tests and benchmarks to count."""

    log: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    faults: dict[str, deque[Fault]] = field(default_factory=dict)
    rate_limited: int = 0
    closing: asyncio.Event = field(default_factory=asyncio.Event)

    def count(self, method: str) -> int:
        return sum(1 for name, _ in self.log if name == method)


async def _params(request: web.Request) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """Decode form, multipart or JSON parameters the way Telegram reads them."""
    files: dict[str, tuple[str, bytes]] = {}
    raw: dict[str, Any] = {}
    if request.content_type == "application/json":
        raw = dict(await request.json())
    elif request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            name = part.name or ""
            if part.filename:
                files[name] = (part.filename, bytes(await part.read()))
            else:
                raw[name] = await part.text()
    else:
        raw = dict(await request.post())
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in STRUCTURED and isinstance(value, str):
            value = json.loads(value)
        params[key] = value
    return params, files


def build(token: str, methods: Methods, calls: Calls, flood: FloodControl,
          clock: Callable[[], float]) -> web.Application:
    """The aiohttp application serving /bot<token>/<method>."""

    async def handle(request: web.Request) -> web.Response:
        if request.match_info["token"] != token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"},
                                     status=401)
        name = request.match_info["method"]
        method = getattr(methods, name, None) if name[:1].islower() else None
        if method is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"},
                                     status=404)
        params, files = await _params(request)
        calls.log.append((name, params))
        try:
            fault = calls.faults.get(name)
            if fault:
                injected = fault.popleft()
                if injected.hang:
                    # Held until the client gives up; released at shutdown so stopping is quick.
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(calls.closing.wait(), 120)
                raise ApiError(injected.code, injected.description, injected.retry_after)
            if name in SENDS:
                wait = flood.check(int(params.get("chat_id", 0)), clock())
                if wait:
                    calls.rate_limited += 1
                    raise ApiError(429, f"Too Many Requests: retry after {wait}", wait)
            result = await method(params, files)
        except ApiError as exc:
            body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            return web.json_response(body, status=exc.code)
        return web.json_response({"ok": True, "result": result})

    app = web.Application(client_max_size=60 * 1024 * 1024)
    app.router.add_route("*", "/bot{token}/{method}", handle)
    return app
