"""Milestones: the summary at the end of a module, and the certificate at the end of the course."""

from __future__ import annotations

from datetime import datetime

from bot.usecases.learning import Advance
from bot.usecases.record import ModuleRecord
from bot.views.html import Markup, html
from bot.views.screen import Screen
from bot.views.timing import when

ASK_NAME = (
    Markup("🎓 You can have a certificate of completion for your CPD record. How would you like your name "
    "to appear on it? Reply with your name as you'd like it printed.")
)
ASK_NEW_NAME = Markup("What name should your certificate show? Reply with it as you'd like it printed.")
COURSE_DONE = Markup("🎉 <b>You've finished the #KeepThePromise course.</b>\n\nThank you for the time you "
                     "gave it. Your reflections stay in /journal for you to take into supervision.")
NOT_FINISHED = Markup("Your certificate is ready when you finish the course. "
                      "/progress shows how far you've come.")
NAME_SCRIPT = (Markup("Sorry, the certificate can't yet print {chars} properly. Please send your name in "
               "Latin letters (A to Z, accents are fine), as you'd like it to appear."))
NAME_TOO_LONG = Markup("That's a little long for a certificate: please send a name of up to 80 characters.")


def module_summary(m: ModuleRecord, written: int, advance: Advance, now: datetime) -> Screen:
    """The end of a module: what was covered, confidence then and now, reflections written; what's next."""
    covered = "\n".join(f"• {d.title}" for d in m.module.drops)
    lines = [html("🌟 <b>You've completed Module {number}: {title}</b>", number=m.module.number,
                  title=m.module.title), "", "What you covered:", covered]
    if m.before is not None and m.after is not None:
        shift = m.after - m.before
        trend = ("that's growth worth noticing" if shift > 0 else "honest ratings matter more than high ones"
                 if shift < 0 else "steady")
        lines += ["", f"Your confidence: {m.before:.1f} at the start, {m.after:.1f} now ({trend})."]
    if written:
        lines += ["", f"You wrote {written} reflection{'s' if written != 1 else ''}: they're in /journal, "
                  "ready for your next supervision."]
    if not advance.course_done:
        lines += ["", f"Your next drop comes {when(advance.next_due, advance.tz, now)}. Want it now? /next"]
    return Screen(Markup("\n").join(lines))


def certificate_caption(name: str, number: str) -> Markup:
    return html("Your certificate of completion, for {name}. Well done, and thank you for the time "
                "you gave.\nCertificate number {number}. /certificate sends it again; "
                "/certificate name changes the name.",
                name=name, number=number)


def streak_grew(weeks: int) -> Screen:
    """Noticed gently when it grows; when a streak ends nothing is said at all."""
    return Screen(html("🔥 That's {weeks} weeks in a row with a drop. A steady rhythm, nicely done.",
                       weeks=weeks))
