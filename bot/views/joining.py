"""Joining: the welcome, the privacy notice, role and schedule pickers."""

from __future__ import annotations

from collections.abc import Collection

from bot.callbacks import Action, cb
from bot.usecases.terms import ROLE_IDS
from bot.views.html import Markup, html
from bot.views.plural import count
from bot.views.screen import Button, Screen

ROLES: dict[str, str] = {
    "sfl": "Support for learning worker",
    "psa": "Pupil support assistant",
    "ca": "Classroom assistant",
    "asn": "Additional support needs (ASN) assistant",
    "hsl": "Home-school link worker",
    "bss": "Behaviour support staff",
    "teacher": "Teacher who line-manages support staff",
    "other": "Another pupil support role",
}
assert tuple(ROLES) == ROLE_IDS, "every role a learner can pick has its label here"

SLOTS: dict[str, str] = {
    "morning": "Morning break (10:30)",
    "lunch": "Lunch (12:30)",
    "after": "After school (15:45)",
}

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

NO_CODE = Markup(
    "Hello! This bot teaches the #KeepThePromise course for pupil support staff.\n\n"
    "To join, you need the invite link from your programme coordinator: it opens this chat "
    "with your cohort's code. Ask them for it, then tap it again."
)

BAD_CODE = Markup(
    "Sorry, that invite link isn't one I recognise, or it has been closed.\n\n"
    "Please ask your programme coordinator for a fresh link. Nothing has been stored about you."
)


RENEWED = Markup("Thank you. Your lessons carry on as before.")

INVITE_CLOSED = "That invite has closed. Please ask your coordinator for a new link."
PICK_A_TIME = "Pick at least one time first."
PICK_A_DAY = "Pick at least one day first."
START_AGAIN = "That step has already been done. Send /start to see where you are."


def welcome_back(first_name: str) -> Screen:
    return Screen(html("Welcome back, {name}! /next carries on with the course; "
                       "/progress shows how far you've come; /help lists everything.", name=first_name))


# The notice in three lines, so it fits a phone screen; the full notice is one tap away.
PRIVACY_IN_BRIEF = Markup(
    "• I keep your first name, role, times and answers, to send lessons and show your progress.\n"
    "• Your coordinator sees the cohort's progress; your reflections stay yours unless you share them.\n"
    "• /mydata shows everything I hold, /forget deletes it. Please never name a child here."
)


def _agree_buttons(target: str, label: str, more: bool) -> tuple[tuple[Button, ...], ...]:
    agree = (Button(label, cb(Action.AGREE, target)),)
    return (agree, (Button("More about privacy", cb(Action.PRIVACY_MORE, target)),)) if more else (agree,)


def privacy_notice(cohort_name: str, code: str, retention_days: int) -> Screen:
    text = html("Welcome to the <b>#KeepThePromise</b> course, with <b>{cohort}</b>.\n\n"
                "<b>Before you start: your privacy</b>\n{notice}",
                cohort=cohort_name, notice=PRIVACY_IN_BRIEF)
    return Screen(text, _agree_buttons(code, "I agree, let's start", more=True))


def privacy_renewal(retention_days: int) -> Screen:
    """The notice again, after it has changed: in full, since what changed may be in the detail."""
    text = html("<b>Our privacy notice has changed.</b> Please read it and agree before your next "
                "drop.\n\n{notice}\n\nIf you'd rather stop, /forget deletes everything.",
                notice=privacy(retention_days))
    return Screen(text, _agree_buttons("renew", "I agree", more=False))


def privacy_in_full(target: str, retention_days: int) -> Screen:
    """The whole notice, in place of the short one, with the same agreement button."""
    label = "I agree" if target == "renew" else "I agree, let's start"
    text = html("<b>Your privacy, in full</b>\n{notice}", notice=privacy(retention_days))
    return Screen(text, _agree_buttons(target, label, more=False))


def _period(days: int) -> str:
    """365 -> '12 months', 730 -> '24 months', 90 -> '90 days': how long, as people say it."""
    return f"{round(days / 365 * 12)} months" if days % 365 == 0 else f"{days} days"


