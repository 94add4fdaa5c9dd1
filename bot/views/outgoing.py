"""The screens for each kind of outbox message: one render function per model, in one registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.views.board import digest as board_digest
from bot.views.board import wording_buttons
from bot.views.events import buttons as event_buttons
from bot.views.events import (
    calendar_button,
    cancelled_notice,
    changed_notice,
    follow_up_buttons,
    follow_up_text,
    reminder_text,
)
from bot.views.html import Markup, html
from bot.views.joining import privacy_renewal
from bot.views.pacing import PAUSED_QUIETLY, ask_back, ask_pause, in_service_offer
from bot.views.screen import Screen
from bot.views.steps import step_screen
from bot.views.tip_share import share_buttons, waiting
from lessons.progress import CourseMap
from scheduler import outgoing as out

SNOOZED = Markup("⏰ As you asked, here is your drop again.")
NUDGE = Markup("👋 A gentle reminder: <b>{title}</b> is waiting for you just above, whenever you have "
                "three minutes. (Can't find it? /next brings it here.)")


@dataclass(frozen=True)
class Rendering:
    """What rendering needs besides the message: the course it points into, the privacy terms."""

    course: CourseMap
    retention_days: int
    now: datetime  # the moment of sending, for texts that say "tomorrow" or "in 2 hours"


# None: the content the message points to no longer exists (a course edit removed it).
Screens = list[Screen] | None


def _again(line: Markup, step_id: str, r: Rendering) -> Screens:
    """An open step sent again with a line above it: one message, since a private chat takes
    about one message a second."""
    place = r.course.place(step_id)
    if place is None:
        return None
    step = step_screen(place.module, place.drop, place.step)
    return [Screen(html("{line}\n\n{step}", line=line, step=step.text), step.buttons)]


NEW_IN_MODULE = ("🆕 <b>New in Module {number}</b>: added to the course since you were there. It's "
                 "yours once, if you'd like it; your place in the course is kept.")


def drop_card(m: out.DropCard, r: Rendering) -> Screens:
    found = r.course.drop(m.drop_id)
    if found is None:
        return None
    screen = step_screen(found[0], found[1], found[1].steps[0])
    if not m.new:
        return [screen]
    line = html(NEW_IN_MODULE, number=found[0].number)
    return [Screen(html("{line}\n\n{step}", line=line, step=screen.text), screen.buttons)]


def nudge(m: out.Nudge, r: Rendering) -> Screens:
    """Points to the card already in the chat rather than sending a second live copy of it."""
    place = r.course.place(m.step_id)
    return [Screen(NUDGE.format(title=place.drop.title))] if place else None


def snoozed(m: out.Snoozed, r: Rendering) -> Screens:
    return _again(SNOOZED, m.step_id, r)


def in_service(m: out.InService, r: Rendering) -> Screens:
    return [in_service_offer()]


def asking_pause(m: out.AskPause, r: Rendering) -> Screens:
    return [ask_pause()]


def paused_quietly(m: out.PausedQuietly, r: Rendering) -> Screens:
    return [Screen(PAUSED_QUIETLY)]


def asking_back(m: out.AskBack, r: Rendering) -> Screens:
    """Says where the learner was, when their step is still in the course."""
    place = r.course.place(m.step_id) if m.step_id else None
    where = None
    if place is not None:
        number = place.module.drops.index(place.drop) + 1
        where = f"Module {place.module.number}, drop {number} of {len(place.module.drops)}"
    return [ask_back(where)]


def consent(m: out.ConsentRenewal, r: Rendering) -> Screens:
    return [privacy_renewal(r.retention_days)]


def event_reminder(m: out.EventReminder, r: Rendering) -> Screens:
    """Written at sending from the event's facts, so its "tomorrow" is right when it arrives."""
    buttons = (calendar_button(m.event_id),) if m.going else event_buttons(m.event_id)
    if m.facts is None:  # queued by an earlier release, already written out
        return [Screen(Markup(m.text), buttons)]
    if m.changed:
        return [Screen(changed_notice(m.facts, r.now, m.facts.tz), buttons)]
    return [Screen(reminder_text(m.facts, r.now, m.facts.tz, m.going, m.tips), buttons)]


def event_follow_up(m: out.EventFollowUp, r: Rendering) -> Screens:
    return [Screen(Markup(m.text) if m.text else follow_up_text(m.title), follow_up_buttons(m.event_id))]


def event_cancelled(m: out.EventCancelled, r: Rendering) -> Screens:
    return [Screen(Markup(m.text) if m.text else cancelled_notice(m.title))]


def digest(m: out.Digest, r: Rendering) -> Screens:
    return [board_digest(m.count)]


def plain(m: out.Broadcast, r: Rendering) -> Screens:
    return [Screen(Markup(m.text))]  # built by a view when queued


def tip_news(m: out.TipNews, r: Rendering) -> Screens:
    if m.share_of:
        return [Screen(Markup(m.text), share_buttons(m.share_of, m.share_to))]
    return [Screen(Markup(m.text), wording_buttons(m.wording_of) if m.wording_of else ())]


def tip_waiting(m: out.TipWaiting, r: Rendering) -> Screens:
    return [waiting(m.cohort_id)]


# Each function takes its own model; the registry is keyed by that model, so a lookup always
# hands a function the type it was written for (tests/test_outgoing.py checks every kind is here).
VIEWS: dict[type[out.Message], Callable[[Any, Rendering], Screens]] = {
    out.DropCard: drop_card,
    out.Nudge: nudge,
    out.Snoozed: snoozed,
    out.InService: in_service,
    out.AskPause: asking_pause,
    out.PausedQuietly: paused_quietly,
    out.AskBack: asking_back,
    out.ConsentRenewal: consent,
    out.EventReminder: event_reminder,
    out.EventFollowUp: event_follow_up,
    out.EventCancelled: event_cancelled,
    out.Broadcast: plain,
    out.TipNews: tip_news,
    out.Digest: digest,
    out.TipWaiting: tip_waiting,
}


def render(message: out.Message, r: Rendering) -> Screens:
    """The screens for one outbox message."""
    return VIEWS[type(message)](message, r)
