"""What the sharing of a tip with another cohort looks like, and the coordinator's waiting notice."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.views.board import shown
from bot.views.html import Markup, html
from bot.views.screen import Button, Screen
from storage.tips import Tip

USAGE = Markup("Which tip and which cohort? For example <code>/sharetip 12 3</code> asks the author of "
               "tip 12 whether colleagues in cohort 3 may see it too.")
NOT_SHAREABLE = Markup("Only a published tip can be shared, with a cohort other than its own.")
ONLY_ADMINS = Markup("Sorry, sharing a tip with another cohort is for admins.")
AGREED = Markup("Thank you: colleagues in the other cohort will see it on their /board.")
REFUSED = Markup("Understood: your tip stays with your own cohort.")
GONE = "That question has been answered already."


def ask_author(tip: Tip, cohort_name: str) -> str:
    """The author's question; the tip shows as it would there (their name only if they signed it)."""
    return str(html("🤝 Colleagues in another cohort, <b>{cohort}</b>, could learn from your tip. "
                    "May it appear on their board too, exactly as here?\n\n{tip}",
                    cohort=cohort_name, tip=shown(tip)))


def asked(tip: Tip) -> Markup:
    return html("Asked the author of tip {id}: it appears there only if they agree.", id=tip.id)


def share_buttons(tip_id: int, cohort_id: int) -> tuple[tuple[Button, ...], ...]:
    target = f"{tip_id}-{cohort_id}"
    return ((Button("✅ Agree", cb(Action.TIP_SHARE, target, "y")),
             Button("No, keep it in my cohort", cb(Action.TIP_SHARE, target, "n"))),)


def waiting(cohort_id: int) -> Screen:
    return Screen(html("💡 A tip is waiting: /tips {cohort}", cohort=cohort_id))
