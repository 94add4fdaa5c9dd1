"""/start with an invite code, the privacy notice, and choosing a role and times."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Action, Callback
from bot.ptb.menus import refresh_menu
from bot.ptb.telegram_io import Context, edit_markup, edit_text, ids, markup, send, send_all
from bot.usecases.joining import Joining
from bot.usecases.people import accept_coordinator_invite, is_coordinator_code
from bot.views import coordinator as coordinator_views
from bot.views import joining as views
from bot.views.learning import after
from bot.views.screen import Screen
from bot.views.timing import when


async def start(update: Update, context: Context) -> None:
    """/start <code>: welcome a new learner, or welcome back one who has joined."""
    user_id, chat_id, first_name = ids(update)
    code = context.args[0].lower() if context.args else None
    if code and is_coordinator_code(code):
        await _coordinator_invite(context, user_id, chat_id, first_name, code)
        return
    joining = Joining(context.services)
    learner = await context.services.store.learner(user_id)
    if learner is not None and learner.status != "joining":
        await send(context.bot, chat_id, views.welcome_back(learner.first_name))
        return
    cohort = await joining.cohort_for(code)
    if learner is not None and learner.consent_version and cohort is None:
        await send(context.bot, chat_id, views.role_picker())
        return
    if cohort is None:
        await send(context.bot, chat_id, Screen(views.BAD_CODE if code else views.NO_CODE))
        return
    await send(context.bot, chat_id, views.privacy_notice(cohort.name, cohort.invite_code,
                                                              context.services.settings.retention_days))


async def _coordinator_invite(context: Context, user_id: int, chat_id: int, first_name: str,
                              code: str) -> None:
    """A coordinator invite from the dashboard's people page: once, then it is spent."""
    cohort = await accept_coordinator_invite(context.services, code, user_id, first_name)
    if cohort is None:
        await send(context.bot, chat_id, Screen(coordinator_views.COORDINATOR_INVITE_SPENT))
        return
    await refresh_menu(context.bot, context.services, user_id)
    await send(context.bot, chat_id, coordinator_views.now_coordinator(cohort.name))


async def on_joining_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Buttons of the joining steps; returns a short notice for the button, if any."""
    query = update.callback_query
    assert query is not None
    user_id, chat_id, first_name = ids(update)
    joining = Joining(context.services)
    action, target = callback.action, callback.target
    if action == Action.PRIVACY_MORE:
        full = views.privacy_in_full(target, context.services.settings.retention_days)
        await edit_text(query, full.text, markup(full))
    elif action == Action.AGREE and target == "renew":
        if not await joining.renew(user_id):
            return views.START_AGAIN
        await edit_markup(query, None)
        await send(context.bot, chat_id, Screen(views.RENEWED))
    elif action == Action.AGREE:
        learner = await joining.agree(user_id, chat_id, first_name, target)
        if learner is None:
            return views.INVITE_CLOSED
        await edit_markup(query, None)
        await send(context.bot, chat_id, views.role_picker())
    elif action == Action.ROLE:
        if not await joining.set_role(user_id, target):
            return views.START_AGAIN
        await edit_text(query, views.role_chosen(target))
        await send(context.bot, chat_id, views.slot_picker(()))
    elif action == Action.SLOT:
        slots = await joining.toggle_slot(user_id, target)
        if slots is None:
            return views.START_AGAIN
        await edit_markup(query, markup(views.slot_picker(slots)))
    elif action == Action.SLOTS_DONE:
        learner = await joining.times_picked(user_id)
        if learner is None or not learner.slots:
            return views.PICK_A_TIME
        await edit_text(query, views.times_chosen(learner.slots, learner.per_day))
        await send(context.bot, chat_id, views.weekday_picker(learner.weekdays))
    elif action == Action.DAY and target[1:].isdigit():
        days = await joining.toggle_day(user_id, int(target[1:]))
        if days is None:
            return views.START_AGAIN
        await edit_markup(query, markup(views.weekday_picker(days)))
    elif action == Action.DAYS_DONE:
        learner = await context.services.store.learner(user_id)
        if learner is None or not learner.weekdays:
            return views.PICK_A_DAY
        due, tz = await joining.preview_due(user_id)
        await edit_markup(query, None)
        now = context.services.clock.now()
        await send(context.bot, chat_id, views.first_drop_offer(when(due, tz, now) if due else None))
    elif action == Action.FIRST_DROP:
        advance = await joining.begin(user_id, target == "now")
        if advance.stale:
            return views.START_AGAIN
        await edit_markup(query, None)
        now = context.services.clock.now()
        screens = after(advance, now) if target == "now" else [
            views.scheduled(when(advance.next_due, advance.tz, now) if advance.next_due else None)]
        await send_all(context.bot, chat_id, screens)
    return None
