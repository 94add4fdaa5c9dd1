"""Upgrades: every schema ever shipped reaches today's, keeps its data and runs the bot; no migration changes.

The fixtures under tests/fixtures/schemas/ were built by tests/fixtures/make_schemas.py from each
release's own migrations, not from today's list: shipped migrations were once edited in place, so
only history shows what databases in the field look like.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from standin import StandIn
from storage.migrations import MIGRATIONS, checksum
from storage.store import Store
from tests.conftest import FIXTURES, FakeClock, tiny_course
from tests.journey import TOKEN, Journey

# sha256 of each released migration's statements (storage.migrations.checksum). A release
# freezes its migrations: append a line here for each new one, never change one that is here.
RELEASED = {
    1: "f9c15fe959ab36ccdba9d65798af7e682ade7acc35025804ce6d9bc899f617e8",
    2: "e0b31dbef4d8ca6c963ed26c2c4edf6cc2b4b8e0b3b225c54d643043179e0cf9",
    3: "e0303fd2d6002b25229941a494baf049f1213b4e21d1404176b7d0b6012e17d7",
    4: "e71ebd618c6c0b608af8f6c3d3daefc2f191d0803d347229be9d2780933f10ea",
    5: "5ffa47ada6d6515b2d12c6d789930b05bb851d35efdb9fe4cb01234bcc640cce",
    6: "777aeef20afcc5606d68a6691b3e859b25afcba74d80e4aad684abea8c220756",
    7: "451bb902beb8560d701022b621a02f95856efed6c58e43d059ba79ce9dce6507",
    8: "21ae6da2d93d6dd2c93358f845828efcebda7d4a1358ad4b4e8cecb0c0f1da7d",
    9: "14cd4bf9a26ecd0dff58b35d414b67f7ea885ec0559ac73fa941a85e9c08e213",
    10: "7ccb7defe904cae98baab7b97d0c0e7fb8a5d9beff28c175bafbf160e90a4178",
    11: "6d6528aa8787fa60c7c4c36e52e7a79343f707bc982d38f947031e6737e67e65",
    12: "e1fb6e6e5c1734dd8d6ddb1387b7a0a124657dcf28a9b533c154e267e85cf3dc",
    13: "dd6add65e3a79435b46b3ba69899c3974774a82eb2ffaeb1502ffa369155f015",
    14: "098e504d9241ea3cf2ff24ba8d76a853d6885bcb89aceb1da61d2c48681aca96",
    15: "4a1661ce9e000bec6f475ec1c77cea90eb225da6f25a5ad0a2c8f574f845bda0",
    16: "2a227e1b684564527154b40e9fa1ba94a284b2a51837000e9880d2eb8b15ec55",
    17: "e18a7dd22de8d188f8e232130374c2d2c976c9584ceac2e27d9d28aeaa2d17c5",
    18: "a2835bab4af38834f4a2e107c07e8bcec1643bb50dacb3b9c85bc7a8e489ae41",
    19: "c07bdcb8e77b618dd174a1a5d6dd580a8b7e89121f80f752295cae2a4335c91d",
    20: "328dfdecaa44c1cd2be36e5ad18ce87faac8b05ce853ff8f46fa03f6bcb296d6",
}

SCHEMAS = sorted((FIXTURES / "schemas").glob("*.sqlite3"))


def test_no_released_migration_has_changed() -> None:
    changed = [number for number, digest in RELEASED.items() if checksum(MIGRATIONS[number - 1]) != digest]
    assert not changed, (f"released migrations {changed} have changed: a database already at that "
                         "version never runs them again, so add a new migration instead")


def test_every_migration_is_recorded_as_released() -> None:
    unrecorded = [n for n in range(1, len(MIGRATIONS) + 1) if n not in RELEASED]
    assert not unrecorded, "record each new migration's checksum in RELEASED: " + ", ".join(
        f"{n}: {checksum(MIGRATIONS[n - 1])!r}" for n in unrecorded)


def _schema(path: Path) -> dict[str, object]:
    """What the code relies on: the version, each table's columns (in any order), each index."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            "version": conn.execute("PRAGMA user_version").fetchone()[0],
            "tables": {t: sorted(tuple(c[1:]) for c in conn.execute(f"PRAGMA table_info({t})"))
                       for t in tables},
            "indexes": sorted(conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")),
        }
    finally:
        conn.close()


