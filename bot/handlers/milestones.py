"""Finishing a module or the course as a moment: the summary, then the certificate."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.ptb.telegram_io import Context, ids, send, send_all
from bot.usecases import certificates, record, streaks
from bot.usecases.learning import Advance
from bot.usecases.pending import Pending, PendingKind, Replies
from bot.views import record as views
from bot.views.documents import unprintable
from bot.views.html import Markup
from bot.views.pending import dropped
from bot.views.screen import Screen


async def celebrate(context: Context, user_id: int, chat_id: int, advance: Advance) -> None:
    """After a module's last drop, its summary; after the course's, the certificate too; after a
    drop that makes a longer week streak, a word about it."""
    if advance.finished is None:
        return
    built = await record.build(context.services.store, context.services.course, user_id)
    if built is None:
        return
    grown = await streaks.grew(context.services, user_id, built, context.services.clock.now(), advance.tz)
    if grown:
        await send(context.bot, chat_id, views.streak_grew(grown))
    if advance.module_done is None:
        return
    done = next(m for m in built.modules if m.module.id == advance.module_done.id)
    written = sum(e.module.id == done.module.id and e.reflection.kind != "feedback" for e in built.entries)
    now = context.services.clock.now()
    await send(context.bot, chat_id, views.module_summary(done, written, advance, now))
    if advance.course_done:
        await send(context.bot, chat_id, Screen(views.COURSE_DONE))
        await _offer(context, user_id, chat_id)


async def certificate(update: Update, context: Context) -> None:
    """/certificate: the certificate again (its name kept); /certificate name: change the name."""
    user_id, chat_id, _ = ids(update)
    built = await record.build(context.services.store, context.services.course, user_id)
    if built is None or built.completed_at is None:
        await send(context.bot, chat_id, Screen(views.NOT_FINISHED))
        return
    if context.args and context.args[0].lower() == "name":
        await _ask_name(context, user_id, chat_id, views.ASK_NEW_NAME)
        return
    await _offer(context, user_id, chat_id)


async def _offer(context: Context, user_id: int, chat_id: int) -> None:
    issued = await certificates.kept(context.services, user_id)
    if issued is None:
        await _ask_name(context, user_id, chat_id, views.ASK_NAME)
        return
    await _send_certificate(context, user_id, chat_id, issued.name)


async def _ask_name(context: Context, user_id: int, chat_id: int, question: Markup) -> None:
    before = await Replies(context.services).ask(user_id, Pending(PendingKind.CERTIFICATE_NAME))
    await send_all(context.bot, chat_id, ([dropped(before)] if before else []) + [Screen(question)])


async def named(context: Context, user_id: int, chat_id: int, name: str) -> None:
    """The name to print arrived: keep it, make the certificate and send it."""
    name = " ".join(name.split())
    if not name or len(name) > 80:
        await send(context.bot, chat_id, Screen(views.NAME_TOO_LONG))
        return
    missing = unprintable(name)
    if missing:  # still waiting for the name: the learner sends it again
        await send(context.bot, chat_id, Screen(views.NAME_SCRIPT.format(chars=missing[:10])))
        return
    await Replies(context.services).settle(user_id, PendingKind.CERTIFICATE_NAME)
    await _send_certificate(context, user_id, chat_id, name)


async def _send_certificate(context: Context, user_id: int, chat_id: int, name: str) -> None:
    from bot.views.certificate import certificate_pdf

    issued = await certificates.issue(context.services, user_id, name)
    if issued is None:
        await send(context.bot, chat_id, Screen(views.NOT_FINISHED))
        return
    pdf = await context.services.processes.run(certificate_pdf, issued[1], issued[0])  # off the loop
    await context.bot.send_document(chat_id, InputFile(pdf, filename="certificate-of-completion.pdf"),
                                    caption=views.certificate_caption(issued[0].name, issued[0].number))
