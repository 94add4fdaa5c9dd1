"""Replies to the learner's commands: help, progress, pause and resume."""

from __future__ import annotations

from datetime import datetime

from bot.usecases.record import ModuleRecord, Record
from bot.views.html import Markup, html
from bot.views.screen import Screen
from bot.views.timing import when

PRIVATE_ONLY = Markup("Hello! I work with each person in a private chat only, so I won't post anything "
                      "here. Open a chat with me to learn.")
UNKNOWN = Markup("I don't know that command, sorry. /help lists the ones I do know.")

HELP = (
    Markup("<b>#KeepThePromise learning</b>\n\n"
    "I send you short lessons (<i>drops</i>) at the breaks you chose: a few cards, then a quick "
    "question or a moment to reflect. Each takes about three minutes.\n\n"
    "/next: your next drop now\n/progress: how far you've come\n"
    "/journal: your reflections, to read back or take into supervision\n"
    "/sessions: your cohort's training days and online sessions\n"
    "/board: tips colleagues in your cohort tried\n"
    "/settings: change your times, days, drops a day or time zone\n"
    "/pause and /resume: take a break from lessons\n"
    "/certificate: your certificate of completion, once you finish\n"
    "/mydata: everything stored about you; /forget: delete it all\n\n"
    "I never message you in the evening or at weekends. If you are worried about a child, "
    "speak to your school's child protection coordinator today: this bot is not a way to "
    "report a concern.")
)


def bar(done: int, total: int, width: int = 10) -> str:
    """A module's drops as a row of blocks: '▰▰▰▱▱▱▱▱▱▱'."""
    filled = round(width * done / total) if total else 0
    return "▰" * filled + "▱" * (width - filled)


def _module_lines(m: ModuleRecord) -> list[str]:
    finished = m.drops_done == m.drops_total
    lines = [html("{mark} <b>Module {number}: {title}</b>", mark="✅" if finished else "📘",
                  number=m.module.number, title=m.module.title),
             f"{bar(m.drops_done, m.drops_total)} {m.drops_done} of {m.drops_total} drops"]
    if m.quiz_answered:
        lines.append(f"Quiz checks tried: {m.quiz_answered}, and they come back later to help them stick")
    if m.before is not None and m.after is not None:
        lines.append(f"Confidence: {m.before:.1f} at the start, {m.after:.1f} at the end (of 5)")
    elif m.before is not None:
        lines.append(f"Confidence at the start: {m.before:.1f} of 5; you'll rate it again at the end")
    if not finished:
        lines.append(f"About {max(1, round(m.minutes_left))} min left")
    return lines


def progress(record: Record, streak: int, next_due: datetime | None, tz: str, now: datetime,
             paused: bool) -> Screen:
    """Per module: a bar of drops done, quiz checks, confidence, time left; the streak; what's next."""
    lines: list[str] = [Markup("<b>Your progress</b>")]
    for m in record.modules:
        lines += ["", *_module_lines(m)]
    lines.append("")
    if streak > 1:
        lines.append(f"🔥 {streak} weeks in a row with at least one drop")
    if record.completed_at is not None:
        lines.append("🎓 You've finished the course. /certificate sends your certificate; "
                     "/journal keeps your reflections.")
    elif paused:
        lines.append("Lessons are paused. /resume starts them again.")
    else:
        lines.append(f"Next drop: {when(next_due, tz, now)}")
    return Screen(Markup("\n").join(lines))


PAUSED = Markup("Lessons are paused. I won't send drops until you send /resume. Take care.")
RESUMED = Markup("Welcome back! Your next drop comes {when}. /next brings it now.")
NOT_PAUSED = Markup("Lessons aren't paused. Your next drop comes {when}.")
