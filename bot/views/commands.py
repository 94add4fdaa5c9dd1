"""Replies to the learner's commands: help, progress, pause and resume."""

from __future__ import annotations

from datetime import datetime

from bot.views.screen import Screen, safe
from bot.views.timing import when
from lessons.models import Module

COMMANDS: list[tuple[str, str]] = [
    ("next", "Your next drop now"),
    ("progress", "How far you've come"),
    ("journal", "Your reflections: your learning log"),
    ("pause", "Pause lessons for a while"),
    ("resume", "Start lessons again"),
    ("mydata", "Everything stored about you"),
    ("forget", "Delete everything stored about you"),
    ("help", "What this bot does"),
]

HELP = (
    "<b>#KeepThePromise learning</b>\n\n"
    "I send you short lessons (<i>drops</i>) at the breaks you chose: a few cards, then a quick "
    "question or a moment to reflect. Each takes about three minutes.\n\n"
    "/next: your next drop now\n/progress: how far you've come\n"
    "/journal: your reflections, to read back or take into supervision\n"
    "/pause and /resume: take a break from lessons\n"
    "/mydata: everything stored about you; /forget: delete it all\n\n"
    "I never message you in the evening or at weekends. If you are worried about a child, "
    "speak to your school's child protection coordinator today: this bot is not a way to "
    "report a concern."
)


def progress(modules: list[tuple[Module, int, int]], score: tuple[int, int],
             next_due: datetime | None, tz: str, now: datetime, paused: bool) -> Screen:
    """Drops done per module, quiz score, and when the next drop comes."""
    lines = ["<b>Your progress</b>", ""]
    for module, done, total in modules:
        mark = "✅" if done == total else "▫️"
        lines.append(f"{mark} Module {module.number}: {safe(module.title)}: {done}/{total} drops")
    right, answered = score
    lines += ["", f"Quiz checks: {right} of {answered} right first time" if answered
              else "Quiz checks: none answered yet"]
    if paused:
        lines.append("Lessons are paused. /resume starts them again.")
    else:
        lines.append(f"Next drop: {when(next_due, tz, now)}")
    return Screen("\n".join(lines))


PAUSED = "Lessons are paused. I won't send drops until you send /resume. Take care."
RESUMED = "Welcome back! Your next drop comes {when}. /next brings it now."
NOT_PAUSED = "Lessons aren't paused. Your next drop comes {when}."
