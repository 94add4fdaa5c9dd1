"""What a learner sees after acting on a step, and the short replies around drops."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.usecases.learning import Advance
from bot.views.board import share_button
from bot.views.html import Markup, html
from bot.views.pending import dropped
from bot.views.screen import Screen, together
from bot.views.steps import recall_screen, step_screen
from bot.views.timing import when

# When handling fails: what was saved before is safe, and the learner knows to try again.
NOT_SAVED = Markup("Sorry, I couldn't save that just now: the problem is on my side, not yours. Everything "
             "you did before this is safe. Please send it again in a few minutes.")
FAULT = Markup("Sorry, something went wrong on my side. Everything you've done so far is saved. "
         "Please try that again in a minute.")
NOT_THROUGH = Markup("Sorry, that didn't go through: Telegram was slow to answer me. Please try again.")
STALE = "That button is from an earlier card, so nothing changed. Carry on from the newest one."

NO_PROMPT = Markup(
    "Thanks! I only keep replies to a reflective prompt, and none is open just now. "
    "/next brings your next drop; /help lists what I can do."
)

NOT_JOINED = Markup(
    "Hello! To start the course, tap the invite link your programme coordinator sent you. "
    "/help explains more."
)

COURSE_DONE = Markup("You've finished every drop of the course. 🎉 /progress shows your record.")
STILL_JOINING = Markup("Nearly there! Please choose from the buttons above to finish joining.")

MEDIA = Markup(
    "I can't take {what} here, sorry: I work with text and buttons. "
    "To answer a reflective prompt, type a few lines."
)


def after(advance: Advance, now: datetime, first: Sequence[Screen] = (),
          moments: Sequence[Screen] = ()) -> list[Screen]:
    """The messages that follow an action, as few as they can be: what comes first (a verdict, "saved"),
    then the next step or the end of a drop with the moments it makes (a streak, a module's end);
    if a prompt opening replaced something the person was asked for, a word about that first."""
    return together([*first, *([dropped(advance.dropped)] if advance.dropped else []),
                     *_next(advance, now, moments)])


def _next(advance: Advance, now: datetime, moments: Sequence[Screen]) -> list[Screen]:
    screens: list[Screen] = []
    if advance.shown is not None and advance.finished is not None:
        # In a longer session the next drop follows at once.
        done = html("✅ <b>Drop done:</b> {title}. Here's the next one.", title=advance.finished.title)
        return [Screen(done), *moments, step_screen(*advance.shown, brief=advance.brief_reminder)]
    if advance.shown is not None:
        screens.append(step_screen(*advance.shown, brief=advance.brief_reminder))
    if advance.finished is not None and advance.module_done is None:
        # A module's or the course's end is a moment of its own (handlers.milestones).
        done = html("✅ <b>Drop done:</b> {title}.", title=advance.finished.title)
        done += html("\n\nYour next drop comes {when}. Want more now? /next",
                     when=when(advance.next_due, advance.tz, now))
        screens += [Screen(done, ((share_button(advance.finished.id),),)), *moments]
        if advance.recall is not None:
            screens.append(recall_screen(advance.recall))
        return screens
    if advance.finished is None and advance.course_done and advance.shown is None:
        screens.append(Screen(COURSE_DONE))
    return screens + list(moments)
