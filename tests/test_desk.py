"""Commands at the desk: coordinators, stats, a pseudonymised export, and deletion on request."""

from __future__ import annotations

import argparse
import asyncio
import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.desk.cli import main
from storage.store import Store, Tx

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "desk.sqlite3"
    monkeypatch.setenv("KTP_DATABASE", str(path))
    asyncio.run(_fill(path))
    return path


async def _fill(path: Path) -> None:
    store = await Store.open(path)
    async with store.transaction() as tx:
        cohort = await tx.cohorts.create("Dundee", NOW)
        other = await tx.cohorts.create("Inverness", NOW)
        # Five in Dundee: fewer and the scores in the export would be withheld as too few to show.
        learners = [(11, cohort.id, True), *((uid, cohort.id, False) for uid in range(12, 16)),
                    (21, other.id, True)]
        for uid, cid, share in learners:
            await tx.learners.create(uid, uid, f"Name{uid}", cid, NOW)
            await tx.learners.update(uid, status="active", share_reflections=share)
            await tx.progress.add_answer(uid, "m1-d1-q1", 0, True, NOW)
            await tx.progress.save_reflection(uid, "m1-d3-r1", "reflect", f"Thoughts of {uid}", NOW)
            await tx.progress.save_reflection(uid, "m1-d9-fb", "feedback", f"Feedback of {uid}", NOW)
    await store.close()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_export_is_pseudonymised_and_shares_only_consented_reflections(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["export", "--cohort", "1", "--out", str(out)]) == 0
    answers = _rows(out / "answers.csv")
    assert len(answers) == 5 and all(r["learner"].startswith("L-") for r in answers)
    text = "".join(p.read_text() for p in out.iterdir())
    assert "Name11" not in text and ",11," not in text and "Thoughts of 21" not in text
    assert [r["reflection"] for r in _rows(out / "reflections.csv")] == ["Thoughts of 11"]
    assert len(_rows(out / "feedback.csv")) == 5
    main(["export", "--cohort", "1", "--out", str(tmp_path / "again")])
    assert _rows(tmp_path / "again" / "answers.csv")[0]["learner"] == answers[0]["learner"]  # stable


