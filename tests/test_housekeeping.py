"""Sent messages and handled updates are pruned after the set time; recent ones and work still to do stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.config import Settings
from scheduler.outgoing import Broadcast
from storage.housekeeping import prune, prune_access
from storage.store import Store

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _update(update_id: int, user_id: int) -> dict[str, object]:
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 0, "text": "hi",
                                                "chat": {"id": user_id, "type": "private"},
                                                "from": {"id": user_id, "is_bot": False, "first_name": "A"}}}


async def test_old_sent_rows_and_handled_updates_go_and_recent_ones_stay(store: Store) -> None:
    settings = Settings()
    old, recent = NOW - timedelta(days=40), NOW - timedelta(days=1)
    async with store.transaction() as tx:
        for key, at in (("old", old), ("recent", recent), ("waiting", old)):
            await tx.outbox.add(key, 7, Broadcast(text="Hello"), at, user_id=None)
        for key, at in (("old", old), ("recent", recent)):
            item = (await tx.conn.execute("SELECT id FROM outbox WHERE dedupe_key = ?", (key,))).rows[0]
            await tx.outbox.mark_sent(item[0], 1, at)
        await tx.inbox.keep([_update(1, 7), _update(2, 7), _update(3, 7)], old)
        await tx.inbox.handled(1, old)
        await tx.inbox.handled(2, NOW - timedelta(hours=1))
    pruned = await prune(store, NOW - timedelta(days=settings.sent_keep_days),
                         NOW - timedelta(days=settings.handled_keep_days))
    assert pruned == (1, 1)
    async with store.read() as tx:
        left = {r[0] for r in (await tx.conn.execute("SELECT dedupe_key FROM outbox")).rows}
        kept = [u["update_id"] for u in await tx.inbox.of_sender(7)]
    assert left == {"recent", "waiting"}  # an unsent message is never pruned, however old
    assert kept == [2, 3]  # an update not yet handled is never pruned either


async def test_a_prune_of_more_rows_than_one_chunk_takes_them_all(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.inbox.keep([_update(n, 7) for n in range(1, 4502)], NOW - timedelta(days=5))
        await tx.conn.execute("UPDATE inbox SET handled_at = received_at")
    assert await prune(store, NOW, NOW - timedelta(days=2)) == (0, 4501)


async def test_expired_sign_in_links_sessions_and_invites_go_and_live_ones_still_open(store: Store) -> None:
    async with store.transaction() as tx:
        cohort = (await tx.conn.execute(
            "INSERT INTO cohorts (name, invite_code, created_at) VALUES ('Fir', 'fir', ?)"
            " RETURNING id", (NOW.isoformat(),))).rows[0][0]
        for name, expires in (("old", NOW - timedelta(days=3)), ("live", NOW + timedelta(minutes=5))):
            await tx.dashboard.add_link(f"link-{name}", 7, expires)
            await tx.dashboard.start_session(f"session-{name}", 7, NOW - timedelta(days=4), expires)
            await tx.coordinator_invites.add(f"invite-{name}", cohort, 1, NOW - timedelta(days=10), expires)
    assert await prune_access(store, NOW - timedelta(days=1)) == 3
    async with store.transaction() as tx:
        assert await tx.dashboard.session_user("session-live", NOW) == 7
        assert await tx.dashboard.use_link("link-live", NOW) == 7
        assert await tx.coordinator_invites.use("invite-live", 9, NOW) == (cohort, 1)
        for table in ("dashboard_links", "dashboard_sessions", "coordinator_invites"):
            assert (await tx.conn.execute(f"SELECT count(*) FROM {table}")).rows[0][0] == 1
