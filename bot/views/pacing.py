"""Choosing the pace: snooze a drop, pause for a while, the question after a long silence."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.views.html import Markup, html
from bot.views.screen import Button, Screen

SNOOZE_OPTIONS = {"today": "Later today", "tomorrow": "Tomorrow", "week": "Next week"}


def snooze_choices(step_id: str) -> Screen:
    return Screen(
        Markup("No problem. When would suit you better?"),
        (tuple(Button(label, cb(Action.SNOOZE, step_id, key)) for key, label in SNOOZE_OPTIONS.items()),),
    )


def snoozed(when: str) -> Screen:
    return Screen(html("⏰ Snoozed. I'll bring this drop back {when}.", when=when))


def ask_pause() -> Screen:
    return Screen(
        Markup("It's been a couple of weeks since we last heard from you, and that's fine: term gets busy. "
               "Would you like to pause lessons for now? You can come back any time with /resume."),
        ((Button("Pause for now", cb(Action.PAUSE_ANSWER, "pause")),
          Button("Keep them coming", cb(Action.PAUSE_ANSWER, "keep"))),),
    )


# Said once, when the pause question went a week without an answer: never a reproach.
PAUSED_QUIETLY = Markup(
    "🌿 I've paused your lessons for now, so no more drops will arrive. That's fine: term gets busy, "
    "and everything you've done is kept.\n\nWhenever you'd like to carry on, send /resume, or just "
    "write to me and I'll show you where you were.")


def ask_back(where: str | None) -> Screen:
    """After a holiday, to a learner the bot paused: pick up again, or stay paused."""
    place = html(" ({where})", where=where) if where else ""
    return Screen(
        html("👋 Hello again! Your lessons have been paused for a while. Would you like to pick up "
             "where you left off{place}? If now isn't the time, that's fine too.", place=place),
        ((Button("▶️ Carry on", cb(Action.ASK_BACK, "go")),
          Button("Stay paused", cb(Action.ASK_BACK, "stay"))),),
    )


CARRIED_ON = Markup("▶️ Lovely, welcome back. Here is where you were.")
STAY_PAUSED = Markup("That's fine: lessons stay paused and I won't ask again. Whenever you'd like to "
                     "carry on, send /resume or just write to me.")


PAUSE_HELP = (
    Markup("Lessons are paused until you send /resume. To pause until a date, send it like this: "
    "/pause 2027-01-06")
)
BAD_DATE = Markup("I couldn't read that date. Please write it like this: /pause 11/01/2027 or /pause 11 Jan")
PAST_DATE = Markup("That date has passed. Please choose a day in the future, like /pause 11 Jan")
PAUSED_UNTIL = Markup("Lessons are paused. I'll start again {when}. /resume starts them sooner.")
KEEP = Markup("Lovely, lessons carry on. Your next drop comes {when}.")


def in_service_offer() -> Screen:
    return Screen(
        Markup("🏫 It's an in-service day. If you have a little longer this morning, would you like several "
               "drops back to back? Time to learn on in-service days is time well spent."),
        ((Button("Three drops now", cb(Action.IN_SERVICE_DAY, "three")),
          Button("The rest of this module", cb(Action.IN_SERVICE_DAY, "module"))),
         (Button("Not today", cb(Action.IN_SERVICE_DAY, "no")),)),
    )


NOT_TODAY = Markup("No problem. Your drops carry on at your usual times.")
