"""A cohort's rows for the coordinator's export: user ids here, pseudonyms where the files are written.

An export reads some 160,000 rows for a 20,000-learner cohort. It runs in a process of its own (see
bot.usecases.export_files), which opens the database read-only with the standard library's sqlite3:
the bot's event loop and its connections never see those rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

Rows = list[tuple[Any, ...]]

# Each query's first column is the user id, except published_tips, which carries no author at all.
QUERIES: dict[str, str] = {
    "answers": """
        SELECT q.user_id, q.step_id, q.choice, q.correct, q.recall, q.at
        FROM quiz_answers q JOIN learners l USING (user_id)
        WHERE l.cohort_id = ? ORDER BY q.id""",
    "confidence": """
        SELECT c.user_id, c.statement, c.phase, c.rating, c.at
        FROM confidence c JOIN learners l USING (user_id)
        WHERE l.cohort_id = ? ORDER BY c.at""",
    "feedback": """
        SELECT r.user_id, r.step_id, r.text, r.created_at
        FROM reflections r JOIN learners l USING (user_id)
        WHERE l.cohort_id = ? AND r.kind = 'feedback' AND r.flagged = 0""",
    "attendance": """
        SELECT r.user_id, r.event_id, e.title, r.answer, r.attended, r.will_try
        FROM rsvps r JOIN learners l USING (user_id) JOIN events e ON e.id = r.event_id
        WHERE l.cohort_id = ?""",
    # Reflections of learners who chose to share them with their coordinator (/share).
    "shared_reflections": """
        SELECT r.user_id, r.step_id, r.text, r.created_at
        FROM reflections r JOIN learners l USING (user_id)
        WHERE l.cohort_id = ? AND r.kind = 'reflect' AND l.share_reflections = 1
          AND r.flagged = 0""",
    # The board as the cohort reads it: text, module, day and useful count, never who wrote it.
    "published_tips": """
        SELECT t.module_id, t.text, substr(t.published_at, 1, 10),
               (SELECT count(*) FROM tip_useful u WHERE u.tip_id = t.id)
        FROM tips t WHERE t.cohort_id = ? AND t.status = 'published'
        ORDER BY t.published_at, t.id""",
}


class CohortExport:
    """The export's reads, on a read-only connection of their own, all from one snapshot."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        self.conn.execute("PRAGMA busy_timeout=5000")
        self.conn.execute("BEGIN")  # one read transaction: every file sees the same moment

    def rows(self, query: str, cohort_id: int) -> Rows:
        return self.conn.execute(QUERIES[query], (cohort_id,)).fetchall()

    def close(self) -> None:
        self.conn.close()  # a read transaction has nothing to commit

    def __enter__(self) -> CohortExport:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
