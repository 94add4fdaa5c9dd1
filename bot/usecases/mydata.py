"""Everything stored about one learner, gathered for /mydata and removed for /forget."""

from __future__ import annotations

import json
from typing import Any

from storage.store import Store


async def gather(store: Store, user_id: int) -> dict[str, Any] | None:
    """Every row held about the learner, by table; None when nothing is held."""
    async with store.snapshot() as tx:
        data: dict[str, Any] = dict(await tx.personal.of(user_id))
        data["messages_received"] = await tx.inbox.of_sender(user_id)  # kept a few days, for recovery
    if not data["learner"]:
        return None
    data["learner"] = data["learner"][0]
    return data


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


async def forget(store: Store, user_id: int, asking_update: int | None = None) -> bool:
    """Delete every row about the learner, outbox included; False when there was nothing.

    The update that asked for it stays until it is marked handled (so a restart does not run it
    again) and goes with the rest of the inbox two days later.
    """
    async with store.transaction() as tx:
        await tx.pending.clear(user_id)  # a coordinator who is not a learner may have one too
        if await tx.learners.get(user_id) is None:
            return False
        await tx.learners.delete(user_id)
        await tx.inbox.forget_sender(user_id, keep=asking_update)
    return True
