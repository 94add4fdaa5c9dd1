"""The practice board in the chat: /board, offering a tip, the coordinator's /tips queue."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Action, Callback
from bot.handlers.coordinator import guarded
from bot.ptb.telegram_io import Context, edit_markup, edit_text, ids, markup, send, send_all
from bot.usecases.board import Board, BoardView, TooLong, tidy
from bot.usecases.coordination import NotAllowed
from bot.usecases.safeguard import Screening
from bot.usecases.tip_desk import TipDesk
from bot.views import board as views
from bot.views.html import Markup
from bot.views.pending import dropped
from bot.views.safeguard import not_kept
from bot.views.screen import Screen
from lessons.models import Module
from storage.tips import Tip


def _modules(context: Context) -> dict[str, Module]:
    return {m.id: m for m in context.services.course.course.modules}


def _page(context: Context, seen: BoardView, target: str) -> Screen:
    if target == "wk":
        return views.board_page(seen, 0, _modules(context), "New from colleagues this week") \
            if seen.tips else Screen(views.NOTHING_NEW)
    return views.board_page(seen, int(target) if target.isdigit() else 0, _modules(context))


async def board(update: Update, context: Context) -> None:
    """/board: the cohort's published tips, newest first, by module."""
    user_id, chat_id, _ = ids(update)
    seen = await Board(context.services, user_id).view()
    await send(context.bot, chat_id, Screen(Markup(views.NOT_IN_COHORT)) if seen is None
               else _page(context, seen, "0"))


async def take_tip(context: Context, user_id: int, chat_id: int, module_id: str, text: str) -> None:
    """The tip's text arrived: screened, then the choice of name, then the preview to confirm."""
    result = await Board(context.services, user_id).offer(module_id, text)
    if isinstance(result, Screening):  # nothing kept; the ask stays open for a second try
        await send(context.bot, chat_id, not_kept(result))
    elif isinstance(result, TooLong):
        await send(context.bot, chat_id, views.too_long(result))
    elif result is not None:
        learner = await context.services.store.learner(user_id)
        await send(context.bot, chat_id, views.sign_choice(result, learner.first_name if learner else ""))


async def take_reason(context: Context, user_id: int, chat_id: int, tip_id: int, reason: str) -> None:
    """A coordinator's reason for declining: the author hears it."""
    desk = TipDesk(context.services, user_id)
    tip = await desk.tip(tip_id)
    if await desk.decline(tip_id, reason, views.declined_news(tip, reason)):
        await send(context.bot, chat_id, Screen(views.reviewed(tip, False)))


async def take_wording(context: Context, user_id: int, chat_id: int, tip_id: int, text: str) -> None:
    """A coordinator's lighter wording: screened, then the author is asked to agree."""
    desk, wording = TipDesk(context.services, user_id), tidy(text)
    tip = await desk.tip(tip_id)
    result = await desk.propose(tip_id, wording, views.wording_news(tip, wording))
    if isinstance(result, Screening):  # the ask stays open for a second try
        await send(context.bot, chat_id, not_kept(result))
    elif isinstance(result, TooLong):
        await send(context.bot, chat_id, views.too_long(result))
    else:
        await send(context.bot, chat_id, Screen(views.wording_sent(tip, wording) if result
                                                else Markup(views.GONE)))


async def _wording(update: Update, context: Context, callback: Callback) -> str | None:
    query, (user_id, chat_id, _) = update.callback_query, ids(update)
    assert query is not None
    tip_id = int(callback.target) if callback.target.isdigit() else 0
    agreed = callback.arg == "y"
    if not await Board(context.services, user_id).wording(tip_id, agreed):
        return views.GONE
    await edit_markup(query, None)
    await send(context.bot, chat_id, Screen(views.WORDING_AGREED if agreed else views.WORDING_KEPT))
    return None


async def _start_offer(update: Update, context: Context, callback: Callback) -> str | None:
    user_id, chat_id, _ = ids(update)
    board = Board(context.services, user_id)
    if callback.action == Action.TIP_FROM_EVENT:
        tip = await board.from_event(int(callback.target)) if callback.target.isdigit() else None
        if tip is None:
            return views.GONE
        learner = await context.services.store.learner(user_id)
        await send(context.bot, chat_id, views.sign_choice(tip, learner.first_name if learner else ""))
        return None
    joined, before = await board.ask(callback.target)
    if not joined:
        return views.NOT_IN_COHORT
    await send_all(context.bot, chat_id, ([dropped(before)] if before else []) + [Screen(views.ASK_TIP)])
    return None


async def _drafted(update: Update, context: Context, callback: Callback) -> str | None:
    """How the draft is signed, then whether it is offered."""
    query, (user_id, chat_id, _) = update.callback_query, ids(update)
    assert query is not None
    board = Board(context.services, user_id)
    tip_id = int(callback.target) if callback.target.isdigit() else 0
    if callback.action == Action.TIP_SIGN:
        tip = await board.sign(tip_id, callback.arg == "n")
        if tip is None:
            return views.GONE
        await edit_markup(query, None)
        await send(context.bot, chat_id, views.preview(tip))
        return None
    if not await board.confirm(tip_id, callback.arg == "y"):
        return views.GONE
    await edit_markup(query, None)
    await send(context.bot, chat_id, Screen(views.OFFERED if callback.arg == "y" else views.NOT_OFFERED))
    return None


