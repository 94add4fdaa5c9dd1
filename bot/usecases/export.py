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
from collections.abc import Awaitable, Callable
from pathlib import Path

from storage.exports import CohortExport, Rows
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


# File -> (the rows for it, its header); each row's first column is the learner's user id.
FILES: dict[str, tuple[Callable[[CohortExport, int], Awaitable[Rows]], list[str]]] = {
    "answers.csv": (CohortExport.answers, ["learner", "step", "choice", "correct", "recall", "at"]),
    "confidence.csv": (CohortExport.confidence, ["learner", "statement", "phase", "rating", "at"]),
    "feedback.csv": (CohortExport.feedback, ["learner", "step", "feedback", "at"]),
    "attendance.csv": (CohortExport.attendance,
                       ["learner", "event", "title", "answer", "attended", "will_try"]),
    "reflections.csv": (CohortExport.shared_reflections, ["learner", "step", "reflection", "at"]),
}


async def export(store: Store, cohort_id: int, folder: Path) -> dict[str, int]:
    """Write the cohort's CSV files into folder; returns rows written per file."""
    key = await _key(store)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for name, (query, header) in FILES.items():
        async with store.read() as tx:
            rows = await query(tx.export, cohort_id)
        with (folder / name).open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows([pseudonym(key, int(row[0])), *row[1:]] for row in rows)
        written[name] = len(rows)
    return written
