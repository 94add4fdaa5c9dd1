"""What coordinators see: cohorts and invite links, broadcast previews and progress, stats."""

from __future__ import annotations

from typing import Any

from bot.callbacks import Action, cb
from bot.usecases.cohort_stats import FEW, Summary, confidence_words, count_words, hidden, shown
from bot.views.dashboard import MENU_BUTTON as DASHBOARD_BUTTON
from bot.views.html import Markup, html
from bot.views.plural import count as counted
from bot.views.screen import Button, Screen, WebAppButton
from lessons.markup import plain

NOT_ALLOWED = Markup("Sorry, that's only for the coordinators of a cohort.")
WHICH_COHORT = Markup("Which cohort? Add its number, for example {example}. /cohorts lists yours.")
NO_NAME = Markup("Give the cohort a name, for example: /newcohort Dundee cluster 2026")
_WHERE_USER = ("\nThe user id is the number a learner sees at the top of their /mydata file; "
               "/cohorts lists cohort numbers.")
_WHERE_COHORT = "\n/cohorts lists your cohorts with their numbers."
PROMOTE_USAGE = html("Use it like this: /promote {args}{where}", args="<Telegram user id> <cohort number>",
                     where=_WHERE_USER)
PROMOTED = Markup("Done: {user} is now a coordinator of {cohort}.")
DEMOTE_USAGE = html("Use it like this: /demote {args}{where}", args="<Telegram user id> <cohort number>",
                    where=_WHERE_USER)
DEMOTED = Markup("Done: {user} no longer coordinates {cohort}.")
NOT_A_COORDINATOR = Markup("{user} wasn't a coordinator of {cohort}, so nothing changed.")
RENAME_USAGE = html("Use it like this: /rename {args}{where}", args="<cohort number> <new name>",
                    where=_WHERE_COHORT)
COORDINATOR_INVITE_SPENT = Markup("This coordinator invite has already been used or has expired. "
                                  "Ask the admin for a new one.")
RENAMED = Markup("Done: cohort {number} is now called <b>{name}</b>.")
WRITE_BROADCAST = (Markup("Send me the message for <b>{cohort}</b> ({count}). You can use bold and "
                   "italics. You'll see a preview before anything is sent."))
INVITE_CLOSED = Markup("Closed: the invite link for <b>{name}</b> no longer lets anyone join. Learners "
                       "already in the cohort carry on. /invite {number} open opens it again.")
CANCELLED = Markup("Cancelled: nothing was sent.")
BAD_WHEN = (Markup("To schedule it, give a future date and time outside the evening and weekend, "
            "like: /broadcast 3 2026-12-01 08:30"))
MOVE_USAGE = html("Use it like this: /move {args}{where}", args="<Telegram user id> <cohort number>",
                  where=_WHERE_USER)
MOVED = Markup("Done: learner {user} is now in {cohort}. Their progress goes with them.")
HELD_QUIET = Markup("🌙 It's quiet hours for learners now, so it goes out {when}, when their day starts.")
_ALLOWED = ("<b>bold</b>, <i>italic</i>, <u>underline</u>, <s>strike</s>, <a href=\"...\">link</a>, "
            "<code>code</code>, <pre>block</pre>, <blockquote>quote</blockquote>, "
            "<tg-spoiler>spoiler</tg-spoiler>")


def bad_html(problem: str) -> Markup:
    """What to fix in a broadcast's formatting, and the tags Telegram does accept."""
    return html("That message has formatting Telegram can't show: {problem}.\n\nThe tags you can use: "
                "{allowed}. Or use bold and italics from Telegram's own menu. Nothing was sent: send "
                "the message again, corrected.", problem=problem, allowed=_ALLOWED)



def qr_caption(name: str) -> Markup:
    return html("QR code for {name}", name=name)


def invite(name: str, link: str) -> Screen:
    return Screen(html("<b>{name}</b>\nInvite link: {link}\n\nShare it with the staff who will learn; "
                       "it opens the bot and joins them to this cohort.", name=name, link=link))


def now_coordinator(cohort: str) -> Screen:
    return Screen(html("Welcome: you are now a coordinator of <b>{cohort}</b>.\n"
                       "/cohorts shows it with its invite link; /help lists everything you can do.",
                       cohort=cohort))


def no_calendar(number: int) -> Markup:
    """Said wherever a cohort without term dates is shown, so that it gets them."""
    return html("📅 No calendar yet: lessons go out all year except 25-26 December and 1-2 January. "
                "/calendar {number} sets its term dates.", number=number)


ASK_TERM_DATES = Markup(
    "📅 Next, the term dates, so no lessons go out in the holidays. Reply with a line for each, "
    "day first:\n<code>Term 1: 18/08/2026 - 09/10/2026\nTerm 2: 26/10/2026 - 22/12/2026\n"
    "Term 3: 06/01/2027 - 26/03/2027\nTerm 4: 12/04/2027 - 25/06/2027</code>\n"
    "Other breaks and in-service days can go on lines too, like <code>February break: 15/02/2027 - "
    "19/02/2027</code> or <code>In-service: 17/08/2026, 22/02/2027</code>. Until then nothing goes out "
    "on 25-26 December or 1-2 January.")


