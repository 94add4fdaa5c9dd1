"""Everything stored about one learner, gathered for /mydata and removed for /forget."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.store import Store


async def gather(store: Store, user_id: int) -> dict[str, Any] | None:
    """Every row held about the learner, by table; None when nothing is held."""
    tables = {
        "learner": "SELECT * FROM learners WHERE user_id = ?",
        "drops": "SELECT drop_id, delivered_at, opened_at, completed_at FROM drop_progress"
                 " WHERE user_id = ? ORDER BY delivered_at",
        "steps": "SELECT step_id, status, at FROM step_progress WHERE user_id = ? ORDER BY at",
        "quiz_answers": "SELECT step_id, choice, correct, recall, at FROM quiz_answers"
                        " WHERE user_id = ? ORDER BY id",
        "confidence": "SELECT statement, phase, rating, at FROM confidence WHERE user_id = ?",
        "reflections": "SELECT step_id, kind, text, created_at, updated_at FROM reflections"
                       " WHERE user_id = ? ORDER BY created_at",
        "messages_queued": "SELECT dedupe_key, status, created_at, sent_at FROM outbox"
                           " WHERE user_id = ? ORDER BY id",
        "events": "SELECT e.title, e.starts_at, r.answer, r.at, r.attended, r.will_try FROM rsvps r"
                  " JOIN events e ON e.id = r.event_id WHERE r.user_id = ? ORDER BY e.starts_at",
        "recall_cards": "SELECT step_id, due FROM recall_cards WHERE user_id = ? ORDER BY due",
        "pauses": "SELECT started_at, ended_at FROM pauses WHERE user_id = ? ORDER BY started_at",
    }
    data: dict[str, Any] = {}
    async with store.snapshot() as tx:
        for name, sql in tables.items():
            async with tx.conn.execute(sql, (user_id,)) as cur:
                data[name] = [dict(row) for row in await cur.fetchall()]
        data["messages_received"] = await tx.inbox.of_sender(user_id)  # kept a few days, for recovery
    if not data["learner"]:
        return None
    data["learner"] = {k: v for k, v in data["learner"][0].items() if k != "lease_until"}
    return data


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


def as_text(data: dict[str, Any], now: datetime) -> bytes:
    """A readable version of the same data, section by section."""
    learner = data["learner"]
    lines = [f"Everything the #KeepThePromise bot holds about {learner['first_name']}",
             f"(produced {now:%d %B %Y %H:%M} UTC)", ""]
    lines += [f"{key}: {value}" for key, value in learner.items()]
    for section in ("drops", "steps", "quiz_answers", "confidence", "reflections", "events", "recall_cards",
                    "pauses", "messages_queued", "messages_received"):
        rows = data[section]
        lines += ["", f"== {section.replace('_', ' ')} ({len(rows)})"]
        for row in rows:
            lines.append(" | ".join(f"{k}: {v}" for k, v in row.items()))
    return ("\n".join(lines) + "\n").encode()


async def forget(store: Store, user_id: int, asking_update: int | None = None) -> bool:
    """Delete every row about the learner, outbox included; False when there was nothing.

    The update that asked for it stays until it is marked handled (so a restart does not run it
    again) and goes with the rest of the inbox two days later.
    """
    async with store.transaction() as tx:
        if await tx.learners.get(user_id) is None:
            return False
        await tx.learners.delete(user_id)
        await tx.inbox.forget_sender(user_id, keep=asking_update)
    return True
