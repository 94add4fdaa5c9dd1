"""Telegram tells the bot when a learner blocks or unblocks it."""

from __future__ import annotations

from telegram import ChatMember, Update

from bot.ptb.telegram_io import Context


async def on_my_chat_member(update: Update, context: Context) -> None:
    """A block marks the learner unreachable; an unblock makes them reachable from their next slot."""
    change, user = update.my_chat_member, update.effective_user
    if change is None or user is None or change.chat.type != "private":
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
