"""Milestones: the summary at the end of a module, and the certificate at the end of the course."""

from __future__ import annotations

from bot.usecases.record import ModuleRecord
from bot.views.html import Markup, html
from bot.views.screen import Screen

ASK_NAME = (
    Markup("🎓 You can have a certificate of completion for your CPD record. How would you like your name "
    "to appear on it? Reply with your name as you'd like it printed.")
)
CERTIFICATE = Markup("Your certificate of completion. Well done, and thank you for the time you gave.")
NOT_FINISHED = Markup("Your certificate is ready when you finish the course. "
                      "/progress shows how far you've come.")
NAME_SCRIPT = (Markup("Sorry, the certificate can't yet print {chars} properly. Please send your name in "
               "Latin letters (A to Z, accents are fine), as you'd like it to appear."))
NAME_TOO_LONG = Markup("That's a little long for a certificate: please send a name of up to 80 characters.")


def module_summary(m: ModuleRecord) -> Screen:
    """What the learner covered in a module, and their confidence then and now."""
    covered = "\n".join(f"• {d.title}" for d in m.module.drops)
    lines = [html("📘 <b>Module {number} summary</b>", number=m.module.number), "", "You covered:", covered]
    if m.quiz_answered:
        lines += ["", f"Quiz checks: {m.quiz_right} of {m.quiz_answered} right first time."]
    if m.before is not None and m.after is not None:
        shift = m.after - m.before
        trend = "up" if shift > 0 else "down" if shift < 0 else "the same"
        lines.append(f"Your confidence: {m.before:.1f} at the start, {m.after:.1f} now ({trend}).")
    lines += ["", "Your reflections are in /journal, ready for your next supervision."]
    return Screen(Markup("\n").join(lines))
