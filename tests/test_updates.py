"""Updates from different chats are handled together; each chat's own updates in arrival order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.ptb.updates import PerChatOrder


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private")
    user = User(chat_id, "Sam", is_bot=False)
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat, from_user=user, text="hi"))


async def test_one_chat_in_order_many_chats_at_once() -> None:
    processor = PerChatOrder(max_concurrent_updates=8)
    log: list[tuple[str, int, int]] = []
    running = 0
    most_at_once = 0

    async def handle(chat_id: int, number: int, pause: float) -> None:
        nonlocal running, most_at_once
        running += 1
        most_at_once = max(most_at_once, running)
        log.append(("start", chat_id, number))
        await asyncio.sleep(pause)
        log.append(("end", chat_id, number))
        running -= 1

    # Chat 1's first update is slow; its second must still wait for it. Chat 2 need not wait.
    plan = [(1, 1, 0.05), (1, 2, 0.0), (2, 1, 0.01), (1, 3, 0.0), (2, 2, 0.0)]
    tasks = [asyncio.create_task(processor.process_update(_update(i, chat), handle(chat, number, pause)))
             for i, (chat, number, pause) in enumerate(plan, start=1)]
    await asyncio.gather(*tasks)

    for chat in (1, 2):
        starts = [n for kind, c, n in log if kind == "start" and c == chat]
        assert starts == sorted(starts)
        for number in starts[1:]:  # each starts only after the one before it ended
            assert log.index(("end", chat, number - 1)) < log.index(("start", chat, number))
    assert log.index(("end", 2, 2)) < log.index(("end", 1, 1))  # chat 2 did not queue behind chat 1
    assert most_at_once >= 2
    assert processor.in_progress() == 0


async def test_a_failed_update_does_not_hold_up_the_next_in_its_chat() -> None:
    processor = PerChatOrder()
    done: list[int] = []

    async def fail() -> None:
        raise RuntimeError("handler fault")

    async def succeed() -> None:
        done.append(2)

    first = asyncio.create_task(processor.process_update(_update(1, 5), fail()))
    second = asyncio.create_task(processor.process_update(_update(2, 5), succeed()))
    results = await asyncio.gather(first, second, return_exceptions=True)
    assert isinstance(results[0], RuntimeError) and done == [2]
