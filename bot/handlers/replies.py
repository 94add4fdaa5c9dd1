"""Free text: sent to what the person was last asked for, through one table of kind -> handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Message, Update

from bot.handlers.board import take_reason, take_tip, take_wording
from bot.handlers.broadcasts import as_html, draft_text
from bot.handlers.events import will_try
from bot.handlers.holding import answered, held_reply
from bot.handlers.journal import flag, rewrite
from bot.handlers.milestones import named
from bot.handlers.settings import on_settings_text
from bot.handlers.term_dates import term_dates
from bot.ptb.telegram_io import Context, ids, send
from bot.usecases.holding import Replying
from bot.usecases.pending import Pending, PendingKind, Replies
from bot.usecases.safeguard import screen
from bot.views import journal as journal_views
from bot.views import learning as views
from bot.views.pending import dropped
from bot.views.safeguard import safeguard_notice


@dataclass(frozen=True)
class Reply:
    user_id: int
    chat_id: int
    message: Message
    text: str
    pending: Pending | None


# Each handler says whether it took the text; one that did not lets it go on to the open prompt.
ReplyHandler = Callable[[Context, Reply], Awaitable[bool]]


def _looks_like(kind: PendingKind, text: str) -> bool:
    """An attempt at a time or a zone, however wrong; anything else means the person moved on."""
    if kind == PendingKind.SETTINGS_TIME:
        return len(text) <= 20 and any(c.isdigit() for c in text)
    return len(text.split()) <= 3  # a very long single word is still a (bad) zone name


async def to_prompt(context: Context, reply: Reply) -> bool:
    """A reflection or feedback for the open course prompt, otherwise a helpful pointer."""
    outcome = await Replying(context.services).answer(reply.user_id, reply.text)
    if outcome is None:
        learner = await context.services.store.learner(reply.user_id)
        await reply.message.reply_text(
            views.NOT_JOINED if learner is None else
            views.STILL_JOINING if learner.status == "joining" else views.NO_PROMPT)
        return True
    await answered(context, reply.user_id, reply.chat_id, outcome)
    return True


async def to_held(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    return await held_reply(context, reply.user_id, reply.chat_id, reply.pending.number, reply.text)


async def to_event(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    await will_try(context, reply.user_id, reply.chat_id, reply.pending.number, reply.text)
    return True


async def to_settings(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    if not _looks_like(reply.pending.kind, reply.text):
        return False
    await on_settings_text(context, reply.user_id, reply.chat_id, reply.text, reply.pending.kind)
    return True


async def to_certificate(context: Context, reply: Reply) -> bool:
    await named(context, reply.user_id, reply.chat_id, reply.text)
    return True


async def to_journal(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    entry = reply.pending.number
    said = await rewrite(context, reply.user_id, entry, reply.text)
    await reply.message.reply_text(said)
    edited = screen(reply.text)
    if said == journal_views.EDITED and not edited.clear:  # screened like the first version
        if edited.concern:
            await flag(context, reply.user_id, entry)
        await send(context.bot, reply.chat_id, safeguard_notice(edited, entry))
    return True


async def to_draft(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    return await draft_text(context, reply.user_id, reply.chat_id, as_html(reply.message), reply.pending)


async def to_tip(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    await take_tip(context, reply.user_id, reply.chat_id, reply.pending.target, reply.text)
    return True


async def to_tip_reason(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    await take_reason(context, reply.user_id, reply.chat_id, reply.pending.number, reply.text)
    return True


async def to_tip_wording(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    await take_wording(context, reply.user_id, reply.chat_id, reply.pending.number, reply.text)
    return True
async def to_term_dates(context: Context, reply: Reply) -> bool:
    assert reply.pending is not None
    return await term_dates(context, reply.user_id, reply.chat_id, reply.pending, reply.text)


HANDLERS: dict[PendingKind, ReplyHandler] = {
    PendingKind.EVENT_ANSWER: to_event,
    PendingKind.SETTINGS_TIME: to_settings,
    PendingKind.SETTINGS_ZONE: to_settings,
    PendingKind.CERTIFICATE_NAME: to_certificate,
    PendingKind.JOURNAL_EDIT: to_journal,
    PendingKind.COORDINATOR_DRAFT: to_draft,
    PendingKind.PROMPT: to_prompt,
    PendingKind.HELD: to_held,
    PendingKind.TIP_TEXT: to_tip,
    PendingKind.TIP_DECLINE: to_tip_reason,
    PendingKind.TIP_EDIT: to_tip_wording,
    PendingKind.TERM_DATES: to_term_dates,
}


async def on_text(update: Update, context: Context) -> None:
    """Free text: to what the person was last asked for, else to the open course prompt."""
    message = update.effective_message
    assert message is not None and message.text is not None
    user_id, chat_id, _ = ids(update)
    replies = Replies(context.services)
    replaced, pending = await replies.for_text(user_id)
    if replaced is not None:
        await send(context.bot, chat_id, dropped(replaced))
    reply = Reply(user_id, chat_id, message, message.text, pending)
    if reply.pending is None:
        await to_prompt(context, reply)
        return
    if await HANDLERS[reply.pending.kind](context, reply):
        return
    # It no longer applies (the role is gone, or the person moved on): say so, then the prompt.
    await replies.settle(user_id, reply.pending.kind)
    await send(context.bot, chat_id, dropped(reply.pending))
    await to_prompt(context, reply)