def cohort_list(rows: list[tuple[int, str, str, int, bool]], dashboard: str = "",
                without_calendar: frozenset[int] = frozenset()) -> Screen:
    """The cohorts with their links; a button opening the dashboard as a Mini App when it is on."""
    buttons = ((WebAppButton(DASHBOARD_BUTTON, dashboard),),) if dashboard else ()
    if not rows:
        return Screen(Markup("You have no cohorts yet. /newcohort Name creates one."), buttons)
    lines = [Markup("<b>Your cohorts</b>")]
    for number, name, link, learners, open_ in rows:
        state = "" if open_ else " (invite closed)"
        lines.append(html("\n<b>{number}. {name}</b>: {learners}{state}\n{link}",
                          number=number, name=name, learners=counted(learners, "learner"), state=state,
                          link=link))
        if number in without_calendar:
            lines.append(no_calendar(number))
    return Screen(Markup("\n").join(lines), buttons)


def preview(broadcast_id: int, text: Markup, count: int, later: str | None = None) -> list[Screen]:
    timing = f" {later}" if later else ""
    return [Screen(Markup("Here is your message exactly as learners will see it:")),
            Screen(text),
            Screen(html("Send it to {count}{timing}?", count=counted(count, "learner"), timing=timing),
                   ((Button(f"Send to {count}" + (" then" if later else ""),
                            cb(Action.BROADCAST_SEND, str(broadcast_id))),
                     Button("Cancel", cb(Action.BROADCAST_CANCEL, str(broadcast_id)))),))]


def progress(counts: dict[str, int], total: int, done: bool) -> Markup:
    sent, blocked, failed = counts.get("sent", 0), counts.get("blocked", 0), counts.get("failed", 0)
    head = "✅ Broadcast finished" if done else "📤 Sending your broadcast"
    return html("{head}: {handled} of {total} handled.\n"
                "Delivered {sent} · blocked the bot {blocked} · failed {failed}", head=head,
                handled=sent + blocked + failed, total=total, sent=sent, blocked=blocked, failed=failed)


def stats(name: str, summary: Summary, without_calendar: int | None = None) -> Screen:
    """The cohort's figures; without_calendar is the cohort's number when it has no term dates."""
    lines = [html("📊 <b>{name}</b>", name=name), f"Enrolled: {summary.enrolled}",
             f"Active in the last 7 days: {summary.active_7d}", f"Reflections written: {summary.reflections}",
             "", Markup("<b>Completed each module</b>")]
    for m in summary.modules:
        shift = ""
        if m.rated_before:
            shift = (f" · confidence {confidence_words(m.before, m.rated_before)} → "
                     f"{confidence_words(m.after, m.rated_after)}")
        lines.append(f"Module {m.number}: {count_words(m.completed)}{shift}")
    lines += _stops(summary)
    if summary.hardest:
        lines += ["", Markup("<b>Most often missed</b> (first tries)")]
        lines += [f"{wrong} of {n}: {plain(q)}" for q, wrong, n in summary.hardest]
    if summary.hidden_questions:
        lines += ["", f"Missed questions answered by fewer than {FEW}: too few to show "
                      f"({summary.hidden_questions})."]
    if without_calendar is not None:
        lines += ["", no_calendar(without_calendar)]
    return Screen(Markup("\n").join(lines))


def _stops(summary: Summary) -> list[str | Markup]:
    """The drops most learners stopped before; where fewer than FEW stopped, only how many such drops."""
    stops = sorted((s for s in summary.stops if shown(s[1])), key=lambda s: -s[1])[:3]
    few = hidden([n for _, n in summary.stops])
    if not stops and not few:
        return []
    lines: list[str | Markup] = ["", Markup("<b>Where learners stop</b> (last drop finished before)")]
    lines += [f"{title}: {n}" for title, n in stops]
    if few:
        lines.append(f"Drops where fewer than {FEW} stopped: too few to show ({few}).")
    return lines


CALENDAR_HELP = Markup(
    Markup("To set it, send /calendar N and the dates on the lines below, for example:\n"
    "<code>/calendar 3\nterms:\n  - {start: 2027-01-06, end: 2027-03-31}\nholidays:\n"
    "  - {start: 2027-02-15, end: 2027-02-19, name: February break}\nin_service: [2027-02-22]</code>")
)


def calendar_shown(name: str, calendar: dict[str, Any]) -> Screen:
    def spans(key: str) -> str:
        items = calendar.get(key, [])
        return "\n".join(f"  {i['start']} to {i['end']} {i.get('name', '')}" for i in items) or "  none"
    days = ", ".join(str(d) for d in calendar.get("in_service", [])) or "none"
    return Screen(html("<b>{name}: calendar</b>\nTerms:\n{terms}\nHolidays:\n{holidays}\n"
                       "In-service days: {days}\n\n{help}", name=name, terms=spans("terms"),
                       holidays=spans("holidays"), days=days, help=CALENDAR_HELP))


def calendar_problems(problems: list[str]) -> Screen:
    listed = "\n".join(f"• {p}" for p in problems)
    return Screen(html("I couldn't use those dates:\n{listed}\n\nNothing was changed.", listed=listed))
