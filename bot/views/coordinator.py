"""What coordinators see: cohorts and invite links, broadcast previews and progress, stats."""

from __future__ import annotations

from typing import Any

from bot.callbacks import cb
from bot.usecases.cohort_stats import Summary
from bot.views.screen import Button, Screen, safe

COMMANDS: list[tuple[str, str]] = [
    ("cohorts", "Your cohorts and their invite links"),
    ("newcohort", "Create a cohort: /newcohort Name"),
    ("rename", "Rename a cohort: /rename 3 New name"),
    ("invite", "Invite link and QR code: /invite 3"),
    ("broadcast", "Message a cohort: /broadcast 3"),
    ("stats", "How a cohort is doing: /stats 3"),
    ("move", "Move a learner: /move 1234 3"),
    ("calendar", "Terms, holidays and in-service days: /calendar 3"),
    ("addevent", "Add a training day or session"),
    ("editevent", "Move an event: /editevent 4 | start | end | place"),
    ("cancelevent", "Cancel an event: /cancelevent 4"),
    ("rsvps", "Who is going, and who came: /rsvps 4"),
]
ADMIN_COMMANDS: list[tuple[str, str]] = [("promote", "Make someone a coordinator: /promote 1234 3"),
                                          ("demote", "Stop someone coordinating: /demote 1234 3")]

NOT_ALLOWED = "Sorry, that's only for the coordinators of a cohort."
WHICH_COHORT = "Which cohort? Add its number, for example {example}. /cohorts lists yours."
NO_NAME = "Give the cohort a name, for example: /newcohort Dundee cluster 2026"
PROMOTE_USAGE = "Use it like this: /promote <Telegram user id> <cohort number>"
PROMOTED = "Done: {user} is now a coordinator of {cohort}."
DEMOTE_USAGE = "Use it like this: /demote <Telegram user id> <cohort number>"
DEMOTED = "Done: {user} no longer coordinates {cohort}."
NOT_A_COORDINATOR = "{user} wasn't a coordinator of {cohort}, so nothing changed."
RENAME_USAGE = "Use it like this: /rename <cohort number> <new name>"
RENAMED = "Done: cohort {number} is now called <b>{name}</b>."
WRITE_BROADCAST = ("Send me the message for <b>{cohort}</b> ({count} learners). You can use bold and "
                   "italics. You'll see a preview before anything is sent.")
CANCELLED = "Cancelled: nothing was sent."
BAD_WHEN = ("To schedule it, give a future date and time outside the evening and weekend, "
            "like: /broadcast 3 2026-12-01 08:30")
MOVE_USAGE = "Use it like this: /move <Telegram user id> <cohort number>"
MOVED = "Done: learner {user} is now in {cohort}. Their progress goes with them."
BAD_HTML = "That message has formatting Telegram can't show ({problem}). Please send it again."


def invite(name: str, link: str) -> Screen:
    return Screen(f"<b>{safe(name)}</b>\nInvite link: {link}\n\nShare it with the staff who will learn; "
                  "it opens the bot and joins them to this cohort.")


def cohort_list(rows: list[tuple[int, str, str, int, bool]]) -> Screen:
    if not rows:
        return Screen("You have no cohorts yet. /newcohort Name creates one.")
    lines = ["<b>Your cohorts</b>"]
    for number, name, link, learners, open_ in rows:
        state = "" if open_ else " (invite closed)"
        lines.append(f"\n<b>{number}. {safe(name)}</b>: {learners} learners{state}\n{link}")
    return Screen("\n".join(lines))


def preview(broadcast_id: int, text: str, count: int, later: str | None = None) -> list[Screen]:
    timing = f" {later}" if later else ""
    return [Screen("Here is your message exactly as learners will see it:"),
            Screen(text),
            Screen(f"Send it to {count} learners{timing}?",
                   ((Button(f"Send to {count}" + (" then" if later else ""), cb("bcs", str(broadcast_id))),
                     Button("Cancel", cb("bcx", str(broadcast_id)))),))]


def progress(counts: dict[str, int], total: int, done: bool) -> str:
    sent, blocked, failed = counts.get("sent", 0), counts.get("blocked", 0), counts.get("failed", 0)
    head = "✅ Broadcast finished" if done else "📤 Sending your broadcast"
    return (f"{head}: {sent + blocked + failed} of {total} handled.\n"
            f"Delivered {sent} · blocked the bot {blocked} · failed {failed}")


def stats(name: str, summary: Summary) -> Screen:
    lines = [f"📊 <b>{safe(name)}</b>", f"Enrolled: {summary.enrolled}",
             f"Active in the last 7 days: {summary.active_7d}", f"Reflections written: {summary.reflections}",
             "", "<b>Completed each module</b>"]
    for m in summary.modules:
        shift = ""
        if m.before is not None:
            after = f"{m.after:.1f}" if m.after is not None else "not yet"
            shift = f" · confidence {m.before:.1f} → {after}"
        lines.append(f"Module {m.number}: {m.completed}{shift}")
    stops = sorted((s for s in summary.stops if s[1]), key=lambda s: -s[1])[:3]
    if stops:
        lines += ["", "<b>Where learners stop</b> (last drop finished before)"]
        lines += [f"{safe(title)}: {n}" for title, n in stops]
    if summary.hardest:
        lines += ["", "<b>Most often missed</b> (first tries)"]
        lines += [f"{wrong} of {n}: {safe(q)}" for q, wrong, n in summary.hardest]
    return Screen("\n".join(lines))


CALENDAR_HELP = (
    "To set it, send /calendar N and the dates on the lines below, for example:\n"
    "<code>/calendar 3\nterms:\n  - {start: 2027-01-06, end: 2027-03-31}\nholidays:\n"
    "  - {start: 2027-02-15, end: 2027-02-19, name: February break}\nin_service: [2027-02-22]</code>"
)


def calendar_shown(name: str, calendar: dict[str, Any]) -> Screen:
    def spans(key: str) -> str:
        items = calendar.get(key, [])
        return "\n".join(f"  {i['start']} to {i['end']} {safe(i.get('name', ''))}" for i in items) or "  none"
    days = ", ".join(str(d) for d in calendar.get("in_service", [])) or "none"
    return Screen(f"<b>{safe(name)}: calendar</b>\nTerms:\n{spans('terms')}\nHolidays:\n{spans('holidays')}\n"
                  f"In-service days: {days}\n\n{CALENDAR_HELP}")


def calendar_problems(problems: list[str]) -> Screen:
    listed = "\n".join(f"• {safe(p)}" for p in problems)
    return Screen(f"I couldn't use those dates:\n{listed}\n\nNothing was changed.")
