"""How events look: reminders with RSVP buttons, and the learner's list of sessions."""

from __future__ import annotations

from datetime import datetime

from bot.callbacks import cb
from bot.views.screen import Button, Screen, safe
from bot.views.timing import when
from storage.events import Event

KINDS = {"training": "In-person training day", "online": "Online practice-sharing session"}
NO_SESSIONS = "No upcoming sessions for your cohort just now. Your coordinator will add them here."
GOING = "Thank you: you're down as going. 📅 Add it to your calendar with the button."
NOT_GOING = "Thank you for letting us know. You can change your answer in /sessions."
ADD_USAGE = ("Add an event like this:\n/addevent 3 | Online practice-sharing | online | "
             "2026-12-03 15:45 | 2026-12-03 17:00 | https://link | What we'll cover")
ADDED = "Added: {title}. Reminders will go to the cohort a week, a day and an hour before."
CANCELLED = "Cancelled: {title}. Those who said they were going have been told."
EDITED = "Changed: {title}. Everyone who said they were going ({count}) has been told."
EDIT_USAGE = "Change an event like this:\n/editevent 4 | 2026-12-03 16:00 | 2026-12-03 17:15 | new place"


def describe(event: Event, now: datetime, tz: str) -> str:
    lines = [f"<b>{safe(event.title)}</b>", KINDS.get(event.kind, event.kind),
             f"Starts {when(event.starts_at, tz, now)}"]
    if event.place:
        lines.append(safe(event.place))
    if event.description:
        lines.append(f"<i>{safe(event.description)}</i>")
    return "\n".join(lines)


def reminder_text(event: Event, now: datetime, tz: str) -> str:
    return f"📅 <b>Coming up</b>\n\n{describe(event, now, tz)}\n\nWill you be there?"


def buttons(event_id: int) -> tuple[tuple[Button, ...], ...]:
    target = str(event_id)
    return ((Button("Going", cb("rsvp", target, "y")), Button("Can't go", cb("rsvp", target, "n"))),
            (Button("📅 Add to calendar", cb("ics", target)),))


YOU_SAID = "You said:"


def said(answer: str) -> str:
    return f"{YOU_SAID} going ✅" if answer == "going" else f"{YOU_SAID} can't go"


def sessions(events: list[tuple[Event, str | None]], now: datetime, tz: str) -> list[Screen]:
    if not events:
        return [Screen(NO_SESSIONS)]
    screens = []
    for event, answer in events:
        status = said(answer) if answer else ""
        screens.append(Screen(describe(event, now, tz) + (f"\n\n{status}" if status else ""),
                              buttons(event.id)))
    return screens


def cancelled_notice(event: Event) -> str:
    return (f"❌ <b>Cancelled:</b> {safe(event.title)}. Sorry for the change; "
            "your coordinator will be in touch.")


def follow_up_text(event: Event) -> str:
    return f"👋 Thank you for signing up to <b>{safe(event.title)}</b>. Did you manage to attend?"


def follow_up_buttons(event_id: int) -> tuple[tuple[Button, ...], ...]:
    target = str(event_id)
    return ((Button("Yes, I went", cb("att", target, "y")),
             Button("No, I couldn't", cb("att", target, "n"))),)


ASK_TRY = ("Lovely. What is one thing from the session you'll try in your work? Reply with a line or two "
           "(please don't name or identify a child).")
THANKS_NOT = "Thanks for letting us know. There'll be other sessions: /sessions lists them."
TRY_SAVED = "Thank you: saved as feedback for your coordinator's planning."


def rsvp_list(title: str, rows: list[tuple[str, str, bool | None]]) -> Screen:
    if not rows:
        return Screen(f"<b>{safe(title)}</b>: nobody has answered yet.")
    lines = [f"<b>{safe(title)}</b>"]
    for name, answer, attended in rows:
        came = "" if attended is None else (" · attended" if attended else " · did not attend")
        lines.append(f"{safe(name)}: {'going' if answer == 'going' else 'not going'}{came}")
    return Screen("\n".join(lines))


def changed_notice(event: Event, now: datetime, tz: str) -> str:
    return f"🔁 <b>Changed</b>\n\n{describe(event, now, tz)}\n\nStill able to come?"
