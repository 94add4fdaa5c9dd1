"""The welcome back after a long silence: where the learner was, and two ways on."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.usecases.welcome_back import Return
from bot.views.html import html
from bot.views.screen import Button, Screen

# Said kindly: weeks away are part of a school year, not a failure; what was learned stays.
_STREAK = ("Your week streak starts afresh from this week; every drop you've done is still in "
           "/progress and your journal.")


def welcome_back(back: Return) -> Screen:
    if back.finished:
        where = "You'd finished the whole course: /journal has everything you wrote."
    else:
        where = f"You were on Module {back.module}, drop {back.drop} of {back.drops}."
    return Screen(html("👋 Welcome back, {name}! It's good to hear from you.\n\n{where}\n{streak}",
                       name=back.first_name, where=where, streak=_STREAK),
                  ((Button("▶️ Carry on", cb(Action.WELCOME_BACK, "go")),),
                   (Button("🕒 Change my times", cb(Action.SETTINGS, "times")),)))
