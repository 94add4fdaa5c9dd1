"""What the learner sees when the free-text screen flags what they wrote."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.usecases.safeguard import Screening
from bot.views.html import Markup
from bot.views.screen import Button, Screen

CONCERN = (
    Markup("⚠️ <b>If you are worried about a child's safety, please speak to your school's child "
    "protection coordinator today.</b> This bot is not a way to report a concern: nobody reads "
    "what you write here in time to help.\n\nWhat you wrote is in your journal. Would you like to "
    "keep it there, or delete it?")
)

NAMES = (
    Markup("It looks like this might include someone's name ({names}). Please don't name or identify a "
    "child or family here. Would you like to edit it out?")
)

KEPT = Markup("Kept in your journal.")
DELETED = Markup("Deleted: it is no longer stored.")


NOT_KEPT = (
    Markup("{reason}\n\nSo that nothing identifying reaches your coordinator, I haven't kept this. Please "
    "send it again without names or details of a child or family.")
)
REASON_CONCERN = (Markup("⚠️ <b>If you are worried about a child's safety, please speak to your school's "
                  "child protection coordinator today.</b> This bot is not a way to report a concern."))
REASON_NAMES = Markup("It looks like this might include someone's name ({names}).")


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f"“{n[:40]}”" for n in names[:3])


def not_kept(screening: Screening) -> Screen:
    """For text shared with a coordinator (what someone will try after a session): flagged, not kept."""
    names = _quoted(screening.names)
    reason = REASON_CONCERN if screening.concern else REASON_NAMES.format(names=names)
    return Screen(NOT_KEPT.format(reason=reason))


def safeguard_notice(screening: Screening, reflection_id: int) -> Screen:
    """The reply to text the screen flagged, with the learner's choices."""
    rid = str(reflection_id)
    if screening.concern:
        return Screen(CONCERN, ((Button("Keep it", cb(Action.SAFEGUARD_KEEP, rid)),
                                 Button("Delete it", cb(Action.SAFEGUARD_DELETE, rid))),))
    names = _quoted(screening.names)
    return Screen(NAMES.format(names=names),
                  ((Button("Edit it", cb(Action.JOURNAL_EDIT, rid)),
                    Button("It isn't a name", cb(Action.SAFEGUARD_KEEP, rid))),))


ADVICE = Markup(
    "⚠️ <b>If you are worried about a child, speak to your school's child protection coordinator "
    "today. If a child is in immediate danger, call 999.</b>\n\nThis bot does not pass anything on: "
    "nobody reads what you write here in time to help.")
HELD_CONCERN = Markup("\n\nWhat you wrote is held, not in your journal. Would you like to keep it "
                      "privately, never shared with anyone, or delete it?")
HELD_NAMES = Markup(
    "It looks like this might include someone's name ({names}). Please don't name or identify a "
    "child or family here. I haven't saved it yet: would you like to edit it out?")
KEPT_PRIVATELY = Markup("\n\n🔒 Kept privately in your journal: never shared, exported or shown to "
                        "your coordinator.")
DELETED_HELD = Markup("\n\nDeleted: it is no longer stored.")
THANKS = Markup("Thank you for looking after them.")
SEND_AGAIN = Markup("Send it again without the name, and I'll save that instead.")
CHOOSE_FIRST = Markup("Before we go on, please choose what happens to what you wrote.")


def held_notice(screening: Screening, held_id: int) -> Screen:
    """The reply to a flagged reply, first and alone: nothing else comes until the learner chooses."""
    hid = str(held_id)
    if screening.concern:
        return Screen(ADVICE + HELD_CONCERN, ((Button("Keep it privately", cb(Action.HELD_KEEP, hid)),
                                                Button("Delete it", cb(Action.HELD_DELETE, hid))),))
    return Screen(HELD_NAMES.format(names=_quoted(screening.names)),
                  ((Button("Edit it", cb(Action.HELD_EDIT, hid)),
                    Button("It isn't a name", cb(Action.HELD_KEEP, hid))),))


def released(concern: bool, kept: bool) -> Markup:
    """What the notice says once the learner has chosen (the advice stays in view)."""
    if not concern:
        return KEPT if kept else DELETED
    return ADVICE + (KEPT_PRIVATELY if kept else DELETED_HELD)