async def _on_board(update: Update, context: Context, callback: Callback) -> str | None:
    """Useful, withdraw, report and paging: the page is drawn again with what changed."""
    query, (user_id, _, _) = update.callback_query, ids(update)
    assert query is not None
    board, notice = Board(context.services, user_id), None
    tip_id = int(callback.target) if callback.target.isdigit() else 0
    if callback.action == Action.TIP_USEFUL and await board.useful(tip_id) is None:
        notice = views.GONE
    elif callback.action == Action.TIP_WITHDRAW:
        notice = views.WITHDRAWN if await board.withdraw(tip_id) else views.GONE
    elif callback.action == Action.TIP_REPORT:
        tip = await _tip(context, tip_id)
        reported = tip is not None and await board.report(tip_id, views.reported_news(tip))
        notice = views.REPORTED if reported else views.GONE
    seen = await board.view()
    if seen is None:
        return views.NOT_IN_COHORT
    page = callback.target if callback.action == Action.BOARD else (callback.arg or "0")
    screen = _page(context, seen, page)
    await edit_text(query, screen.text, markup(screen))
    return notice


async def _tip(context: Context, tip_id: int) -> Tip | None:
    async with context.services.store.read() as tx:
        return await tx.tips.get(tip_id)


async def _digest_setting(update: Update, context: Context, callback: Callback) -> str | None:
    query, (user_id, _, _) = update.callback_query, ids(update)
    assert query is not None
    wanted = {"on": True, "off": False}.get(callback.target)
    screen = views.digest_setting(await Board(context.services, user_id).digest(wanted))
    await edit_text(query, screen.text, markup(screen))
    return None


async def on_board_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Every board button: route by action."""
    if callback.action in {Action.TIP_OFFER, Action.TIP_FROM_EVENT}:
        return await _start_offer(update, context, callback)
    if callback.action in {Action.TIP_SIGN, Action.TIP_CONFIRM}:
        return await _drafted(update, context, callback)
    if callback.action == Action.BOARD_DIGEST:
        return await _digest_setting(update, context, callback)
    if callback.action == Action.TIP_WORDING:
        return await _wording(update, context, callback)
    if callback.action == Action.BOARD and callback.target == "wk":
        _, chat_id, _ = ids(update)
        seen = await Board(context.services, ids(update)[0]).fresh()
        await send(context.bot, chat_id, Screen(Markup(views.NOT_IN_COHORT)) if seen is None
                   else _page(context, seen, "wk"))
        return None
    return await _on_board(update, context, callback)


@guarded
async def tips(update: Update, context: Context) -> None:
    """/tips N: the counts per module and the tips waiting for approval."""
    user_id, chat_id, _ = ids(update)
    if not context.args or not context.args[0].isdigit():
        await send(context.bot, chat_id, Screen(Markup("Which cohort? For example: /tips 3")))
        return
    name, waiting, counts = await TipDesk(context.services, user_id).queue(int(context.args[0]))
    await send_all(context.bot, chat_id, [views.queue_summary(name, len(waiting), counts, _modules(context))]
                   + [views.queued(tip) for tip in waiting])


async def on_review_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Publish with one tap, or decline (a reason is asked for)."""
    query, (user_id, chat_id, _) = update.callback_query, ids(update)
    assert query is not None
    desk = TipDesk(context.services, user_id)
    tip_id = int(callback.target) if callback.target.isdigit() else 0
    try:
        tip = await desk.tip(tip_id)
        if callback.arg == "y":
            if not await desk.approve(tip_id, views.published_news(tip)):
                return views.GONE
            await edit_text(query, views.reviewed(tip, True))
            return None
        editing = callback.arg == "e"
        before = await (desk.ask_wording(tip_id) if editing else desk.ask_reason(tip_id))
    except NotAllowed:
        return views.GONE
    ask = views.ASK_WORDING if editing else views.REASON
    await send_all(context.bot, chat_id, ([dropped(before)] if before else []) + [Screen(ask)])
    return None


@guarded
async def event_tips(update: Update, context: Context) -> None:
    """/eventtips EVENT MODULE: the module's most useful tips go on the event's reminders; off removes."""
    user_id, chat_id, _ = ids(update)
    args = context.args or []
    by_number = {str(m.number): m for m in context.services.course.course.modules}
    if len(args) != 2 or not args[0].isdigit() or (args[1] != "off" and args[1] not in by_number):
        await send(context.bot, chat_id, Screen(views.EVENT_TIPS_USAGE))
        return
    module = by_number.get(args[1])
    event, tips = await TipDesk(context.services, user_id).attach(int(args[0]), module.id if module else None)
    await send(context.bot, chat_id, Screen(views.event_tips_set(event.title, module, tips)))
