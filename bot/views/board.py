"""What people see of the practice board: the offer, the preview, the board, the queue, the digest."""

from __future__ import annotations

from bot.callbacks import Action, cb
from bot.usecases.board import LONGEST, BoardView, TooLong
from bot.views.html import Markup, html
from bot.views.screen import Button, Screen
from lessons.models import Module
from storage.tips import ModuleTipCounts, Tip

PAGE = 5
FEWEST = 5  # below this a count could point at a person: the same rule as the cohort's figures
SESSIONS = "From practice-sharing sessions"

SHARE_LABEL = "💡 Share a tip with your cohort"
ASK_TIP = Markup(
    "What is <b>one short thing</b> you tried, or will try, that a colleague could use? A line or two "
    f"(up to {LONGEST} characters).\n\nPlease don't name or identify a child, family or school: "
    "describe what you did, not who it was for.")
TOO_LONG = Markup(f"That's {{length}} characters: please keep a tip to {LONGEST} or fewer, and send it "
                  "again.")
HOW_SIGNED = Markup("Thank you. Shall colleagues see your first name with it, or no name at all?")
PREVIEW = Markup("<b>This is exactly what your cohort will see</b> once a coordinator approves it:\n\n"
                 "{tip}\n\nOffer it?")
OFFERED = Markup("Thank you: your tip goes to your coordinator, who approves tips before they appear on "
                 "/board. You can withdraw it there at any time.")
NOT_OFFERED = Markup("Not shared: nothing was kept.")
NOT_IN_COHORT = "The board is for learners in a cohort."
GONE = "That tip is no longer on the board."
EMPTY = Markup("📌 <b>Your cohort's board</b>\n\nNo tips yet. At the end of a drop you can share one "
               "short thing you tried: colleagues learn a lot from each other.")
NOTHING_NEW = Markup("No new tips from colleagues this week. /board shows them all.")
REPORTED = "Thank you: it's hidden and your coordinator will look at it."
WITHDRAWN = "Withdrawn: it's no longer on the board or stored."
FROM_EVENT = "💡 Share it with your cohort as a tip"
DIGEST_ON = Markup("📌 <b>Weekly board digest:</b> on. Once a week at most, at one of your times, a "
                   "short note when colleagues in your cohort have shared something.")
DIGEST_OFF = Markup("📌 <b>Weekly board digest:</b> off. /board still shows your cohort's tips.")
REASON = Markup("What should the author hear as the reason? Write one or two kind lines: they see it as "
                "you write it.")


def share_button(drop_id: str) -> Button:
    return Button(SHARE_LABEL, cb(Action.TIP_OFFER, drop_id))


def offer_after(said: Markup, event_id: int) -> Screen:
    """After an event's "what will you try?": the learner may offer the same words as a tip."""
    return Screen(said, ((Button(FROM_EVENT, cb(Action.TIP_FROM_EVENT, str(event_id))),),))


def shown(tip: Tip) -> Markup:
    """A tip as the cohort sees it: the text, and the first name when the author chose to give it."""
    signed = html("— {name}", name=tip.signed) if tip.signed else Markup("— a colleague")
    return html("“{text}” <i>{signed}</i>", text=tip.text, signed=signed)


def sign_choice(tip: Tip, first_name: str) -> Screen:
    tid = str(tip.id)
    named = Button(f"With my first name ({first_name[:20]})", cb(Action.TIP_SIGN, tid, "n"))
    return Screen(HOW_SIGNED, ((named, Button("No name", cb(Action.TIP_SIGN, tid, "a"))),))


def preview(tip: Tip) -> Screen:
    tid = str(tip.id)
    offer = Button("✅ Offer it", cb(Action.TIP_CONFIRM, tid, "y"))
    drop = Button("Don't share", cb(Action.TIP_CONFIRM, tid, "n"))
    return Screen(PREVIEW.format(tip=shown(tip)), ((offer, drop),))


