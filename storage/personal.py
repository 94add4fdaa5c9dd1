"""Everything held about one learner, table by table, for /mydata; free text past its retention."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.db import Conn, iso

# One query per kind of row, each for the learner's user id.
_HELD = {
    "learner": "SELECT * FROM learners WHERE user_id = ?",
    "cohort": "SELECT c.name FROM cohorts c JOIN learners l ON l.cohort_id = c.id WHERE l.user_id = ?",
    "certificate": """
        SELECT number, name, course, completed_on, minutes, issued_at
        FROM certificates WHERE user_id = ?""",
    "drops": """
        SELECT drop_id, delivered_at, opened_at, completed_at
        FROM drop_progress WHERE user_id = ? ORDER BY delivered_at""",
    "steps": "SELECT step_id, status, at FROM step_progress WHERE user_id = ? ORDER BY at",
    "quiz_answers": """
        SELECT step_id, choice, correct, recall, at
        FROM quiz_answers WHERE user_id = ? ORDER BY id""",
    "confidence": "SELECT statement, phase, rating, at FROM confidence WHERE user_id = ?",
    "reflections": """
        SELECT step_id, kind, text, created_at, updated_at, flagged
        FROM reflections WHERE user_id = ? ORDER BY created_at""",
    "held_replies": "SELECT step_id, kind, text, held_at FROM held_texts WHERE user_id = ? ORDER BY id",
    "messages_queued": """
        SELECT kind, dedupe_key, status, created_at, sent_at
        FROM outbox WHERE user_id = ? ORDER BY id""",
    "events": """
        SELECT e.title, e.starts_at, r.answer, r.at, r.attended, r.will_try
        FROM rsvps r JOIN events e ON e.id = r.event_id
        WHERE r.user_id = ? ORDER BY e.starts_at""",
    "recall_cards": "SELECT step_id, due FROM recall_cards WHERE user_id = ? ORDER BY due",
    "pauses": "SELECT started_at, ended_at FROM pauses WHERE user_id = ? ORDER BY started_at",
    "tips": """
        SELECT module_id, text, signed, status, reason, created_at, published_at
        FROM tips WHERE author_id = ? ORDER BY id""",
    # What the bot waits for from them next (a name, a time, an answer), if anything.
    "pending_reply": "SELECT kind, target, asked_at FROM pending_replies WHERE user_id = ?",
}


# Learners with no activity since the cutoff (one who never acted counts from when they joined).
_INACTIVE = "SELECT user_id FROM learners WHERE COALESCE(last_active_at, joined_at) < ?"


class PersonalData:
    """The caller owns the transaction."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    async def of(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row about the learner by section; the learner's lease is bookkeeping, left out."""
        held: dict[str, list[dict[str, Any]]] = {}
        for section, sql in _HELD.items():
            async with self.conn.execute(sql, (user_id,)) as cur:
                held[section] = [dict(row) for row in await cur.fetchall()]
        held["learner"] = [{k: v for k, v in row.items() if k != "lease_until"} for row in held["learner"]]
        return held

    async def forget_free_text_of_inactive(self, cutoff: datetime) -> int:
        """Delete the free text (reflections, feedback, held replies, after-event answers) of learners
        inactive since cutoff."""
        reflections = await self.conn.execute(
            f"DELETE FROM reflections WHERE user_id IN ({_INACTIVE})", (iso(cutoff),))
        held = await self.conn.execute(
            f"DELETE FROM held_texts WHERE user_id IN ({_INACTIVE})", (iso(cutoff),))
        will_try = await self.conn.execute(
            f"UPDATE rsvps SET will_try = NULL WHERE will_try IS NOT NULL AND user_id IN ({_INACTIVE})",
            (iso(cutoff),))
        return reflections.rowcount + held.rowcount + will_try.rowcount
