"""What the person hears when something they were asked for is replaced or stops being wanted."""

from __future__ import annotations

from bot.usecases.pending import Pending, PendingKind
from bot.views.html import Markup, html
from bot.views.screen import Screen

WAITED_FOR = {
    PendingKind.EVENT_ANSWER: "what you'll try after the session",
    PendingKind.SETTINGS_TIME: "your time",
    PendingKind.SETTINGS_ZONE: "your time zone",
    PendingKind.CERTIFICATE_NAME: "the name for your certificate",
    PendingKind.JOURNAL_EDIT: "the new text of a journal entry",
    PendingKind.COORDINATOR_DRAFT: "your broadcast message",
    PendingKind.PROMPT: "your answer to the prompt",
    PendingKind.HELD: "your choice about what you wrote",
    PendingKind.TIP_TEXT: "a tip for your cohort's board",
    PendingKind.TIP_DECLINE: "your reason for declining a tip",
    PendingKind.TIP_EDIT: "your wording of a tip",
    PendingKind.TERM_DATES: "the cohort's term dates",
}

# How to ask again, so dropping something never leaves the person stuck.
AGAIN = {
    PendingKind.EVENT_ANSWER: "",
    PendingKind.SETTINGS_TIME: " /settings lets you add a time whenever you like.",
    PendingKind.SETTINGS_ZONE: " /settings lets you set it whenever you like.",
    PendingKind.CERTIFICATE_NAME: " /certificate asks again.",
    PendingKind.JOURNAL_EDIT: " The entry is unchanged; /journal lets you edit it.",
    PendingKind.COORDINATOR_DRAFT: " Nothing was sent.",
    PendingKind.PROMPT: " The prompt stays open: /next shows it again.",
    PendingKind.HELD: " It is still held, not in your journal; the buttons under it still work.",
    PendingKind.TIP_TEXT: " Nothing was shared.",
    PendingKind.TIP_DECLINE: " The tip still waits in /tips.",
    PendingKind.TIP_EDIT: " The tip still waits in /tips, in its author's words.",
    PendingKind.TERM_DATES: " /calendar N sets them whenever you like.",
}


def dropped(before: Pending) -> Screen:
    """A newer question replaced an older one, or the older one no longer applies."""
    return Screen(html("ℹ️ I was waiting for {what}; I've dropped that.{again}",
                       what=Markup(WAITED_FOR[before.kind]), again=Markup(AGAIN[before.kind])))