def test_stats_at_the_desk(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--cohort", "1"]) == 0
    assert "Enrolled: 5" in capsys.readouterr().out


def test_coordinators_and_forget_at_the_desk(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coordinators", "add", "500", "1"]) == 0
    assert main(["coordinators", "add", "600", "1"]) == 0
    assert main(["coordinators", "remove", "600", "1"]) == 0
    assert "User 600 no longer coordinates cohort 1." in capsys.readouterr().out
    assert main(["coordinators", "remove", "600", "1"]) == 0
    assert "wasn't a coordinator of cohort 1; nothing changed" in capsys.readouterr().out
    assert main(["forget", "11"]) == 0
    assert "Deleted everything held about user 11" in capsys.readouterr().out
    asyncio.run(_check_forgotten(db))


async def _check_forgotten(db: Path) -> None:
    store = await Store.open(db)
    async with store.read() as tx:
        assert await tx.learners.get(11) is None
        assert await tx.coordination.cohorts_of(500) == {1}
        assert await tx.coordination.cohorts_of(600) == set()
    await store.close()


def test_broadcast_and_events_import_at_the_desk(db: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "msg.html").write_text("Hello <b>Dundee</b>: training on Thursday.")
    assert main(["broadcast", "--cohort", "1", "--file", str(tmp_path / "msg.html")]) == 0
    preview = capsys.readouterr().out  # a preview first: nothing queued without --yes
    assert "To 5 learners of" in preview and "Hello Dundee: training on Thursday." in preview
    assert "run the same command with --yes" in preview
    assert main(["broadcast", "--cohort", "1", "--file", str(tmp_path / "msg.html"), "--yes"]) == 0
    assert "Queued for 5 learners" in capsys.readouterr().out
    for when in ("tomorrow", "2020-01-01 10:00", "2030-01-05 21:00"):  # unreadable, past, a Saturday night
        assert main(["broadcast", "--cohort", "1", "--file", str(tmp_path / "msg.html"), "--at", when]) == 1
    (tmp_path / "bad.html").write_text("Hello <div>there</div>")
    assert main(["broadcast", "--cohort", "1", "--file", str(tmp_path / "bad.html")]) == 1
    (tmp_path / "events.yaml").write_text(
        "- {title: Training day, kind: training, start: '2026-12-03 09:00', end: '2026-12-03 15:00',"
        " place: Dundee}\n- {title: Online session, kind: online, start: '2026-12-10 15:45',"
        " end: '2026-12-10 17:00'}\n")
    assert main(["events", "import", "1", str(tmp_path / "events.yaml")]) == 0
    assert "Imported 2 events" in capsys.readouterr().out
    asyncio.run(_check_queued(db))


async def _check_queued(db: Path) -> None:
    store = await Store.open(db)
    async with store.read() as tx:
        assert await _broadcast_rows(tx) == {"pending": 5}
        assert len(await tx.events.upcoming(NOW)) == 2
    await store.close()


def test_a_cohort_made_at_the_desk_is_audited_as_the_desk_and_a_repeat_is_the_same_cohort(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "fresh.sqlite3"
    monkeypatch.setenv("KTP_DATABASE", str(db))
    assert main(["cohort", "create", "Perth academy"]) == 0
    assert main(["cohort", "create", "Perth academy"]) == 0  # the operator wasn't sure it worked
    out = capsys.readouterr().out
    assert "Created cohort 1: Perth academy" in out and "it is the same cohort" in out
    assert asyncio.run(_audit(db)) == [(0, "create cohort", 1)]
    assert main(["cohort", "list"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1


async def _audit(db: Path) -> list[tuple[int, str, int]]:
    async with aiosqlite.connect(db) as conn, conn.execute(
            "SELECT actor, action, cohort_id FROM audit ORDER BY id") as cur:
        rows = [(int(a), str(b), int(c)) for a, b, c in await cur.fetchall()]
    async with aiosqlite.connect(db) as conn, conn.execute(
            "SELECT count(*) FROM coordinators WHERE user_id = 0") as cur:
        assert (await cur.fetchone()) == (0,)  # the desk is not made anyone's coordinator
    return rows


@pytest.mark.parametrize(("content", "reason"), [
    ("Hello <span>there</span>", 'tag <span> needs class="tg-spoiler"'),
    ("x" * 5000, "it is 5,000 characters long; Telegram takes at most 4,096"),
    ("  \n", "the message is empty"),
])
def test_a_broadcast_telegram_would_refuse_is_refused_at_the_desk_in_one_line(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, reason: str) -> None:
    (tmp_path / "msg.html").write_text(content)
    assert main(["broadcast", "--cohort", "1", "--file", str(tmp_path / "msg.html"), "--yes"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and reason in out[0]
    assert asyncio.run(_queued(db)) == {}


async def _queued(db: Path) -> dict[str, int]:
    store = await Store.open(db)
    async with store.read() as tx:
        counts = await _broadcast_rows(tx)
    await store.close()
    return counts


async def _broadcast_rows(tx: Tx) -> dict[str, int]:
    """Every broadcast's outbox rows by status."""
    rows = await tx.conn.execute("SELECT status, count(*) FROM outbox WHERE broadcast_id IS NOT NULL"
                                 " GROUP BY status")
    return {r[0]: r[1] for r in rows.rows}


def test_desk_actions_are_audited_as_the_desk(db: Path, tmp_path: Path) -> None:
    (tmp_path / "msg.html").write_text("Hello <b>Dundee</b>")
    assert main(["broadcast", "--cohort", "1", "--file", str(tmp_path / "msg.html"), "--yes"]) == 0
    assert main(["coordinators", "add", "500", "1"]) == 0
    assert main(["export", "--cohort", "1", "--out", str(tmp_path / "out")]) == 0
    assert [(actor, action) for actor, action, _ in asyncio.run(_audit(db))] == [
        (0, "broadcast"), (0, "promote"), (0, "export")]


def test_the_desk_judges_a_send_time_by_the_clock_it_is_given(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.config import load_settings
    from bot.desk.content import broadcast_command
    from tests.conftest import FakeClock

    (tmp_path / "msg.html").write_text("Hello <b>Dundee</b>")
    args = argparse.Namespace(cohort=1, file=str(tmp_path / "msg.html"), at="2026-11-24 12:30", yes=True)
    assert asyncio.run(broadcast_command(load_settings(), args, FakeClock(NOW))) == 0  # Tuesday, tomorrow
    assert "Queued for 5 learners" in capsys.readouterr().out
    a_week_on = FakeClock(NOW + timedelta(days=7))
    assert asyncio.run(broadcast_command(load_settings(), args, a_week_on)) == 1  # now in its past
    assert "choose a time in the future" in capsys.readouterr().out