def too_long(result: TooLong) -> Screen:
    return Screen(TOO_LONG.format(length=result.length))


def _heading(module_id: str, modules: dict[str, Module]) -> Markup:
    module = modules.get(module_id)
    return html("<b>Module {n}: {title}</b>", n=module.number, title=module.title) if module \
        else html("<b>{title}</b>", title=SESSIONS)


def board_page(seen: BoardView, page: int, modules: dict[str, Module],
               title: str = "Your cohort's board") -> Screen:
    """One page of tips, newest first, under the heading of the module each relates to."""
    if not seen.tips:
        return Screen(EMPTY)
    pages = (len(seen.tips) + PAGE - 1) // PAGE
    page = max(0, min(page, pages - 1))
    chunk = seen.tips[page * PAGE:(page + 1) * PAGE]
    lines, last, rows = [html("📌 <b>{title}</b>", title=title)], None, []
    for number, tip in enumerate(chunk, start=1):
        if tip.module_id != last:
            lines.append(Markup("\n") + _heading(tip.module_id, modules))
            last = tip.module_id
        lines.append(html("{n}. {tip} · 👍 {useful}", n=number, tip=shown(tip), useful=tip.useful))
        rows.append(_tip_buttons(tip, number, page, tip.author_id == seen.learner.user_id))
    if pages > 1:
        lines.append(html("\nPage {p} of {pages}", p=page + 1, pages=pages))
        rows.append(tuple(Button(label, cb(Action.BOARD, str(p))) for label, p in
                          (("◀️ Newer", page - 1), ("Older ▶️", page + 1)) if 0 <= p < pages))
    return Screen(Markup("\n").join(lines), tuple(rows))


def _tip_buttons(tip: Tip, number: int, page: int, own: bool) -> tuple[Button, ...]:
    tid = str(tip.id)
    useful = Button(f"👍 {number} useful ({tip.useful})", cb(Action.TIP_USEFUL, tid, page))
    if own:
        return (useful, Button(f"↩️ Withdraw {number}", cb(Action.TIP_WITHDRAW, tid, page)))
    return (useful, Button(f"⚠️ Report {number}", cb(Action.TIP_REPORT, tid, page)))


def digest_setting(on: bool) -> Screen:
    flip = Button("Turn it off" if on else "Turn it on", cb(Action.BOARD_DIGEST, "off" if on else "on"))
    return Screen(DIGEST_ON if on else DIGEST_OFF, ((flip,),))


def digest(count: int) -> Screen:
    said = {1: "One thing", 2: "Two things"}.get(count, "Three things")
    return Screen(html("📌 <b>{said} colleagues in your cohort tried this week</b>", said=said),
                  ((Button("Read them", cb(Action.BOARD, "wk")),),))


def published_news(tip: Tip) -> Markup:
    return html("📌 Your tip is now on your cohort's /board:\n\n{tip}", tip=shown(tip))


def declined_news(tip: Tip, reason: str) -> Markup:
    return html("Your coordinator didn't publish your tip:\n\n{tip}\n\n<b>Why:</b> {reason}",
                tip=shown(tip), reason=reason)


def reported_news(tip: Tip) -> Markup:
    return html("⚠️ A tip on your cohort's board was reported and is hidden:\n\n{tip}\n\n/tips {cohort} to "
                "publish it again or remove it.", tip=shown(tip), cohort=tip.cohort_id)


def _count(n: int) -> str:
    return str(n) if n >= FEWEST else "too few to show"


def _count_lines(counts: list[ModuleTipCounts], modules: dict[str, Module]) -> list[Markup]:
    return [html("{head}: offered {o}, published {p}, marked useful {u}",
                 head=_heading(row.module_id, modules), o=_count(row.offered),
                 p=_count(row.published), u=_count(row.useful)) for row in counts]


