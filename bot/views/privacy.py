"""Words for /mydata and /forget."""

from __future__ import annotations

from bot.callbacks import cb
from bot.views.screen import Button, Screen

NOTHING_HELD = "I hold nothing about you: there is no record to show or delete."
MYDATA_JSON = "Everything I hold about you, as data (JSON)."
MYDATA_TEXT = "The same, as readable text."
SHARING = ("Your coordinator can now read your reflections in the cohort's export, under a code "
           "rather than your name. Send /share again to stop sharing.")
NOT_SHARING = ("Your reflections are private to you again: your coordinator won't see them. "
               "Send /share to share them.")
FORGET_KEPT = "Nothing was deleted. Your learning record is just as it was."
FORGOTTEN = (
    "Done: everything I held about you is deleted: your progress, answers, ratings, reflections "
    "and any messages waiting to be sent. If you want to learn again later, use your invite link."
)


def forget_confirm() -> Screen:
    return Screen(
        "This deletes <b>everything</b> I hold about you: your progress, quiz answers, confidence "
        "ratings, reflections and journal. It cannot be undone.\n\nYou might like /mydata first "
        "to keep a copy.",
        ((Button("Delete everything", cb("fgt", "yes")), Button("Keep my record", cb("fgt", "no"))),),
    )
