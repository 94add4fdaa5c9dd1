"""Module summaries and the certificate of completion, made on request and never kept."""

from __future__ import annotations

import asyncio
import importlib

from telegram import InputFile, Update

from bot.ptb.telegram_io import Context, ids, send
from bot.usecases import record
from bot.usecases.learning import Advance
from bot.views import record as views
from bot.views.screen import Screen, safe


async def celebrate(context: Context, user_id: int, chat_id: int, advance: Advance) -> None:
    """After a module's last drop, its summary; after the course's, the offer of a certificate."""
    if advance.module_done is None:
        return
    built = await record.build(context.services.store, context.services.course, user_id)
    if built is None:
        return
    done = next(m for m in built.modules if m.module.id == advance.module_done.id)
    await send(context.bot, chat_id, views.module_summary(done))
    if advance.course_done:
        async with context.services.store.transaction() as tx:
            await tx.learners.update(user_id, awaiting="certificate")
        await send(context.bot, chat_id, Screen(views.ASK_NAME))


async def certificate(update: Update, context: Context) -> None:
    """/certificate: ask for the name to print, once the course is finished."""
    user_id, chat_id, _ = ids(update)
    built = await record.build(context.services.store, context.services.course, user_id)
    if built is None or built.completed_at is None:
        await send(context.bot, chat_id, Screen(views.NOT_FINISHED))
        return
    async with context.services.store.transaction() as tx:
        await tx.learners.update(user_id, awaiting="certificate")
    await send(context.bot, chat_id, Screen(views.ASK_NAME))


async def named(context: Context, user_id: int, chat_id: int, name: str) -> None:
    """The name to print arrived: make the certificate and send it."""
    name = " ".join(name.split())
    if not name or len(name) > 80:
        await send(context.bot, chat_id, Screen(views.NAME_TOO_LONG))
        return
    # fpdf is loaded in a worker thread the first time, not at start-up.
    await asyncio.to_thread(importlib.import_module, "bot.views.documents")
    from bot.views import documents

    missing = documents.unprintable(name)
    if missing:  # still waiting for the name: the learner sends it again
        await send(context.bot, chat_id, Screen(views.NAME_SCRIPT.format(chars=safe(missing[:10]))))
        return
    built = await record.build(context.services.store, context.services.course, user_id)
    async with context.services.store.transaction() as tx:
        await tx.learners.update(user_id, awaiting=None)
    if built is None or built.completed_at is None:
        await send(context.bot, chat_id, Screen(views.NOT_FINISHED))
        return
    pdf = await asyncio.to_thread(documents.certificate_pdf, built, name, context.services.clock.now())
    await context.bot.send_document(chat_id, InputFile(pdf, filename="certificate-of-completion.pdf"),
                                    caption=views.CERTIFICATE)
