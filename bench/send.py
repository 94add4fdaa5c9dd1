"""Send-rate benchmark: outbox rows to N learners through the real bot, against a stand-in Bot API
that enforces Telegram's flood limits. Reports messages a second as a share of the 30/s ceiling
and how many 429s the bot provoked.

Run: .venv/bin/python -m bench.send [N]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from bench.common import SchoolClock, populate
from bot.config import Settings
from bot.ptb.app import build_application
from bot.ptb.jobs import DripRunner
from bot.services import Services
from scheduler.outgoing import Broadcast
from standin import StandIn

TOKEN = "123456789:AAHbenchbenchbenchbenchbenchbench12"
CEILING = 30.0


async def measure(learners: int) -> None:
    async with StandIn(token=TOKEN, enforce_limits=True) as standin:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "bench.sqlite3"
            await (await populate(db, learners, SchoolClock().now())).close()
            for uid in range(1, learners + 1):
                standin.user(uid).chat.known = True
            settings = Settings(bot_token=TOKEN, database=db, api_base_url=standin.base_url)
            clock = SchoolClock()
            app = build_application(settings, clock=clock, drip_job=False)
            await app.initialize()
            assert app.post_init is not None
            await app.post_init(app)
            services: Services = app.bot_data["services"]
            async with services.store.transaction() as tx:
                await tx.learners.conn.execute("UPDATE learners SET next_due_at = NULL")
                for uid in range(1, learners + 1):
                    await tx.outbox.add(f"bc:1:{uid}", uid, Broadcast(text="Hello, cohort!"),
                                        clock.now(), user_id=uid)
            runner: DripRunner = app.bot_data["drip"]
            started = time.perf_counter()
            _, report = await runner.run(clock.now(), budget=3600)
            elapsed = time.perf_counter() - started
            await app.shutdown()
            assert app.post_shutdown is not None
            await app.post_shutdown(app)
    rate = report.counts.get("sent", 0) / elapsed
    print(f"{learners} messages in {elapsed:.1f} s: {rate:.1f}/s = {rate / CEILING:.1%} of the 30/s "
          f"ceiling; outcomes {report.counts}; 429s from the stand-in: {standin.calls.rate_limited}")


if __name__ == "__main__":
    asyncio.run(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 600))
