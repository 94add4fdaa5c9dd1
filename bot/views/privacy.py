"""Words for /mydata and /forget."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.usecases.sharing import Offer
from bot.views.html import Markup, html
from bot.views.screen import Button, Screen

NOTHING_HELD = Markup("I hold nothing about you: there is no record to show or delete.")
MYDATA_JSON = Markup("Everything I hold about you, as data (JSON).")
MYDATA_TEXT = Markup("The same, as a document to read: open it on your phone or print it.")
SHARING = (Markup("Your coordinator can now read your reflections in the cohort's export, under a code "
           "rather than your name. <code>/share off</code> stops sharing."))
NOT_SHARING = (Markup("Your reflections are private to you again: your coordinator won't see them. "
               "Send /share to share them."))
SHARE_UNCHANGED = Markup("Nothing changed: your reflections stay private to you.")
NOTHING_TO_SHARE = Markup("\n\nYou have no reflections to share yet; what you write next would be.")
FORGET_KEPT = Markup("Nothing was deleted. Your learning record is just as it was.")
FORGOTTEN = (
    Markup("Done: everything I held about you is deleted: your progress, answers, ratings, reflections "
    "and any messages waiting to be sent. If you want to learn again later, use your invite link.")
)


def share_offer(offer: Offer) -> Screen:
    """What /share would let the coordinator read, and a choice; never text kept privately."""
    if offer.sharing:
        return Screen(html("You are sharing {count} reflection(s) with your coordinator, under a code "
                           "rather than your name. <code>/share off</code> stops sharing.",
                           count=offer.count))
    text = html("If you share, your coordinator can read <b>{count} reflection(s)</b> in the cohort's "
                "export, under a code rather than your name", count=offer.count)
    named = [d if len(d) <= 60 else d[:59] + "…" for d in offer.drops[:6]]
    more = f" and {len(offer.drops) - 6} more" if len(offer.drops) > 6 else ""
    text += (html(", from: {drops}{more}.", drops=", ".join(named), more=more) if offer.drops
             else NOTHING_TO_SHARE)
    text += Markup("\n\nAnything you kept privately is never shared. You can stop any time with "
                   "<code>/share off</code>. Share them?")
    return Screen(text, ((Button("Yes, share them", cb(Action.SHARE, "yes")),
                          Button("Not now", cb(Action.SHARE, "no"))),))


def forget_confirm() -> Screen:
    return Screen(
        Markup("This deletes <b>everything</b> I hold about you: your progress, quiz answers, confidence "
               "ratings, reflections and journal. It cannot be undone.\n\nYou might like /mydata first "
               "to keep a copy."),
        ((Button("Delete everything", cb(Action.FORGET, "yes")),
          Button("Keep my record", cb(Action.FORGET, "no"))),),
    )
