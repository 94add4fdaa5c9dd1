"""`ktp-bot run` as a process: polls the (stand-in) Bot API, answers, stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from standin import StandIn
from tests.journey import TOKEN


async def test_the_bot_process_answers_and_shuts_down_cleanly(tmp_path: Path) -> None:
    async with StandIn(token=TOKEN) as standin:
        env = {**os.environ, "KTP_BOT_TOKEN": TOKEN, "KTP_API_BASE_URL": standin.base_url,
               "KTP_DATABASE": str(tmp_path / "bot.sqlite3")}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.desk.cli", "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            chat = standin.user(5005, "Kirsty")
            await chat.send("/start")
            await chat.wait_for("you need the invite link", timeout=30)
            assert "next" in standin.commands()
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(process.communicate(), 30)
        logs = err.decode()
        assert process.returncode == 0, logs
        assert TOKEN not in logs and TOKEN.split(":")[1] not in logs
        assert "Traceback" not in logs
