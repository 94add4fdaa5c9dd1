"""/settings: a learner changes their times, days, drops a day or time zone after joining."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Action, Callback
from bot.ptb.telegram_io import Context, edit_text, ids, markup, send, send_all
from bot.usecases.pending import Pending, PendingKind, Replies
from bot.usecases.preferences import Changed, Preferences
from bot.views import joining as joining_views
from bot.views import settings as views
from bot.views.html import escape
from bot.views.pending import dropped
from bot.views.screen import Screen
from storage.learners import Learner


def _joined(learner: Learner | None) -> bool:
    return learner is not None and learner.status != "joining" and learner.consent_version is not None


async def settings(update: Update, context: Context) -> None:
    """/settings: the learner's schedule with buttons to change it."""
    user_id, chat_id, _ = ids(update)
    learner = await context.services.store.learner(user_id)
    if not _joined(learner):
        await send(context.bot, chat_id, Screen(views.NOT_JOINED))
        return
    assert learner is not None
    await send(context.bot, chat_id, views.summary(learner, context.services.clock.now()))


async def on_settings_button(update: Update, context: Context, callback: Callback) -> str | None:
    query = update.callback_query
    assert query is not None
    user_id, chat_id, _ = ids(update)
    services, preferences = context.services, Preferences(context.services)
    learner = await services.store.learner(user_id)
    joining_time = (callback.action, callback.target) == (Action.SETTINGS, "addt") and learner is not None \
        and learner.consent_version is not None  # a time of their own, while joining
    if not (_joined(learner) or joining_time):
        return views.NOT_JOINED
    assert learner is not None
    action, target, now = callback.action, callback.target, services.clock.now()
    if action == Action.SETTINGS and target in {"addt", "zone"}:
        kind = PendingKind.SETTINGS_TIME if target == "addt" else PendingKind.SETTINGS_ZONE
        before = await Replies(services).ask(user_id, Pending(kind))
        ask = views.ASK_TIME.format(quiet=services.timing.quiet) if target == "addt" else views.ASK_ZONE
        await send_all(context.bot, chat_id, ([dropped(before)] if before else []) + [Screen(ask)])
        return None
    changed: Changed | None = None
    if action == Action.SETTINGS_SLOT:
        changed = await preferences.toggle_slot(user_id, target)
    elif action == Action.SETTINGS_DAY and target[1:].isdigit():
        changed = await preferences.toggle_day(user_id, int(target[1:]))
    elif action == Action.SETTINGS_PER_DAY and target.isdigit():
        changed = await preferences.set_per_day(user_id, int(target))
    elif not (action == Action.SETTINGS and target in {"times", "days", "back"}):
        return views.NOT_JOINED
    if changed is not None:
        if changed.learner is None:
            return changed.problem or views.UNKNOWN_SETTING
        learner = changed.learner
        if changed.problem:
            return changed.problem
    screen = (views.times(learner) if action == Action.SETTINGS_SLOT or target == "times"
              else views.days(learner) if action == Action.SETTINGS_DAY or target == "days"
              else views.summary(learner, now))
    await edit_text(query, screen.text, markup(screen))
    return None


async def on_settings_text(context: Context, user_id: int, chat_id: int, text: str,
                           kind: PendingKind) -> None:
    """The exact time or time zone the learner typed after asking to change it."""
    preferences = Preferences(context.services)
    changed = await (preferences.add_time(user_id, text) if kind == PendingKind.SETTINGS_TIME
                     else preferences.set_zone(user_id, text))
    if changed.learner is None or changed.problem:
        problem = escape(changed.problem) if changed.problem else views.NOT_JOINED
        await send(context.bot, chat_id, Screen(problem))
        return
    if changed.learner.status == "joining":  # back to choosing times, the new one ticked
        await send(context.bot, chat_id, joining_views.slot_picker(changed.learner.slots))
        return
    note = views.SAVED
    await send(context.bot, chat_id, views.summary(changed.learner, context.services.clock.now(), note))
