"""What a learner sees in /settings: their schedule, and a button for each thing they can change."""

from __future__ import annotations

from datetime import datetime

from bot.callbacks import Action, cb
from bot.usecases.preferences import PER_DAY
from bot.views.html import NOTHING, Markup, html
from bot.views.joining import SLOTS, WEEKDAYS, describe_slot
from bot.views.screen import Button, Screen
from bot.views.timing import when
from storage.learners import Learner

NOT_JOINED = Markup("Settings are for people taking the course. Tap your coordinator's invite link to join.")
ASK_TIME = (Markup("Send the time that suits you, like <b>10:05</b>, <b>2pm</b> or <b>half 10</b>. "
            "It must be in the school day: I never send anything from {quiet}."))
ASK_ZONE = (Markup("Send your time zone as a city, like <b>London</b>, <b>Belfast</b> or <b>Dublin</b>. "
            "Lessons then arrive at your chosen times there."))
UNKNOWN_SETTING = "That setting isn't one I know."
SAVED = Markup("✅ Saved.")
BACK = "‹ Back to settings"


def summary(learner: Learner, now: datetime, note: Markup = NOTHING) -> Screen:
    """The learner's schedule, and what the next drop's time now is."""
    times = ", ".join(describe_slot(k) for k in learner.slots) or "none yet"
    days = ", ".join(WEEKDAYS[d] for d in learner.weekdays) or "none yet"
    upcoming = (f"\nNext drop: {when(learner.next_due_at, learner.tz, now)}."
                if learner.status == "active" and learner.next_due_at else "")
    text = (note + "\n\n" if note else NOTHING) + html(
        "<b>Your settings</b>\n🕒 Times: {times}\n📅 Days: {days}\n"
        "📚 Drops a day, at most: {per_day}\n🌍 Time zone: {tz}{upcoming}",
        times=times, days=days, per_day=learner.per_day, tz=learner.tz, upcoming=upcoming)
    per_day = tuple(Button(("✅ " if n == learner.per_day else "") + f"{n} a day",
                           cb(Action.SETTINGS_PER_DAY, str(n))) for n in PER_DAY)
    return Screen(text, ((Button("🕒 Times", cb(Action.SETTINGS, "times")),
                          Button("📅 Days", cb(Action.SETTINGS, "days"))),
                         per_day, (Button("🌍 Time zone", cb(Action.SETTINGS, "zone")),),
                         (Button("📌 Weekly board digest", cb(Action.BOARD_DIGEST, "menu")),)))


def times(learner: Learner) -> Screen:
    named = [(Button(("✅ " if key in learner.slots else "▫️ ") + label, cb(Action.SETTINGS_SLOT, key)),)
             for key, label in SLOTS.items()]
    exact = [(Button(f"✅ {describe_slot(key)}", cb(Action.SETTINGS_SLOT, key)),)
             for key in learner.slots if key not in SLOTS]
    return Screen(Markup("Tap a time to add or remove it, or add an exact time of your own."),
                  (*named, *exact, (Button("➕ Another time", cb(Action.SETTINGS, "addt")),),
                   (Button(BACK, cb(Action.SETTINGS, "back")),)))


def days(learner: Learner) -> Screen:
    buttons = tuple(Button(("✅" if i in learner.weekdays else "▫️") + name, cb(Action.SETTINGS_DAY, f"d{i}"))
                    for i, name in enumerate(WEEKDAYS[:5]))
    return Screen(Markup("Which days are you usually in school? Tap to change."),
                  (buttons[:3], buttons[3:], (Button(BACK, cb(Action.SETTINGS, "back")),)))
