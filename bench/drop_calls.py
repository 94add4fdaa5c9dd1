"""Calls per drop: the Bot API calls a learner's completed drop costs, on the shipped course.

The real Application polls the stand-in; one learner, due each school morning, gets each drop of
the course's first module from the drip and goes through it as a learner would: Next on a card,
the first option of a quiz or rating, a few lines for a reflective prompt. Every call from the
drip's send to the drop's end is counted by method (getUpdates aside). Telegram counts messages
against its 30 a second; edits and button answers are calls to the same chat too.

Run: .venv/bin/python -m bench.drop_calls [DROPS]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.ptb.app import build_application
from bot.ptb.jobs import DripRunner
from bot.ptb.lifecycle import running
from bot.services import Services
from bot.usecases.terms import PRIVACY_VERSION
from standin import StandIn
from standin.people import ChatUser
from standin.state import Sent

TOKEN = "123456789:AAHbenchbenchbenchbenchbenchbench12"
MONDAY = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)  # morning break in Scotland (GMT in November)
REFLECTION = "I will listen first and ask what would help, then check in at the end of the day."
NOT_PRESSED = ("Not now", "Skip", "Later")  # a learner going through the drop, not putting it off
PACED = ("sendMessage", "sendDocument", "sendPhoto")


class Clock:
    def __init__(self, start: datetime) -> None:
        self.moment = start

    def now(self) -> datetime:
        return self.moment


async def _settled(standin: StandIn, quiet: float = 0.25) -> None:
    """Until the bot has sent or edited nothing for a moment (its reply to the last action is out)."""
    seen = -1
    while seen != len(standin.state.events):
        seen = len(standin.state.events)
        await asyncio.sleep(quiet)


async def _act(chat: ChatUser, newest: Sent) -> bool:
    """The learner's next move on the newest message; False when there is nothing left to do."""
    labels = [label for label in newest.labels
              if newest.data_for(label) and not any(word in label for word in NOT_PRESSED)]
    if labels and "share" not in labels[0].lower():
        await chat.press(labels[0], message=newest)
        return True
    if "Drop done" in newest.text or "One from earlier" in newest.text:
        return False
    await chat.send(REFLECTION)
    return True


async def walk(standin: StandIn, chat: ChatUser, runner: DripRunner, clock: Clock) -> Counter[str]:
    """One drop from the drip's send to its end; the calls it cost, by method."""
    start, seen = len(standin.stats.log), len(chat.messages)
    await runner.run(clock.now(), budget=2.0)
    await _settled(standin)
    for _ in range(30):
        newest = [m for m in chat.messages if not m.deleted][-1]
        if any("Drop done" in m.text for m in chat.messages[seen:]):
            break
        if not await _act(chat, newest):
            break
        await _settled(standin)
    return Counter(call.method for call in standin.stats.log[start:] if call.method != "getUpdates")


async def main(drops: int) -> None:
    clock = Clock(MONDAY)
    async with StandIn(TOKEN) as standin:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(bot_token=TOKEN, database=Path(folder) / "bench.sqlite3",
                                api_base_url=standin.base_url, bot_username="ktp_bench_bot")
            app = build_application(settings, clock=clock, rate_limit=False, drip_job=False)
            async with running(app, polling=True):
                services = app.bot_data["services"]
                assert isinstance(services, Services)
                async with services.store.transaction() as tx:
                    cohort = await tx.cohorts.create("Bench", clock.now(), code="bench")
                    await tx.learners.create(1001, 1001, "Morag", cohort.id, clock.now())
                    await tx.learners.update(1001, consent_version=PRIVACY_VERSION, role="psa",
                                             slots=("morning",), status="active", next_due_at=clock.now())
                standin.user(1001, "Morag").chat.known = True
                chat = standin.user(1001, "Morag")
                runner = app.bot_data["drip"]
                assert isinstance(runner, DripRunner)
                total: Counter[str] = Counter()
                for number in range(1, drops + 1):
                    calls = await walk(standin, chat, runner, clock)
                    total += calls
                    print(f"drop {number}: {sum(calls.values())} calls {dict(sorted(calls.items()))}")
                    clock.moment += timedelta(days=1 if clock.moment.weekday() < 4 else 3)
    report(total, drops)


def report(total: Counter[str], drops: int) -> None:
    calls, messages = sum(total.values()), sum(total[m] for m in PACED)
    print(f"per drop: {calls / drops:.2f} calls, of them {messages / drops:.2f} messages, "
          f"{(total['editMessageText'] + total['editMessageReplyMarkup']) / drops:.2f} edits, "
          f"{total['answerCallbackQuery'] / drops:.2f} button answers")
    print("learner-drops an hour at 30 calls a second, every call counted: "
          f"{30 * 3600 * drops / calls:,.0f}; messages only (as the bot paces them): "
          f"{30 * 3600 * drops / max(messages, 1):,.0f}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 6))
