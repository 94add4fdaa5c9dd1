"""A flagged reply: the notice alone first, the learner's choice, then the drop carries on."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Action, Callback
from bot.handlers.milestones import carry_on
from bot.ptb.telegram_io import Context, edit_text, ids, send
from bot.usecases.holding import Holding, Replying, Saved
from bot.views import learning as views
from bot.views import safeguard
from bot.views.screen import Screen
from bot.views.steps import reflection_saved


async def answered(context: Context, user_id: int, chat_id: int, outcome: Saved | Holding) -> None:
    """A reply to a prompt: saved and on with the drop, or held with the notice and nothing else."""
    if isinstance(outcome, Holding):
        await send(context.bot, chat_id, safeguard.held_notice(outcome.screening, outcome.held_id))
        return
    await carry_on(context, user_id, chat_id, outcome.advance, [reflection_saved(outcome.kind, outcome.text)])


async def held_reply(context: Context, user_id: int, chat_id: int, held_id: int, text: str) -> bool:
    """Text while a reply is held: after a possible name, the new version; otherwise the choice again."""
    replying = Replying(context.services)
    held = await replying.held(user_id, held_id)
    if held is None:
        return False
    if held.concern:
        await send(context.bot, chat_id, Screen(safeguard.CHOOSE_FIRST))
        return True
    outcome = await replying.rewrite(user_id, held_id, text)
    if outcome is None:
        return False
    await answered(context, user_id, chat_id, outcome)
    return True


async def on_held_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Keep, Delete or Edit under the notice; the held id is checked against its author."""
    query = update.callback_query
    assert query is not None
    user_id, chat_id, _ = ids(update)
    if not callback.target.isdigit():
        return views.STALE
    replying, held_id = Replying(context.services), int(callback.target)
    if callback.action == Action.HELD_EDIT:
        if await replying.held(user_id, held_id) is None:
            return views.STALE
        await send(context.bot, chat_id, Screen(safeguard.SEND_AGAIN))
        return None
    released = await (replying.keep(user_id, held_id) if callback.action == Action.HELD_KEEP
                      else replying.delete(user_id, held_id))
    if released is None:
        return views.STALE
    await edit_text(query, safeguard.released(released.concern, released.kept))
    await carry_on(context, user_id, chat_id, released.advance,
                   [Screen(safeguard.THANKS)] if released.concern else [])
    return None
