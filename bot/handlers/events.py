"""Events: coordinators add and cancel them; learners see /sessions, answer, and take an .ics."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InputFile, Message, Update

from bot.callbacks import Action, Callback
from bot.handlers.args import first_number, number
from bot.handlers.coordinator import ask_number, guarded
from bot.ptb.telegram_io import Context, edit_markup, edit_text, ids, markup, send, send_all
from bot.usecases import events, pending
from bot.usecases.coordination import Coordination, NotAllowed
from bot.usecases.events import ics
from bot.usecases.pending import Pending, PendingKind
from bot.usecases.safeguard import screen
from bot.views import board as board_views
from bot.views import events as views
from bot.views.html import Markup
from bot.views.learning import NOT_JOINED
from bot.views.pending import dropped
from bot.views.safeguard import not_kept
from bot.views.screen import Screen


def _parse(text: str, tz: str) -> tuple[int, str, str, datetime, datetime, str, str] | None:
    parts = [p.strip() for p in text.split("|")]
    cohort_id = number(parts[0])
    if len(parts) < 5 or cohort_id is None or parts[2] not in views.KINDS:
        return None
    try:
        zone = ZoneInfo(tz)
        starts = datetime.fromisoformat(parts[3]).replace(tzinfo=zone)
        ends = datetime.fromisoformat(parts[4]).replace(tzinfo=zone)
    except ValueError:
        return None
    if ends <= starts or not parts[1]:
        return None
    padded = [*parts, "", ""]
    return cohort_id, parts[1][:120], parts[2], starts, ends, padded[5][:300], padded[6][:600]


@guarded
async def add_event(update: Update, context: Context) -> None:
    """/addevent N | title | training or online | start | end | place or link | description."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    parsed = _parse(" ".join(context.args or []), services.settings.timezone)
    if parsed is None:
        await send(context.bot, chat_id, Screen(views.ADD_USAGE))
        return
    cohort_id, title, kind, starts, ends, place, description = parsed
    event_id = await events.add_event(services, user_id, cohort_id, title, kind, starts, ends, place,
                                      description)
    added = views.ADDED.format(title=title, number=event_id, cohort=cohort_id)
    await send(context.bot, chat_id, Screen(added))


@guarded
async def cohort_events(update: Update, context: Context) -> None:
    """/events N: the cohort's upcoming events, each with its number."""
    user_id, chat_id, _ = ids(update)
    cohort_id = first_number(context.args)
    if cohort_id is None:
        await ask_number(context, chat_id, "/events 3")
        return
    services = context.services
    cohort = await Coordination(services, user_id).check(cohort_id)
    rows = await events.cohort_events(services, user_id, cohort.id)
    await send(context.bot, chat_id, views.cohort_event_list(cohort.name, rows, services.clock.now(),
                                                             services.settings.timezone))


async def _event_number(context: Context, chat_id: int, example: str) -> int | None:
    """The event's number from the command, or None once the person has been asked for it."""
    event_id = first_number(context.args)
    if event_id is None:
        await send(context.bot, chat_id, Screen(views.WHICH_EVENT.format(example=example)))
    return event_id


@guarded
async def cancel_event(update: Update, context: Context) -> None:
    """/cancelevent ID: cancel it and tell everyone who said they were going."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    event_id = await _event_number(context, chat_id, "/cancelevent 4")
    if event_id is None:
        return
    event, _ = await events.cancel_event(services, user_id, event_id)
    await send(context.bot, chat_id, Screen(views.CANCELLED.format(title=event.title)))


@guarded
async def edit_event(update: Update, context: Context) -> None:
    """/editevent ID | start | end | place: move an event and tell everyone who said they were going."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    parts = [p.strip() for p in " ".join(context.args or []).split("|")]
    try:
        zone = ZoneInfo(services.settings.timezone)
        starts, ends = (datetime.fromisoformat(p).replace(tzinfo=zone) for p in parts[1:3])
        event_id = number(parts[0])
    except (ValueError, IndexError):
        event_id = None
    if event_id is None:
        await send(context.bot, chat_id, Screen(views.EDIT_USAGE))
        return
    place = parts[3] if len(parts) > 3 and parts[3] else None
    try:
        event, told = await events.edit_event(services, user_id, event_id, starts, ends, place)
    except ValueError:
        raise NotAllowed from None
    await send(context.bot, chat_id, Screen(views.EDITED.format(title=event.title, count=told)))


