"""/journal: page, edit and delete reflections; the journal as a PDF on request."""

from __future__ import annotations

import asyncio
import importlib

from telegram import InputFile, Update

from bot.callbacks import Callback
from bot.ptb.telegram_io import Context, edit_text, ids, markup, send
from bot.usecases import record
from bot.views import journal as views
from bot.views import safeguard
from bot.views.learning import NOT_JOINED
from bot.views.screen import Screen


async def _entries(context: Context, user_id: int) -> list[record.Entry] | None:
    built = await record.build(context.services.store, context.services.course, user_id)
    return None if built is None else built.entries


async def journal(update: Update, context: Context) -> None:
    """/journal: the newest page of the learner's reflections."""
    user_id, chat_id, _ = ids(update)
    entries = await _entries(context, user_id)
    await send(context.bot, chat_id, Screen(NOT_JOINED) if entries is None else views.page(entries, 0))


async def on_journal_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Paging, edit, delete and PDF; the entry id is checked against its author every time."""
    query = update.callback_query
    assert query is not None
    user_id, chat_id, _ = ids(update)
    store, target = context.services.store, callback.target
    if callback.action == "jp" and target.isdigit():
        screen = views.page(await _entries(context, user_id) or [], int(target))
        await edit_text(query, screen.text, markup(screen))
        return None
    if callback.action == "jpdf":
        built = await record.build(store, context.services.course, user_id)
        if built is None:
            return NOT_JOINED
        # fpdf is loaded in a worker thread the first time, not at start-up.
        await asyncio.to_thread(importlib.import_module, "bot.views.documents")
        from bot.views import documents

        pdf = await asyncio.to_thread(documents.journal_pdf, built, context.services.clock.now())
        await context.bot.send_document(chat_id, InputFile(pdf, filename="my-learning-journal.pdf"),
                                        caption="Your learning journal, ready to print or share.")
        return None
    if not target.isdigit():
        return views.GONE
    entry_id = int(target)
    async with store.transaction() as tx:
        if not await tx.journal.owns(user_id, entry_id):
            return views.GONE
        if callback.action == "je":
            await tx.learners.update(user_id, editing=entry_id)
        elif callback.action in {"jx", "sgd"}:
            await tx.journal.delete(user_id, entry_id)
    if callback.action == "sgk":
        await edit_text(query, safeguard.KEPT)
    elif callback.action == "sgd":
        await edit_text(query, safeguard.DELETED)
    elif callback.action == "je":
        await send(context.bot, chat_id, Screen(views.EDIT_PROMPT))
    elif callback.action == "jd":
        await send(context.bot, chat_id, views.confirm_delete(entry_id))
    elif callback.action == "jx":
        await edit_text(query, views.DELETED)
    return None


async def rewrite(context: Context, user_id: int, editing: int, text: str) -> str:
    """The learner's next message after Edit: it replaces the entry's text."""
    async with context.services.store.transaction() as tx:
        done = await tx.journal.rewrite(user_id, editing, text, context.services.clock.now())
        await tx.learners.update(user_id, editing=None)
    return views.EDITED if done else views.GONE
