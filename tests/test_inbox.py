"""An update fetched but not handled when the process died is handled after the restart, once."""

from __future__ import annotations

import asyncio
import json

import aiosqlite

from tests.journey import Journey


def _reply(update_id: int, user_id: int, text: str) -> dict[str, object]:
    chat = {"id": user_id, "type": "private", "first_name": "Morag"}
    return {"update_id": update_id, "message": {
        "message_id": 77, "date": 1_800_000_000, "chat": chat, "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        "from": {"id": user_id, "is_bot": False, "first_name": "Morag"}}}


async def test_every_fetched_update_is_kept_and_marked_handled(journey: Journey) -> None:
    chat = journey.standin.user(4004, "Morag")
    await chat.send("/help")
    await chat.wait_for("I send you short lessons")
    await chat.send("/progress")
    await chat.wait_for("tap the invite link")
    counts: tuple[object, ...] = ()
    for _ in range(100):  # the mark follows the reply: give it a moment
        async with aiosqlite.connect(journey.db) as conn, conn.execute(
                "SELECT COUNT(*), COUNT(handled_at) FROM inbox") as cur:
            counts = tuple(await cur.fetchone() or ())
        if counts == (2, 2):
            break
        await asyncio.sleep(0.05)
    assert counts == (2, 2)


async def test_an_update_lost_in_a_crash_is_replayed_and_a_redelivery_is_ignored(
        journey: Journey) -> None:
    chat = journey.standin.user(4005, "Morag")
    await chat.send("/start")
    await chat.wait_for("you need the invite link")
    await journey.stop()
    # As if the process had fetched this update and died before handling it.
    lost = _reply(900, 4005, "/help")
    async with aiosqlite.connect(journey.db) as conn:
        await conn.execute("INSERT INTO inbox (update_id, body, received_at) VALUES (?, ?, ?)",
                           (900, json.dumps(lost), "2026-11-23T09:00:00+00:00"))
        await conn.commit()
    await journey.start()
    await chat.wait_for("I send you short lessons")
    # Telegram sends the same update again (it was never confirmed): it is not handled twice.
    await journey.standin.inject(lost)
    await chat.send("/progress")
    await chat.wait_for("tap the invite link")
    helps = [m for m in chat.messages if "I send you short lessons" in m.text]
    assert len(helps) == 1
