"""Webhook mode: only Telegram's requests (with our secret) get in; /healthz reports without personal data."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.ptb.app import build_application
from bot.ptb.lifecycle import running
from bot.ptb.webhook import SECRET_HEADER, web_app
from standin import StandIn
from tests.conftest import FakeClock, tiny_course
from tests.journey import TOKEN, Journey

SECRET = "s3cret-webhook-token"
Drip = Callable[[], Awaitable[object]]  # one tick at the fake clock's now


@pytest.fixture
async def server(tmp_path: Path, clock: FakeClock) -> AsyncIterator[tuple[StandIn, str, Drip]]:
    async with StandIn(token=TOKEN) as standin:
        journey = Journey(standin, tmp_path / "bot.sqlite3", clock, tiny_course())
        app = build_application(journey.settings(), clock=clock, course=tiny_course(), rate_limit=False,
                                drip_job=False)
        async with running(app, polling=False):
            runner = web.AppRunner(web_app(app, SECRET, "/telegram"), access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = runner.addresses[0][1]
            runner_of_drip = app.bot_data["drip"]

            async def drip() -> object:
                return await runner_of_drip.run(clock.now())

            yield standin, f"http://127.0.0.1:{port}", drip
            await runner.cleanup()


def _update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    chat = {"id": user_id, "type": "private", "first_name": "Ailsa"}
    return {"update_id": update_id, "message": {
        "message_id": 1, "date": 1_800_000_000, "chat": chat, "text": text,
        "from": {"id": user_id, "is_bot": False, "first_name": "Ailsa"},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]}}


async def test_requests_without_the_secret_are_refused_and_change_nothing(
        server: tuple[StandIn, str, Drip]) -> None:
    standin, base, _ = server
    standin.user(8001, "Ailsa").chat.known = True
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {SECRET_HEADER: "guess"}):
            async with http.post(f"{base}/telegram", json=_update(1, 8001, "/help"), headers=headers) as r:
                assert r.status == 403
        async with http.post(f"{base}/telegram", json=_update(2, 8001, "/help"),
                             headers={SECRET_HEADER: SECRET}) as r:
            assert r.status == 200
    chat = standin.user(8001, "Ailsa")
    await chat.wait_for("I send you short lessons")
    assert len([m for m in chat.messages if "I send you short lessons" in m.text]) == 1


async def test_healthz_reports_the_queue_and_no_personal_data(server: tuple[StandIn, str, Drip]) -> None:
    _, base, drip = server
    await drip()
    async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz") as response:
        body = await response.json()
    assert response.status == 200 and body["ok"] is True
    assert set(body) == {"ok", "now", "outbox_pending", "learners_due", "learners", "last_tick", "last_error"}


async def test_healthz_is_not_ok_once_the_drip_has_stopped_ticking(
        server: tuple[StandIn, str, Drip], clock: FakeClock) -> None:
    _, base, drip = server
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 503  # not ticked yet
        await drip()
        clock.advance(timedelta(seconds=4 * 30))  # four ticks missed (30 s each): a hiccup
        async with http.get(f"{base}/healthz") as response:
            assert response.status == 200
        clock.advance(timedelta(seconds=2 * 30))
        async with http.get(f"{base}/healthz") as response:
            body = await response.json()
            assert response.status == 503 and body["ok"] is False


async def test_the_same_update_posted_twice_is_handled_once(server: tuple[StandIn, str, Drip]) -> None:
    standin, base, _ = server
    chat = standin.user(8002, "Ailsa")
    chat.chat.known = True
    async with aiohttp.ClientSession() as http:
        for _ in range(2):
            async with http.post(f"{base}/telegram", json=_update(7, 8002, "/help"),
                                 headers={SECRET_HEADER: SECRET}) as r:
                assert r.status == 200
        async with http.post(f"{base}/telegram", json=_update(8, 8002, "/progress"),
                             headers={SECRET_HEADER: SECRET}) as r:
            assert r.status == 200
    await chat.wait_for(lambda m: "I send you short lessons" not in m.text)  # the /progress reply
    assert len([m for m in chat.messages if "I send you short lessons" in m.text]) == 1
