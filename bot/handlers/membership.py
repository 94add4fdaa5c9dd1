"""Telegram tells the bot when a learner blocks or unblocks it."""

from __future__ import annotations

import contextlib

from telegram import ChatMember, ChatMemberUpdated, Update
from telegram.error import TelegramError

from bot.ptb.telegram_io import Context, send
from bot.views.commands import PRIVATE_ONLY
from bot.views.screen import Screen


async def on_my_chat_member(update: Update, context: Context) -> None:
    """A block marks the learner unreachable; an unblock makes them reachable from their next slot."""
    change, user = update.my_chat_member, update.effective_user
    if change is not None and change.chat.type != "private":
        await _added_to_group(context, change)
        return
    if change is None or user is None:
        return
    status = change.new_chat_member.status
    services = context.services
    now = services.clock.now()
    async with services.store.transaction() as tx:
        learner = await tx.learners.get(user.id)
        if learner is None:
            return
        if status in {ChatMember.BANNED, ChatMember.LEFT}:
            await tx.learners.update(user.id, status="unreachable", next_due_at=None)
        elif status == ChatMember.MEMBER and learner.status == "unreachable":
            calendar = await tx.cohorts.calendar_of(learner.cohort_id)
            due = services.timing.next_due(learner, calendar, now, 0)
            await tx.learners.update(user.id, status="active", next_due_at=due, last_active_at=now)


async def _added_to_group(context: Context, change: ChatMemberUpdated) -> None:
    """Added to a group or channel: say once that the bot works in private chats, then leave, so
    nothing said there (learners' words about children among it) reaches the bot."""
    was_in = change.old_chat_member.status in {ChatMember.MEMBER, ChatMember.ADMINISTRATOR}
    now_in = change.new_chat_member.status in {ChatMember.MEMBER, ChatMember.ADMINISTRATOR}
    if now_in and not was_in:
        with contextlib.suppress(TelegramError):  # a channel may not let the bot post at all
            await send(context.bot, change.chat.id, Screen(PRIVATE_ONLY))
        await _leave(context, change.chat.id)


async def leave_group(update: Update, context: Context) -> None:
    """A message in a group the bot is still in (added before it left groups by itself): leave quietly."""
    if update.effective_chat is not None:
        await _leave(context, update.effective_chat.id)


async def _leave(context: Context, chat_id: int) -> None:
    with contextlib.suppress(TelegramError):  # already gone, or Telegram busy: the next message tries again
        await context.bot.leave_chat(chat_id)
