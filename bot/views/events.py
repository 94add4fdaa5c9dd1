"""How events look: reminders with RSVP buttons, and the learner's list of sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.callbacks import Action, cb
from bot.views.html import Markup, escape, html
from bot.views.screen import Button, Screen
from bot.views.timing import when
from storage.events import Event

KINDS = {"training": "In-person training day", "online": "Online practice-sharing session"}
NO_SESSIONS = Markup("No upcoming sessions for your cohort just now. Your coordinator will add them here.")
GOING = Markup("Thank you: you're down as going. 📅 Add it to your calendar with the button.")
NOT_GOING = Markup("Thank you for letting us know. You can change your answer in /sessions.")
ADD_USAGE = Markup("Add an event like this:\n/addevent 3 | Online practice-sharing | online | "
             "2026-12-03 15:45 | 2026-12-03 17:00 | https://link | What we'll cover\n\n"
             "3 is the cohort's number: /cohorts lists yours. The kind is training or online.")
ADDED = Markup("Added: {title}. It is event {number} (/events {cohort} lists them). Reminders will go "
                "to the cohort a week, a day and an hour before.")
CANCELLED = Markup("Cancelled: {title}. Those who said they were going have been told.")
EDITED = Markup("Changed: {title}. Everyone who said they were going ({count}) has been told.")
# Short notices on a pressed button: plain text, shown by Telegram as a toast.
NOT_YOUR_QUESTION = "That question isn't one for you."
NOT_YOUR_SESSION = "That session isn't one of your cohort's, or it has been cancelled."
WHICH_EVENT = Markup("Which event? Add its number, for example {example}. "
                     "/events 3 lists cohort 3's events with their numbers (/cohorts gives the 3).")
EDIT_USAGE = Markup("Change an event like this:\n"
                    "/editevent 4 | 2026-12-03 16:00 | 2026-12-03 17:15 | new place\n\n"
                    "4 is the event's number: /events 3 lists cohort 3's events.")


class Told(Protocol):
    """What a learner is told of an event: a stored event, or the facts a queued reminder carries."""

    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def place(self) -> str: ...
    @property
    def description(self) -> str: ...


def _kind_line(event: Told) -> list[str]:
    """The kind of event, unless the title already says it ("Online practice-sharing")."""
    kind = KINDS.get(event.kind, event.kind)
    title, label = event.title.casefold(), kind.casefold()
    return [] if title in label or label in title else [kind]


def describe(event: Told, now: datetime, tz: str) -> Markup:
    lines = [html("<b>{title}</b>", title=event.title), *_kind_line(event),
             "Starts " + when(event.starts_at, tz, now)]
    if event.place:
        lines.append(event.place)
    if event.description:
        lines.append(html("<i>{description}</i>", description=event.description))
    return Markup("\n").join(lines)


def ics_caption(event: Event) -> Markup:
    return escape(event.title)


def reminder_text(event: Told, now: datetime, tz: str, going: bool = False,
                  tips: tuple[str, ...] | list[str] = ()) -> Markup:
    """A reminder; someone who already said Going is told so, not asked again. A coordinator may
    have attached the theme's most useful tips, to bring one to talk about."""
    question = (f"{YOU_SAID} going ✅ See you there. (Plans changed? /sessions)" if going
                else "Will you be there?")
    text = html("📅 <b>Coming up</b>\n\n{event}", event=describe(event, now, tz))
    if tips:
        text += Markup("\n\n<b>Bring one of these to talk about</b>\n") + Markup("\n").join(
            html("• “{tip}”", tip=tip) for tip in tips[:3])
    return text + html("\n\n{question}", question=question)


def calendar_button(event_id: int) -> tuple[Button, ...]:
    return (Button("📅 Add to calendar", cb(Action.CALENDAR_FILE, str(event_id))),)


def buttons(event_id: int) -> tuple[tuple[Button, ...], ...]:
    target = str(event_id)
    return ((Button("Going", cb(Action.RSVP, target, "y")), Button("Can't go", cb(Action.RSVP, target, "n"))),
            calendar_button(event_id))


YOU_SAID = "You said:"


def said(answer: str) -> str:
    return f"{YOU_SAID} going ✅" if answer == "going" else f"{YOU_SAID} can't go"


def answered_card(card: Markup, going: bool) -> Markup:
    """A reminder or /sessions card, rewritten with the answer just given (Telegram's own HTML of it)."""
    base = card.split(f"\n\n{YOU_SAID}")[0]
    return Markup(base) + "\n\n" + said("going" if going else "not")


def sessions(events: list[tuple[Event, str | None]], now: datetime, tz: str) -> list[Screen]:
    if not events:
        return [Screen(NO_SESSIONS)]
    screens = []
    for event, answer in events:
        status = said(answer) if answer else ""
        screens.append(Screen(describe(event, now, tz) + ("\n\n" + status if status else ""),
                              buttons(event.id)))
    return screens


def cancelled_notice(title: str) -> Markup:
    return html("❌ <b>Cancelled:</b> {title}. Sorry for the change; your coordinator will be in touch.",
                title=title)


def follow_up_text(title: str) -> Markup:
    return html("👋 Thank you for signing up to <b>{title}</b>. Did you manage to attend?", title=title)


def follow_up_buttons(event_id: int) -> tuple[tuple[Button, ...], ...]:
    target = str(event_id)
    return ((Button("Yes, I went", cb(Action.ATTENDED, target, "y")),
             Button("No, I couldn't", cb(Action.ATTENDED, target, "n"))),)


ASK_TRY = Markup("Lovely. What is one thing from the session you'll try in your work? "
                 "Reply with a line or two (please don't name or identify a child).")
THANKS_NOT = Markup("Thanks for letting us know. There'll be other sessions: /sessions lists them.")
TRY_SAVED = Markup("Thank you: saved as feedback for your coordinator's planning.")


def rsvp_list(title: str, rows: list[tuple[str, str, bool | None]]) -> Screen:
    if not rows:
        return Screen(html("<b>{title}</b>: nobody has answered yet.", title=title))
    lines = [html("<b>{title}</b>", title=title)]
    for name, answer, attended in rows:
        came = "" if attended is None else (" · attended" if attended else " · did not attend")
        lines.append(html("{name}: {answer}{came}", name=name,
                          answer="going" if answer == "going" else "not going", came=came))
    return Screen(Markup("\n").join(lines))


def changed_notice(event: Told, now: datetime, tz: str) -> Markup:
    return html("🔁 <b>Changed</b>\n\n{event}\n\nStill able to come?", event=describe(event, now, tz))


def cohort_event_list(cohort: str, rows: list[tuple[Event, list[str]]], now: datetime, tz: str) -> Screen:
    """/events N: each upcoming event with the number the other event commands take."""
    if not rows:
        return Screen(html("<b>{cohort}</b> has no upcoming events. /addevent adds one.", cohort=cohort))
    lines = [html("<b>{cohort}: upcoming events</b>", cohort=cohort)]
    for event, going in rows:
        lines.append(html("\n<b>{number}. {title}</b>\nStarts {starts} · {going} going",
                          number=event.id, title=event.title, starts=when(event.starts_at, tz, now),
                          going=len(going)))
    lines.append(html("\nUse the number with /rsvps {n}, /editevent {n} or /cancelevent {n}.",
                      n=rows[0][0].id))
    return Screen(Markup("\n").join(lines))
