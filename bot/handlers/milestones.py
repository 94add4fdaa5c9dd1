"""After a step: the drop carries on, and finishing a module or the course is a moment (the summary,
then the certificate)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InputFile, Update

from bot.ptb.telegram_io import Context, ids, send, send_all
from bot.usecases import certificates, record, streaks
from bot.usecases.learning import Advance
from bot.usecases.pending import Pending, PendingKind, Replies
from bot.views import learning
from bot.views import record as views
from bot.views.documents import unprintable
from bot.views.html import Markup
from bot.views.pending import dropped
from bot.views.screen import Screen


async def carry_on(context: Context, user_id: int, chat_id: int, advance: Advance,
                   first: Sequence[Screen] = ()) -> None:
    """The drop goes on where it was: what comes first, the next step or the drop's end with its
    moments, in as few messages as read well; after the course's end, the certificate."""
    said = await moments(context, user_id, advance)
    await send_all(context.bot, chat_id, learning.after(advance, context.services.clock.now(), first, said))
    await crown(context, user_id, chat_id, advance)


async def moments(context: Context, user_id: int, advance: Advance) -> list[Screen]:
    """After a drop that makes a longer week streak, a word about it; after a module's last drop,
    its summary; after the course's, a word about that too."""
    if advance.finished is None:
        return []
    grown = await streaks.grew(context.services, user_id, context.services.clock.now(), advance.tz)
    said = [views.streak_grew(grown)] if grown else []
    if advance.module_done is None:
        return said
    built = await record.build(context.services.store, context.services.course, user_id)
    if built is None:
        return said
    done = next(m for m in built.modules if m.module.id == advance.module_done.id)
    written = sum(e.module.id == done.module.id and e.reflection.kind != "feedback" for e in built.entries)
    said.append(views.module_summary(done, written, advance, context.services.clock.now()))
    return said + ([Screen(views.COURSE_DONE)] if advance.course_done else [])


async def crown(context: Context, user_id: int, chat_id: int, advance: Advance) -> None:
    """After the course's last drop, the certificate (or the question of the name to print)."""
    if advance.finished is not None and advance.module_done is not None and advance.course_done:
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
