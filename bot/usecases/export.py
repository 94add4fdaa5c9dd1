"""Exports for a cohort's coordinator: CSV files with learners pseudonymised.

Each learner appears as a stable pseudonym (an HMAC of their user id with a key kept in this
database), never as a name or Telegram id. Reflections are exported only for learners who chose
to share them with their coordinator (/share).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import secrets
from pathlib import Path

from storage.store import Store


async def _key(store: Store) -> bytes:
    async with store.transaction() as tx:
        key = await tx.meta.get("pseudonym_key")
        if key is None:
            key = secrets.token_hex(32)
            await tx.meta.put("pseudonym_key", key)
    return bytes.fromhex(key)


def pseudonym(key: bytes, user_id: int) -> str:
    return "L-" + hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:10]


QUERIES = {
    "answers.csv": ("SELECT q.user_id, q.step_id, q.choice, q.correct, q.recall, q.at FROM quiz_answers q"
                    " JOIN learners l USING (user_id) WHERE l.cohort_id = ? ORDER BY q.id",
                    ["learner", "step", "choice", "correct", "recall", "at"]),
    "confidence.csv": ("SELECT c.user_id, c.statement, c.phase, c.rating, c.at FROM confidence c"
                       " JOIN learners l USING (user_id) WHERE l.cohort_id = ? ORDER BY c.at",
                       ["learner", "statement", "phase", "rating", "at"]),
    "feedback.csv": ("SELECT r.user_id, r.step_id, r.text, r.created_at FROM reflections r"
                     " JOIN learners l USING (user_id) WHERE l.cohort_id = ? AND r.kind = 'feedback'",
                     ["learner", "step", "feedback", "at"]),
    "attendance.csv": ("SELECT r.user_id, r.event_id, e.title, r.answer, r.attended, r.will_try FROM rsvps r"
                       " JOIN learners l USING (user_id) JOIN events e ON e.id = r.event_id"
                       " WHERE l.cohort_id = ?", ["learner", "event", "title", "answer", "attended",
                                                   "will_try"]),
    "reflections.csv": ("SELECT r.user_id, r.step_id, r.text, r.created_at FROM reflections r"
                        " JOIN learners l USING (user_id) WHERE l.cohort_id = ? AND r.kind = 'reflect'"
                        " AND l.share_reflections = 1", ["learner", "step", "reflection", "at"]),
}


async def export(store: Store, cohort_id: int, folder: Path) -> dict[str, int]:
    """Write the cohort's CSV files into folder; returns rows written per file."""
    key = await _key(store)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name, (sql, header) in QUERIES.items():
        async with store.snapshot() as tx, tx.conn.execute(sql, (cohort_id,)) as cur:
            rows = list(await cur.fetchall())
        with (folder / name).open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows([pseudonym(key, row[0]), *row[1:]] for row in rows)
        written[name] = len(rows)
    return written
