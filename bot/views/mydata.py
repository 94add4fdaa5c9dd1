"""/mydata as a person reads it: a plain-text document, section by section, in their own time zone.

Plain text on purpose: it opens on any phone, and whatever the learner wrote (a name with <b> or $x$ in
it) is shown exactly as written, never interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

from bot.usecases.pending import PendingKind
from bot.views.joining import ROLES, describe_slot
from bot.views.pending import WAITED_FOR
from bot.views.plural import count
from lessons.models import Module, QuizStep
from lessons.progress import CourseMap

Row = dict[str, Any]

STATUS = {"joining": "still joining", "active": "taking the course", "paused": "paused",
          "quiet": "taking the course (asked whether you'd like to pause)",
          "finished": "finished the course", "unreachable": "not reachable (the bot was blocked)"}
ANSWER = {"going": "going", "not": "can't go"}
TIP_STATUS = {"draft": "a draft, not shared", "offered": "waiting for your coordinator",
              "published": "on the board", "declined": "declined", "reported": "reported, taken down"}
SENT = {"pending": "waiting to be sent", "sending": "being sent", "sent": "sent",
        "blocked": "not delivered (the bot was blocked)", "failed": "not delivered"}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Dates:
    """Stored moments in words, in the learner's time zone: 'Tuesday 1 December 2026 at 10:30'."""

    def __init__(self, tz: str) -> None:
        self.zone = ZoneInfo(tz)

    def __call__(self, value: str | None, none: str = "not yet") -> str:
        if not value:
            return none
        moment = datetime.fromisoformat(value)
        if len(value) <= 10:  # a date without a time
            return f"{DAYS[moment.weekday()]} {moment.day} {moment:%B %Y}"
        local = moment.astimezone(self.zone) if moment.tzinfo else moment
        return f"{DAYS[local.weekday()]} {local.day} {local:%B %Y} at {local:%H:%M}"


