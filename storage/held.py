"""Free text the screen flagged, held apart from the journal until its author chooses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Conn, iso
from storage.inbox import Inbox


@dataclass(frozen=True)
class Held:
    id: int
    step_id: str
    kind: str
    text: str
    concern: bool


class HeldTexts:
    """Held rows, one per flagged reply; the caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def hold(self, user_id: int, step_id: str, kind: str, text: str, concern: bool,
                   now: datetime) -> int:
        rows = (await self.conn.execute(
            "INSERT INTO held_texts (user_id, step_id, kind, text, concern, held_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (user_id, step_id, kind, text, concern, iso(now)))).rows
        return int(rows[0][0])

    async def get(self, user_id: int, held_id: int) -> Held | None:
        async with self.conn.execute(
                "SELECT id, step_id, kind, text, concern FROM held_texts WHERE id = ? AND user_id = ?",
                (held_id, user_id)) as cur:
            row = await cur.fetchone()
        return Held(row[0], row[1], row[2], row[3], bool(row[4])) if row else None

    async def replace(self, user_id: int, held_id: int, text: str, concern: bool) -> None:
        """A new version (sent after "Edit it") in place of the old, whose kept message copy goes."""
        before = await self.get(user_id, held_id)
        await self.conn.execute("UPDATE held_texts SET text = ?, concern = ? WHERE id = ? AND user_id = ?",
                                (text, concern, held_id, user_id))
        if before is not None and before.text != text:
            await Inbox(self.conn).forget_text(user_id, before.text)

    async def release(self, user_id: int, held_id: int) -> Held | None:
        """Take the text out of holding (to keep it or not); None if it was already."""
        held = await self.get(user_id, held_id)
        if held is not None:
            await self.conn.execute("DELETE FROM held_texts WHERE id = ?", (held_id,))
        return held

    async def discard(self, user_id: int, held_id: int) -> Held | None:
        """Delete it, and the kept copy of the message it came in."""
        held = await self.release(user_id, held_id)
        if held is not None:
            await Inbox(self.conn).forget_text(user_id, held.text)
        return held