def _copy(fixture: Path, tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite3"
    shutil.copyfile(fixture, path)
    return path


def test_there_is_a_fixture_for_each_schema_a_release_could_leave_behind() -> None:
    versions = {int(p.name[1:].split("-")[0]) for p in SCHEMAS if p.name.startswith("v")}
    assert versions >= set(range(1, 8))
    assert len(SCHEMAS) >= 13  # three versions of migration 4 and four of migration 6 shipped


@pytest.mark.parametrize("fixture", SCHEMAS, ids=lambda p: p.stem)
async def test_a_database_from_any_release_reaches_todays_schema_and_keeps_its_data(
        tmp_path: Path, fixture: Path) -> None:
    fresh = await Store.open(tmp_path / "fresh.sqlite3")
    await fresh.close()
    old = await Store.open(_copy(fixture, tmp_path))
    async with old.read() as tx:
        morag, iain = await tx.learners.get(1001), await tx.learners.get(1002)
    await old.close()
    assert _schema(tmp_path / "bot.sqlite3") == _schema(tmp_path / "fresh.sqlite3")
    assert morag is not None and morag.first_name == "Morag" and morag.status == "active"
    assert iain is not None and iain.weekdays == (0, 2, 4) and iain.share_reflections


@pytest.mark.parametrize("fixture", SCHEMAS, ids=lambda p: p.stem)
async def test_on_a_database_from_any_release_a_learner_joins_gets_a_drop_and_answers(
        tmp_path: Path, clock: FakeClock, fixture: Path) -> None:
    async with StandIn(token=TOKEN) as standin:
        trip = Journey(standin, _copy(fixture, tmp_path), clock, tiny_course())
        await trip.start()
        try:
            chat = standin.user(3003, "Ailsa")
            await chat.send("/start dundee26")  # the invite code of the cohort already there
            await chat.wait_for("Before you start: your privacy")
            await chat.press("I agree, let's start")
            await chat.wait_for("Which best describes your role?")
            await chat.press("Pupil support assistant")
            await chat.wait_for("When do a few minutes usually suit you?")
            await chat.press("▫️ Morning break (10:30)")
            await chat.wait_for(lambda m: any("✅ Morning break" in b for b in m.labels))
            await chat.press("Done")
            await chat.wait_for("Which days are you usually in school?")
            await chat.press("Done")
            await chat.wait_for("first drop now, or at your next break")
            await chat.press("Now, please")
            await chat.wait_for("How confident do you feel?")
            await chat.press("4")
            await chat.wait_for("Card one of drop one.")
            await chat.press("Next ›")
            await chat.wait_for("Card <b>two</b> of drop one.")
            await chat.press("Next ›")
            await chat.wait_for("Which is right?")
            await chat.press("A")
            await chat.wait_for("Drop done")
            # Morag, due before the upgrade, hears from the tick: her next drop, or first the
            # privacy notice again where it has changed since she agreed.
            morag = standin.user(1001, "Morag")
            morag.chat.known = True
            _, sent = await trip.drip()
            assert sent.counts == {"sent": 1}
            await morag.wait_for(lambda m: "Card one of drop two." in m.text or "privacy" in m.text)
        finally:
            await trip.stop()


async def test_what_was_kept_in_key_prefixes_moves_to_its_own_columns(tmp_path: Path) -> None:
    """Migration 19: broadcast rows get their broadcast's id, a finished report its flag, a cohort the
    moment its coordinators were last told a tip waits."""
    path = _copy(FIXTURES / "schemas" / "v18-e70b1c2.sqlite3", tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE broadcasts SET reported = 'done Sent to 2 of 2.' WHERE id = 1")
        conn.execute("INSERT INTO broadcasts (cohort_id, author, text, status, created_at, reported)"
                     " VALUES (1, 2001, 'Going out', 'queued', '2026-11-20', 'Sent to 1 of 2.')")
        for key, kind, at in (("bc:2:1001", "broadcast", "2026-11-20T10:00:00+00:00"),
                              ("bc:2:1002", "broadcast", "2026-11-20T10:00:00+00:00"),
                              ("bc:late:1001", "broadcast", "2026-11-20T10:00:00+00:00"),
                              ("tipwait:1:2001:20261121090000", "tip_waiting", "2026-11-21T09:00:00+00:00"),
                              ("tipwait:1:2001:20261122090000", "tip_waiting", "2026-11-22T09:00:00+00:00"),
                              ("tipwait:11:2001:20261123090000", "tip_waiting", "2026-11-23T09:00:00+00:00")):
            conn.execute("INSERT INTO outbox (dedupe_key, user_id, chat_id, kind, payload, not_before,"
                         " created_at) VALUES (?, 1001, 1001, ?, '{}', ?, ?)", (key, kind, at, at))
    store = await Store.open(path)
    async with store.read() as tx:
        assert await tx.outbox.broadcast_counts(2) == {"pending": 2}
        assert [b.id for b in await tx.coordination.in_progress()] == [2]  # 1 was finished
        finished = await tx.coordination.broadcast(1)
        assert finished is not None and finished.reported == "Sent to 2 of 2."
        noticed = (await tx.conn.execute("SELECT tip_notice_at FROM cohorts WHERE id = 1")).rows[0][0]
        assert noticed == "2026-11-22T09:00:00+00:00"  # cohort 11's notice is not cohort 1's
        late = (await tx.conn.execute("SELECT broadcast_id FROM outbox WHERE dedupe_key = 'bc:late:1001'"))
        assert late.rows[0][0] is None
    await store.close()
