"""What each role is offered: the command menu (ten entries at most) and /help with an example each.

A phone shows about ten menu entries before scrolling, so each menu keeps its role's everyday
commands; /help lists the rest.
"""

from __future__ import annotations

from bot.usecases.roles import Role
from bot.views.commands import HELP as LEARNER_HELP
from bot.views.html import Markup

MENU_LIMIT = 10


_LEARNER: list[tuple[str, str]] = [
    ("next", "Your next drop now"),
    ("progress", "How far you've come"),
    ("journal", "Your reflections: your learning log"),
    ("sessions", "Your cohort's upcoming training and sessions"),
    ("board", "Tips colleagues in your cohort tried"),
    ("settings", "Change your times, days or time zone"),
    ("pause", "Pause lessons for a while (/resume starts them again)"),
    ("certificate", "Your certificate, once you finish the course"),
    ("mydata", "Everything stored about you (/forget deletes it)"),
    ("help", "What this bot does"),
]
_COORDINATOR: list[tuple[str, str]] = [
    ("cohorts", "Your cohorts, their numbers and invite links"),
    ("stats", "How a cohort is doing: /stats 3"),
    ("broadcast", "Message a cohort: /broadcast 3"),
    ("events", "A cohort's events and their numbers: /events 3"),
    ("addevent", "Add a training day or session"),
    ("rsvps", "Who is going, and who came: /rsvps 4"),
    ("invite", "Invite link and QR code: /invite 3"),
    ("newcohort", "Create a cohort: /newcohort Name"),
    ("dashboard", "The coordinators' dashboard"),
    ("help", "Your commands, with an example each"),
]
_ADMIN: list[tuple[str, str]] = [
    ("cohorts", "Every cohort, its number and invite link"),
    ("stats", "How a cohort is doing: /stats 3"),
    ("broadcast", "Message a cohort: /broadcast 3"),
    ("events", "A cohort's events and their numbers: /events 3"),
    ("newcohort", "Create a cohort: /newcohort Name"),
    ("invite", "Invite link and QR code: /invite 3"),
    ("promote", "Make someone a coordinator: /promote 1234 3"),
    ("demote", "Stop someone coordinating: /demote 1234 3"),
    ("dashboard", "The coordinators' dashboard"),
    ("help", "Your commands, with an example each"),
]
_MENUS = {Role.LEARNER: _LEARNER, Role.COORDINATOR: _COORDINATOR, Role.ADMIN: _ADMIN}


def menu(role: Role) -> list[tuple[str, str]]:
    """The command menu for a role, as (command, description) pairs."""
    return list(_MENUS[role])


_COORDINATOR_HELP = Markup(
    "<b>#KeepThePromise: your coordinator commands</b>\n"
    "A cohort's number is in /cohorts; an event's number is in /events followed by the cohort's.\n\n"
    "<b>Cohorts</b>\n"
    "/cohorts: your cohorts with their numbers, learners and invite links\n"
    "/newcohort Dundee cluster 2026: create a cohort and its invite\n"
    "/rename 3 Dundee cluster: rename cohort 3\n"
    "/invite 3: cohort 3's invite link and QR code (add rotate, close or open to change it)\n"
    "/calendar 3: cohort 3's terms, holidays and in-service days\n"
    "/move 1234 3: move learner 1234 (their Telegram user id, shown in their /mydata) to cohort 3\n\n"
    "<b>Messages and figures</b>\n"
    "/broadcast 3: message cohort 3, with a preview first\n"
    "/broadcast 3 2026-12-01 08:30: the same, sent at that time\n"
    "/stats 3: how cohort 3 is doing, as text and a chart\n"
    "/dashboard: the same and more, on a web page\n\n"
    "<b>Events</b>\n"
    "/events 3: cohort 3's upcoming events and their numbers\n"
    "/addevent 3 | Practice-sharing | online | 2026-12-03 15:45 | 2026-12-03 17:00 | https://link\n"
    "/editevent 4 | 2026-12-03 16:00 | 2026-12-03 17:15 | new place: move event 4\n"
    "/cancelevent 4: cancel event 4 and tell those going\n"
    "/rsvps 4: who is going to event 4, and afterwards who came\n"
    "/eventtips 4 2: event 4's reminders carry module 2's most useful tips (off takes them away)"
)
_ADMIN_HELP = Markup(
    "\n\n<b>Admin</b>\n"
    "/promote 1234 3: make user 1234 a coordinator of cohort 3\n"
    "/demote 1234 3: user 1234 stops coordinating cohort 3\n"
    "/sharetip 12 3: ask the author of tip 12 whether cohort 3 may see it too"
)
_AS_LEARNER = Markup(
    "\n\n<b>As a learner</b>\n/next, /progress, /journal, /sessions, /settings, /pause, /resume, "
    "/certificate, /mydata, /forget and /share work for you too."
)


def help_text(role: Role) -> Markup:
    """/help for a role: learners get the course; coordinators and admins their commands first."""
    if role is Role.LEARNER:
        return LEARNER_HELP
    extra = _ADMIN_HELP if role is Role.ADMIN else Markup()
    return _COORDINATOR_HELP + extra + _AS_LEARNER
