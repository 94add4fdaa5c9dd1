"""Words for /mydata and /forget."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.views.html import Markup
from bot.views.screen import Button, Screen

NOTHING_HELD = Markup("I hold nothing about you: there is no record to show or delete.")
MYDATA_JSON = Markup("Everything I hold about you, as data (JSON).")
MYDATA_TEXT = Markup("The same, as readable text.")
SHARING = (Markup("Your coordinator can now read your reflections in the cohort's export, under a code "
           "rather than your name. Send /share again to stop sharing."))
NOT_SHARING = (Markup("Your reflections are private to you again: your coordinator won't see them. "
               "Send /share to share them."))
FORGET_KEPT = Markup("Nothing was deleted. Your learning record is just as it was.")
FORGOTTEN = (
    Markup("Done: everything I held about you is deleted: your progress, answers, ratings, reflections "
    "and any messages waiting to be sent. If you want to learn again later, use your invite link.")
)


def forget_confirm() -> Screen:
    return Screen(
        Markup("This deletes <b>everything</b> I hold about you: your progress, quiz answers, confidence "
               "ratings, reflections and journal. It cannot be undone.\n\nYou might like /mydata first "
               "to keep a copy."),
        ((Button("Delete everything", cb(Action.FORGET, "yes")),
          Button("Keep my record", cb(Action.FORGET, "no"))),),
    )