async def sessions(update: Update, context: Context) -> None:
    """/sessions: the cohort's upcoming events, with the learner's answer and buttons to change it."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    now = services.clock.now()
    async with services.store.read() as tx:
        learner = await tx.learners.get(user_id)
        if learner is None or learner.cohort_id is None:
            await send(context.bot, chat_id, Screen(NOT_JOINED))
            return
        events = await tx.events.upcoming(now, learner.cohort_id)
        answered = [(e, (await tx.events.answers(e.id)).get(user_id)) for e in events]
    await send_all(context.bot, chat_id, views.sessions(answered, now, learner.tz))


@guarded
async def rsvps(update: Update, context: Context) -> None:
    """/rsvps ID: who said they are going, and afterwards who came."""
    user_id, chat_id, _ = ids(update)
    event_id = await _event_number(context, chat_id, "/rsvps 4")
    if event_id is None:
        return
    async with context.services.store.read() as tx:
        event = await tx.events.get(event_id)
    if event is None:
        raise NotAllowed
    await Coordination(context.services, user_id).check(event.cohort_id)
    async with context.services.store.read() as tx:
        rows = await tx.events.rsvp_list(event.id)
    await send(context.bot, chat_id, views.rsvp_list(event.title, rows))


async def on_attended(update: Update, context: Context, callback: Callback) -> str | None:
    """The after-event question: only someone who said they were going can answer it."""
    query = update.callback_query
    assert query is not None
    user_id, chat_id, _ = ids(update)
    event_id = number(callback.target)
    if event_id is None:
        return NOT_JOINED
    came = callback.arg == "y"
    async with context.services.store.transaction() as tx:
        if not await tx.events.attended(event_id, user_id, came):
            return views.NOT_YOUR_QUESTION
        before = await pending.ask(tx, user_id, Pending.event_answer(event_id),
                                   context.services.clock.now()) if came else None
    await edit_markup(query, None)
    await send_all(context.bot, chat_id, ([dropped(before)] if before else [])
                   + [Screen(views.ASK_TRY if came else views.THANKS_NOT)])
    return None


async def will_try(context: Context, user_id: int, chat_id: int, event_id: int, text: str) -> None:
    """What the learner will try after a session, kept as feedback for the coordinator."""
    screening = screen(text)
    if not screening.clear:  # the prompt stays open for a second try
        await send(context.bot, chat_id, not_kept(screening))
        return
    async with context.services.store.transaction() as tx:
        await tx.events.will_try(event_id, user_id, text[:1000])
        await pending.settle(tx, user_id, PendingKind.EVENT_ANSWER)
    await send(context.bot, chat_id, board_views.offer_after(views.TRY_SAVED, event_id))


async def on_event_button(update: Update, context: Context, callback: Callback) -> str | None:
    """Going / Can't go / .ics: only for an event of the learner's own cohort."""
    user_id, chat_id, _ = ids(update)
    services = context.services
    event_id = number(callback.target)
    if event_id is None:
        return NOT_JOINED
    async with services.store.read() as tx:
        learner = await tx.learners.get(user_id)
        event = await tx.events.get(event_id)
    if learner is None or event is None or event.cohort_id != learner.cohort_id or event.cancelled:
        return views.NOT_YOUR_SESSION
    if callback.action == Action.CALENDAR_FILE:
        await context.bot.send_document(chat_id, InputFile(ics(event), filename="session.ics"),
                                        caption=views.ics_caption(event))
        return None
    going = callback.arg == "y"
    async with services.store.transaction() as tx:
        await tx.events.answer(event.id, user_id, "going" if going else "not", services.clock.now())
    query = update.callback_query
    message = query.message if query is not None else None
    if query is not None and isinstance(message, Message) and message.text:
        # The card shows the answer now given (a reminder, or a /sessions card), the buttons stay.
        await edit_text(query, views.answered_card(Markup(message.text_html), going),
                        markup(Screen(Markup(), views.buttons(event.id))))
    return views.GOING if going else views.NOT_GOING
