"""Keep each coordinator's broadcast progress message up to date as the outbox drains."""

from __future__ import annotations

import contextlib

from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.services import Services
from bot.views.coordinator import progress


async def report(services: Services, bot: ExtBot[None]) -> None:
    """After a round of sending: edit each running broadcast's progress message, once per change."""
    async with services.store.read() as tx:
        running = await tx.coordination.in_progress()
        counts = {item.id: await tx.outbox.broadcast_counts(item.id) for item in running}
    for item in running:
        tally = counts[item.id]
        done = not tally.get("pending") and not tally.get("sending")
        text = progress(tally, sum(tally.values()), done)
        if item.reported == text and not done:
            continue
        # A broadcast sent from the dashboard has no progress message: its page reads the counts.
        if item.reported != text and item.progress_chat is not None and item.progress_message is not None:
            with contextlib.suppress(TelegramError):  # the progress line is a courtesy; sending goes on
                await bot.edit_message_text(text, chat_id=item.progress_chat,
                                            message_id=item.progress_message)
        async with services.store.transaction() as tx:
            await tx.coordination.set_reported(item.id, text, done)