def stats_section(counts: list[ModuleTipCounts], modules: dict[str, Module]) -> Markup:
    """The board's counts under /stats, with the same small-number rule as the queue."""
    lines = _count_lines(counts, modules) or [Markup("No tips offered yet.")]
    return Markup("\n").join([Markup("<b>Practice board</b> (tips per module)"), *lines])


def queue_summary(cohort_name: str, waiting: int, counts: list[ModuleTipCounts],
                  modules: dict[str, Module]) -> Screen:
    lines = [html("📌 <b>Practice board: {name}</b>", name=cohort_name), *_count_lines(counts, modules)]
    lines.append(html("\n{n} waiting for you.", n=waiting) if waiting else Markup("\nNothing waiting."))
    return Screen(Markup("\n").join(lines))


def queued(tip: Tip) -> Screen:
    what = "Reported (hidden)" if tip.status == "reported" else "Offered"
    tid = str(tip.id)
    text = html("<b>{what}</b>:\n{tip}", what=what, tip=shown(tip))
    if tip.proposed:
        text += html("\n\n<i>Your wording, waiting for the author:</i> “{w}”", w=tip.proposed)
    rows: list[tuple[Button, ...]] = [(Button("✅ Publish", cb(Action.TIP_REVIEW, tid, "y")),
                                       Button("✖️ Decline", cb(Action.TIP_REVIEW, tid, "n")))]
    if tip.status == "offered":  # a reported tip is published back or declined, not reworded
        rows.append((Button("✏️ Suggest a wording", cb(Action.TIP_REVIEW, tid, "e")),))
    return Screen(text, tuple(rows))


ASK_WORDING = Markup("Send the tip as you would publish it: a light edit of the author's words. They see "
                     "it and choose: publish it like that, or keep their own (then it waits here again).")


def wording_sent(tip: Tip, wording: str) -> Markup:
    return html("Sent to the author, who agrees or keeps their words:\n“{w}”", w=wording)


def wording_news(tip: Tip, wording: str) -> Markup:
    """To the author: the coordinator's lighter wording beside their own, for them to choose."""
    return html("✏️ Your coordinator suggests a lighter wording of your tip before it goes on the board."
                "\n\n<b>Yours:</b> “{mine}”\n<b>Suggested:</b> “{w}”\n\nShall it be published like this?",
                mine=tip.text, w=wording)


def wording_buttons(tip_id: int) -> tuple[tuple[Button, ...], ...]:
    tid = str(tip_id)
    return ((Button("✅ Publish it like this", cb(Action.TIP_WORDING, tid, "y")),
             Button("↩️ Keep my words", cb(Action.TIP_WORDING, tid, "n"))),)


WORDING_AGREED = Markup("📌 Published as suggested: it is now on your cohort's /board.")
WORDING_KEPT = Markup("Kept in your own words: it waits for your coordinator again.")


def reviewed(tip: Tip, published: bool) -> Markup:
    return html("{what}:\n{tip}", what="Published" if published else "Declined", tip=shown(tip))


EVENT_TIPS_USAGE = Markup(
    "Which event and which module? For example <code>/eventtips 4 2</code> puts module 2's most useful "
    "tips on event 4's reminders (the event's number is in /events), and <code>/eventtips 4 off</code> "
    "takes them away.")


def event_tips_set(title: str, module: Module | None, tips: list[Tip]) -> Markup:
    """What the coordinator is told: which tips a reminder would carry if it went now."""
    if module is None:
        return html("Reminders for <b>{title}</b> carry no tips now.", title=title)
    head = html("Reminders for <b>{title}</b> will carry up to three of the most useful tips of Module "
                "{n}: {module}, under “Bring one of these to talk about”.", title=title, n=module.number,
                module=module.title)
    if not tips:
        return head + Markup("\n\nNone is published yet: they will appear once there are some.")
    return head + Markup("\n\nIf one went now:\n") + Markup("\n").join(
        html("• “{tip}” · 👍 {u}", tip=t.text, u=t.useful) for t in tips)