def _plain(text: str) -> str:
    """Course text without its Telegram HTML, on one line."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split())


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _section(title: str, body: list[str], empty: str) -> list[str]:
    return ["", "", title.upper(), "=" * len(title), *(body or [empty])]


def _who(data: dict[str, Any], when: Dates) -> list[str]:
    me: Row = data["learner"]
    cohort = data["cohort"][0]["name"] if data["cohort"] else "none"
    lines = [f"Your Telegram user id: {me['user_id']}",
             f"Your name here: {me['first_name']}",
             f"Your role: {ROLES.get(me['role'] or '', me['role'] or 'not chosen')}",
             f"Your cohort: {cohort}",
             f"Joined: {when(me['joined_at'])}",
             f"Privacy notice agreed: version {me['consent_version'] or 'none'}"
             + (f", {when(me['consent_at'])}" if me["consent_at"] else ""),
             f"Where you are: {STATUS.get(me['status'], me['status'])}",
             f"Last active: {when(me['last_active_at'])}",
             "Your reflections are " + ("shared with your coordinator, under a code"
                                        if me["share_reflections"] else "private to you")]
    lines += [f"Certificate {c['number']}: issued to {c['name']} on {when(c['issued_at'])}"
              for c in data["certificate"]]
    return lines


def _schedule(data: dict[str, Any], when: Dates) -> list[str]:
    me: Row = data["learner"]
    slots = ", ".join(describe_slot(s) for s in me["slots"].split(",") if s) or "none yet"
    days = ", ".join(DAYS[int(d)] for d in me["weekdays"].split(",") if d) or "none yet"
    lines = [f"Times: {slots}", f"Days: {days}", f"Drops a day, at most: {me['per_day']}",
             f"Time zone: {me['tz']} (every time in this document is in it)",
             *_next(me, when)]
    if me["paused_until"]:
        lines.append(f"Paused until: {when(me['paused_until'])}")
    lines += [f"Paused from {when(p['started_at'])} to {when(p['ended_at'], 'now')}" for p in data["pauses"]]
    return lines


def _next(me: Row, when: Dates) -> list[str]:
    """The next drop, or, while the bot has paused lessons or asked whether to, what comes next."""
    asked_back, status = me.get("asked_back_at"), me["status"]
    asked = [f"Last asked whether you'd like to carry on: {when(asked_back)}"] if asked_back else []
    if status == "quiet":
        return [f"Asked whether you'd like to pause: {when(me.get('asked_pause_at'))}",
                f"With no answer, lessons pause on: {when(me['next_due_at'], 'no date')}"]
    if status == "paused" and me.get("paused_by") == "bot":
        return [f"Lessons paused by the bot, as the question whether to pause had no answer: "
                f"{when(me.get('paused_at'))}",
                f"I'll ask once whether you'd like to carry on: {when(me['next_due_at'], 'not again')}",
                *asked]
    return [f"Next drop: {when(me['next_due_at'], 'when you next ask with /next')}", *asked]


def _progress(data: dict[str, Any], course: CourseMap, when: Dates) -> list[str]:
    drops = {row["drop_id"]: row for row in data["drops"]}
    skipped = {row["step_id"] for row in data["steps"] if row["status"] == "skipped"}
    lines: list[str] = []
    for module in course.course.modules:
        lines += ["", f"Module {module.number}: {module.title}"]
        started = [(drop, drops[drop.id]) for drop in module.drops if drop.id in drops]
        lines.append(f"  {len([1 for _, r in started if r['completed_at']])} of "
                     f"{count(len(module.drops), 'drop')} finished")
        for drop, row in started:
            done = f"finished {when(row['completed_at'])}" if row["completed_at"] else "not finished yet"
            lines.append(f"  • {drop.title}: sent {when(row['delivered_at'])}, {done}")
            lines += [f"      skipped: {_step_title(course, s.id)}" for s in drop.steps if s.id in skipped]
        lines += list(_ratings(data["confidence"], module, when))
    unknown = [r for r in data["drops"] if course.drop(r["drop_id"]) is None]
    lines += [f"  • A drop no longer in the course ({r['drop_id']}): sent {when(r['delivered_at'])}"
              for r in unknown]
    return lines[1:]


def _ratings(rows: list[Row], module: Module, when: Dates) -> Iterator[str]:
    ids = {s.id for s in module.confidence}
    for row in rows:
        if row["statement"] in ids:
            yield (f"  Your confidence {'at the start' if row['phase'] == 'before' else 'at the end'}, "
                   f"\"{module.statement(row['statement'])}\": {row['rating']} out of 5"
                   f" ({when(row['at'])})")


def _step_title(course: CourseMap, step_id: str) -> str:
    place = course.place(step_id)
    if place is None:
        return f"a step no longer in the course ({step_id})"
    step = place.step
    words = getattr(step, "question", None) or getattr(step, "prompt", None) or getattr(step, "text", "")
    return f"{place.drop.title}: \"{_short(_plain(str(words)))}\""


def _quiz(data: dict[str, Any], course: CourseMap, when: Dates) -> list[str]:
    lines: list[str] = []
    for row in data["quiz_answers"]:
        place = course.place(row["step_id"])
        step = place.step if place else None
        if place is None or not isinstance(step, QuizStep):
            lines.append(f"• A question no longer in the course, answered {when(row['at'])}")
            continue
        chosen = step.options[row["choice"]].text if 0 <= row["choice"] < len(step.options) else "?"
        verdict = "right" if row["correct"] else "not the answer this time"
        again = " (asked again for recall)" if row["recall"] else ""
        lines += [f"• {place.drop.title}, {when(row['at'])}{again}",
                  f"  Q: {_short(_plain(step.question), 200)}", f"  You chose: {chosen} ({verdict})"]
    return lines


def _writing(data: dict[str, Any], course: CourseMap, when: Dates) -> list[str]:
    lines: list[str] = []
    for row in data["reflections"]:
        edited = (f", changed {when(row['updated_at'])}"
                  if row["updated_at"] and row["updated_at"] != row["created_at"] else "")
        kept = " (kept privately: never shared or exported)" if row["flagged"] else ""
        lines += [f"• {_step_title(course, row['step_id'])}",
                  f"  Written {when(row['created_at'])}{edited}{kept}",
                  *(f"  | {line}" for line in row["text"].splitlines()), ""]
    for row in data["held_replies"]:
        lines += [f"• Held, not in your journal: {_step_title(course, row['step_id'])}",
                  f"  Held {when(row['held_at'])}, waiting for your choice",
                  *(f"  | {line}" for line in row["text"].splitlines()), ""]
    return lines[:-1] if lines else lines


def _events(data: dict[str, Any], when: Dates) -> list[str]:
    lines: list[str] = []
    for row in data["events"]:
        went = {1: ", and you went", 0: ", and you didn't go"}.get(row["attended"], "")
        said = ANSWER.get(row["answer"], row["answer"])
        lines.append(f"• {row['title']}, {when(row['starts_at'])}: you said {said} ({when(row['at'])}){went}")
        if row["will_try"]:
            lines.append(f"  What you'll try: {row['will_try']}")
    return lines


def _tips(data: dict[str, Any], course: CourseMap, when: Dates) -> list[str]:
    modules = {m.id: f"Module {m.number}: {m.title}" for m in course.course.modules}
    lines: list[str] = []
    for row in data["tips"]:
        status = TIP_STATUS.get(row["status"], row["status"])
        lines += [f"• Written {when(row['created_at'])}, {status}"
                  + (f" {when(row['published_at'])}" if row["published_at"] else "")
                  + (f"; about {modules[row['module_id']]}" if row["module_id"] in modules else ""),
                  *(f"  | {line}" for line in row["text"].splitlines())]
        if row["signed"]:
            lines.append(f"  Signed: {row['signed']}")
        if row["reason"]:
            lines.append(f"  Reason given: {row['reason']}")
    return lines


def _waiting(data: dict[str, Any], course: CourseMap, when: Dates) -> list[str]:
    lines = [f"I am waiting for {WAITED_FOR[PendingKind(row['kind'])]} (asked {when(row['asked_at'])})"
             for row in data["pending_reply"] if row["kind"] in PendingKind.__members__.values()]
    lines += [f"Coming back for recall {when(row['due'])}: {_step_title(course, row['step_id'])}"
              for row in data["recall_cards"]]
    return lines


def _messages(data: dict[str, Any], when: Dates) -> list[str]:
    by_status: dict[str, int] = {}
    for row in data["messages_queued"]:
        by_status[row["status"]] = by_status.get(row["status"], 0) + 1
    lines = [f"Messages to you, {SENT.get(status, status)}: {n}" for status, n in by_status.items()]
    kept = data["messages_received"]
    if kept:
        lines.append(f"Your own messages kept for a few days (so nothing is lost if the bot restarts): "
                     f"{len(kept)}, since {when(kept[0]['received_at'])}")
    return lines


def document(data: dict[str, Any], course: CourseMap, now: datetime) -> bytes:
    """Everything held about the learner, as a document a person can read on a phone."""
    when = Dates(data["learner"]["tz"])
    lines = [f"Everything the #KeepThePromise bot holds about {data['learner']['first_name']}",
             f"Your Telegram user id: {data['learner']['user_id']}",
             f"Made {when(now.isoformat())}. The same data, complete, is in my-data.json."]
    lines += _section("Who you are in the bot", _who(data, when), "")
    lines += _section("Your schedule and settings", _schedule(data, when), "")
    lines += _section("Your progress by module", _progress(data, course, when), "")
    lines += _section("Your quiz answers", _quiz(data, course, when), "No quiz answers yet.")
    lines += _section("Your reflections and held replies", _writing(data, course, when),
                      "Nothing written yet.")
    lines += _section("Your events", _events(data, when), "No answers to events yet.")
    lines += _section("Your practice-board tips", _tips(data, course, when), "No tips written.")
    lines += _section("What is waiting for a reply", _waiting(data, course, when), "Nothing is waiting.")
    lines += _section("Messages", _messages(data, when), "None.")
    return ("\n".join(lines) + "\n").encode()
