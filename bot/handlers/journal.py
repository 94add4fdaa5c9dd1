"""/journal: page, edit and delete reflections; the journal as a PDF on request."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.callbacks import Action, Callback
from bot.handlers.args import number
from bot.ptb.telegram_io import Context, edit_text, ids, markup, send, send_all
from bot.usecases import pending, record
from bot.usecases.pending import Pending, PendingKind
from bot.views import journal as views
from bot.views import safeguard
from bot.views.learning import NOT_JOINED
from bot.views.pending import dropped
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
    page = number(target)
    if callback.action == Action.JOURNAL_PAGE and page is not None:
        screen = views.page(await _entries(context, user_id) or [], page)
        await edit_text(query, screen.text, markup(screen))
        return None
    if callback.action == Action.JOURNAL_PDF:
        built = await record.build(store, context.services.course, user_id)
        if built is None:
            return NOT_JOINED
        from bot.usecases.certificates import kept
        from bot.views.journal_pdf import journal_pdf

        issued = await kept(context.services, user_id)
        name = issued.name if issued else built.first_name
        pdf = await context.services.processes.run(journal_pdf, built, name, context.services.clock.now())
        await context.bot.send_document(chat_id, InputFile(pdf, filename="my-learning-journal.pdf"),
                                        caption=views.PDF_CAPTION)
        return None
    entry_id = number(target)
    if entry_id is None:
        return views.GONE
    async with store.transaction() as tx:
        if not await tx.journal.owns(user_id, entry_id):
            return views.GONE
        before = None
        if callback.action == Action.JOURNAL_EDIT:
            before = await pending.ask(tx, user_id, Pending.journal_edit(entry_id),
                                       context.services.clock.now())
        elif callback.action in {Action.JOURNAL_DELETE_CONFIRMED, Action.SAFEGUARD_DELETE}:
            await tx.journal.delete(user_id, entry_id)
            await tx.pending.clear(user_id, (PendingKind.JOURNAL_EDIT.value,), str(entry_id))
    if callback.action == Action.SAFEGUARD_KEEP:
        await edit_text(query, safeguard.KEPT)
    elif callback.action == Action.SAFEGUARD_DELETE:
        await edit_text(query, safeguard.DELETED)
    elif callback.action == Action.JOURNAL_EDIT:
        await send_all(context.bot, chat_id,
                       ([dropped(before)] if before else []) + [Screen(views.EDIT_PROMPT)])
    elif callback.action == Action.JOURNAL_DELETE:
        await send(context.bot, chat_id, views.confirm_delete(entry_id))
    elif callback.action == Action.JOURNAL_DELETE_CONFIRMED:
        await edit_text(query, views.DELETED)
    return None


async def rewrite(context: Context, user_id: int, editing: int, text: str) -> str:
    """The learner's next message after Edit: it replaces the entry's text."""
    async with context.services.store.transaction() as tx:
        done = await tx.journal.rewrite(user_id, editing, text, context.services.clock.now())
        await pending.settle(tx, user_id, PendingKind.JOURNAL_EDIT)
    return views.EDITED if done else views.GONE


async def flag(context: Context, user_id: int, entry: int) -> None:
    """An edit that reads like a disclosure: never shared from now on, whatever the learner chooses."""
    async with context.services.store.transaction() as tx:
        await tx.journal.flag(user_id, entry)