def privacy(retention_days: int) -> Markup:
    """The notice itself; how long free text is kept comes from the deployment's settings."""
    return html(
        "• <b>What we keep:</b> your Telegram user id and first name, your role, when you like to "
        "learn, your quiz answers, confidence ratings, reflections and feedback. No phone number.\n"
        "• <b>Why:</b> to send you lessons at times that suit you, and to show you your progress.\n"
        "• <b>Who sees it:</b> your coordinator sees progress and quiz results for the cohort, "
        "pseudonymised, and your first name on the list of who is coming to a session.\n"
        "• <b>What your coordinator can read of what you write:</b>\n"
        "  – reflections: only if you choose to with /share, never one you kept privately;\n"
        "  – end-of-module feedback: yes, everyone's, in the cohort's export under a code;\n"
        "  – what you'll try after a session: yes, in the cohort's export under a code.\n"
        "• <b>The practice board:</b> a tip you offer is shown to your cohort only after you confirm "
        "it and a coordinator approves it, with your first name only if you choose; you can withdraw "
        "it at any time, and /forget removes it.\n"
        "• <b>How long:</b> reflections and feedback are deleted {period} after you "
        "last use the course. A copy of each message you send is kept for two or three days, so "
        "nothing is lost if the bot restarts, then deleted.\n"
        "• <b>Your rights:</b> /mydata sends you everything we hold; /forget deletes it all.\n\n"
        "Please never name or identify a child or family in what you write here.",
        period=_period(retention_days))


def role_picker() -> Screen:
    rows = tuple((Button(label, cb(Action.ROLE, key)),) for key, label in ROLES.items())
    return Screen(Markup("Thank you. Which best describes your role?"), rows)


def role_chosen(key: str) -> Markup:
    return html("Role: {role}", role=ROLES[key])


def times_chosen(slots: Collection[str], per_day: int) -> Markup:
    """What joining will do with the times picked: 'Up to 2 drops a day, at 10:30 and 15:45'."""
    clock = sorted(_clock(s) for s in slots)
    at = clock[0] if len(clock) == 1 else ", ".join(clock[:-1]) + " and " + clock[-1]
    return html("Times: {times}\nUp to {drops} a day, at {at}.",
                times=", ".join(describe_slot(s) for s in slots), drops=count(per_day, "drop"), at=at)


def _clock(key: str) -> str:
    return SLOTS[key][-6:-1] if key in SLOTS else describe_slot(key)


def describe_slot(key: str) -> str:
    """A time as a person reads it: 'Morning break (10:30)', or a time of their own, '14:05'."""
    if key in SLOTS:
        return SLOTS[key]
    return f"{key[:2]}:{key[2:]}" if len(key) == 4 and key.isdigit() else key


def slot_picker(chosen: Collection[str]) -> Screen:
    rows = tuple(
        (Button(("✅ " if key in chosen else "▫️ ") + label, cb(Action.SLOT, key)),)
        for key, label in SLOTS.items()
    ) + tuple((Button(f"✅ {describe_slot(key)}", cb(Action.SLOT, key)),)
              for key in chosen if key not in SLOTS)
    another = (Button("➕ Another time", cb(Action.SETTINGS, "addt")),)
    # Done is always there, so no button moves under the thumb when the first time is ticked.
    done = (Button("Done", cb(Action.SLOTS_DONE, "done")),)
    text = Markup(
    "When do a few minutes usually suit you? Pick one or more, or add a time of your own.\n\n"
    "Each lesson (a <i>drop</i>) takes about three minutes. I will never message you in "
    "the evening or at weekends. Later, /settings changes any of this, and lets you have more "
    "drops a day or another time zone."
    )
    return Screen(text, (*rows, another, done))


def weekday_picker(chosen: Collection[int]) -> Screen:
    days = tuple(
        Button(("✅" if i in chosen else "▫️") + name, cb(Action.DAY, f"d{i}"))
        for i, name in enumerate(WEEKDAYS[:5])
    )
    done = (Button("Done", cb(Action.DAYS_DONE, "done")),)
    text = Markup("Which days are you usually in school? Tap to change, then Done.")
    return Screen(text, (days[:3], days[3:], done))


def first_drop_offer(next_slot_text: str | None) -> Screen:
    later = f"at your next break ({next_slot_text})" if next_slot_text else "at your next break"
    return Screen(
        html("You're all set. Would you like your first drop now, or {later}?", later=later),
        ((Button("Now, please", cb(Action.FIRST_DROP, "now")),
          Button("Later", cb(Action.FIRST_DROP, "later"))),),
    )


def scheduled(next_slot_text: str | None) -> Screen:
    when = next_slot_text or "your next break"
    return Screen(html("Lovely. Your first drop will arrive {when}. /next brings one sooner.", when=when))
