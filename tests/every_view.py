"""Every view builder, rendered with the same given values: what the bot can say, in one list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from bot.usecases.board import BoardView, TooLong
from bot.usecases.cohort_stats import ModuleLine, Summary
from bot.usecases.learning import Advance
from bot.usecases.pending import Pending, PendingKind
from bot.usecases.record import Entry, ModuleRecord, Record
from bot.usecases.roles import Role
from bot.usecases.safeguard import Screening
from bot.usecases.sharing import Offer
from bot.usecases.terms import PRIVACY_VERSION
from bot.usecases.welcome_back import Return
from bot.views import board as board_views
from bot.views import (
    charts,
    coordinator,
    events,
    joining,
    journal,
    learning,
    outgoing,
    pacing,
    pending,
    privacy,
    record,
    safeguard,
)
from bot.views import commands as command_views
from bot.views import dashboard as dashboard_views
from bot.views import help as help_views
from bot.views import settings as settings_views
from bot.views import steps as step_views
from bot.views import tip_share as share_views
from bot.views import welcome_back as welcome_views
from bot.views.html import Markup
from bot.views.screen import Screen
from lessons.models import ConfidenceStep, QuizStep
from lessons.progress import CourseMap
from scheduler import outgoing as out
from storage.events import Event
from storage.learners import Learner
from storage.progress import Reflection
from storage.tips import ModuleTipCounts, Tip
from tests.conftest import tiny_course

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Said:
    """One thing the bot can send: a message (text and buttons) or a caption under a file."""

    view: str
    screen: Screen
    caption: bool = False


def _event(value: str, number: int) -> Event:
    # The handlers keep a title to 120 characters, a place to 300 and a description to 600.
    return Event(number, 1, value[:120], "online", NOW + timedelta(days=2), NOW + timedelta(days=2, hours=1),
                 value[:300], value[:600], False, 1)


def _learner(value: str) -> Learner:
    return Learner(7, 7, value, 1, "psa", PRIVACY_VERSION, ("morning", "1405"), (0, 2, 4), 2,
                   "Europe/London", "active", None, NOW + timedelta(hours=1), None, NOW, NOW, False)


def _record(value: str, number: int) -> Record:
    course = tiny_course()
    module = course.modules[0]
    reflection = Reflection(number, "s", "reflect", value, NOW, NOW)
    entries = [Entry(reflection, module, value[:120])] * 3  # a prompt from the course
    line = ModuleRecord(module, 1, 2, number, number, 2.5, 4.0, 3.0)
    return Record(value[:64], entries, [line], 12.0, None)


def _finished() -> Advance:
    """The end of the tiny course's first drop, with its next one due."""
    drop = tiny_course().modules[0].drops[0]
    return Advance(finished=drop, next_due=NOW + timedelta(days=1))


def _course_screens() -> list[Said]:
    course = tiny_course()
    said: list[Said] = []
    for module in course.modules:
        for drop in module.drops:
            for step in drop.steps:
                said.append(Said("step_screen", step_views.step_screen(module, drop, step)))
                if isinstance(step, QuizStep):
                    said.append(Said("recall_screen", step_views.recall_screen(step)))
                    said += [Said("quiz_answered", step_views.quiz_answered(step, i))
                             for i in range(len(step.options))]
                if isinstance(step, ConfidenceStep):
                    said.append(Said("confidence_answered",
                                     step_views.confidence_answered(module.statement(step.statement), 3)))
    module = course.modules[0]
    drop = module.drops[0]
    for advance in (Advance(shown=(module, drop, drop.steps[0]), finished=drop),
                    Advance(finished=drop, module_done=module, next_due=NOW),
                    Advance(finished=drop, course_done=True), Advance(course_done=True)):
        said += [Said("after", s) for s in learning.after(advance, NOW)]
    return said


def every_screen(value: str, number: int) -> list[Said]:
    """Each view with value wherever a person's words or a name go, and number wherever a count goes."""
    return (_learners_see(value, number) + _coordinators_see(value, number) + _course_screens()
            + _outbox_screens(value, number) + [Said(name, Screen(text)) for name, text in _constants()])


def _outbox_screens(value: str, number: int) -> list[Said]:
    """What the sender sends for each kind of outbox message, and what a dropped question says."""
    course = CourseMap(tiny_course())
    step_id = course.course.modules[0].drops[0].steps[0].id
    event = _event(value, number)
    text = str(events.reminder_text(event, NOW, "UTC"))  # queued already rendered
    facts = out.EventFacts(title=event.title, kind=event.kind, starts_at=event.starts_at,
                           ends_at=event.ends_at, place=event.place, description=event.description,
                           tz="Europe/London")
    messages: list[out.Message] = [
        out.DropCard(drop_id=course.course.modules[0].drops[0].id), out.Nudge(step_id=step_id),
        out.Snoozed(step_id=step_id), out.InService(), out.AskPause(), out.ConsentRenewal(version="v"),
        out.PausedQuietly(), out.AskBack(step_id=step_id), out.AskBack(),
        out.EventReminder(event_id=number, text=text),  # queued by an earlier release
        out.EventReminder(event_id=number, facts=facts, tips=(value[:280],) * 3),
        out.EventReminder(event_id=number, facts=facts, going=True),
        out.EventReminder(event_id=number, facts=facts, changed=True),
        out.EventFollowUp(event_id=number, text=text), out.EventCancelled(text=text),
        out.EventFollowUp(event_id=number, title=value[:120]), out.EventCancelled(title=value[:120]),
        out.Broadcast(text=text), out.TipNews(text=text), out.Digest(count=number),
        out.TipNews(text=text, share_of=number, share_to=number), out.TipWaiting(cohort_id=number)]
    rendering = outgoing.Rendering(course, 365, NOW)
    said = [Said(type(m).__name__, s) for m in messages for s in outgoing.render(m, rendering) or []]
    said += [Said(f"dropped_{kind.value}", pending.dropped(Pending(kind, value))) for kind in PendingKind]
    return [*said, Said("dashboard_sign_in", dashboard_views.sign_in("https://example.org/s?t=abc", number))]


def _learners_see(value: str, number: int) -> list[Said]:
    learner, entries = _learner(value[:64]), _record(value, number).entries
    when = value[:40]  # a time as timing.when writes it
    screening = Screening(False, (value, value))
    event = _event(value, number)
    return [
        Said("welcome_back", joining.welcome_back(value[:64])),  # Telegram keeps first names to 64
        Said("privacy_notice", joining.privacy_notice(value[:80], "abc123", number % 4000 + 1)),
        Said("privacy_in_full", joining.privacy_in_full("abc123", number % 4000 + 1)),
        Said("privacy_renewal", joining.privacy_renewal(365)),
        Said("role_picker", joining.role_picker()),
        Said("slot_picker", joining.slot_picker(("morning", "1405"))),
        Said("weekday_picker", joining.weekday_picker((0, 1))),
        Said("first_drop_offer", joining.first_drop_offer(when)),
        Said("scheduled", joining.scheduled(when)),
        Said("role_chosen", Screen(joining.role_chosen("psa"))),
        Said("times_chosen", Screen(joining.times_chosen(("morning", "1405"), 2))),
        Said("settings", settings_views.summary(learner, NOW, settings_views.SAVED)),
        Said("settings_times", settings_views.times(learner)),
        Said("settings_days", settings_views.days(learner)),
        Said("reflection_saved", step_views.reflection_saved("reflect", value)),
        Said("feedback_saved", step_views.reflection_saved("feedback", value)),
        Said("skipped", step_views.skipped("reflect")),
        *(Said("saved_and_done", screen) for screen in learning.after(
            _finished(), NOW, [step_views.reflection_saved("reflect", value)], [record.streak_grew(number)])),
        Said("snooze_choices", pacing.snooze_choices("m1-d1-s1")),
        Said("snoozed", pacing.snoozed(when)),
        Said("ask_pause", pacing.ask_pause()),
        Said("ask_back", pacing.ask_back(value[:40])),
        Said("in_service_offer", pacing.in_service_offer()),
        Said("forget_confirm", privacy.forget_confirm()),
        Said("journal_page", journal.page(entries, 0)),
        Said("journal_empty", journal.page([], 0)),
        Said("confirm_delete", journal.confirm_delete(number)),
        Said("not_kept", safeguard.not_kept(screening)),
        Said("safeguard_names", safeguard.safeguard_notice(screening, number)),
        Said("safeguard_concern", safeguard.safeguard_notice(Screening(True, ()), number)),
        Said("share_offer", privacy.share_offer(Offer(False, number, (value,)))),
        Said("share_offer_none", privacy.share_offer(Offer(False, 0, ()))),
        Said("held_names", safeguard.held_notice(screening, number)),
        Said("held_concern", safeguard.held_notice(Screening(True, ()), number)),
        *[Said("released", Screen(safeguard.released(concern, kept))) for concern in (False, True)
          for kept in (False, True)],
        Said("progress", command_views.progress(_record(value, number), number, NOW, "UTC", NOW, False)),
        Said("module_summary", record.module_summary(_record(value, number).modules[0], number,
                                                     Advance(next_due=NOW), NOW)),
        Said("streak_grew", record.streak_grew(number)),
        Said("certificate_caption", Screen(record.certificate_caption(value[:80], "KTP-2345-6789")),
             caption=True),
        Said("reminder", Screen(events.reminder_text(event, NOW, "Europe/London"), events.buttons(number))),
        Said("follow_up", Screen(events.follow_up_text(event.title), events.follow_up_buttons(number))),
        Said("cancelled_notice", Screen(events.cancelled_notice(event.title))),
        Said("changed_notice", Screen(events.changed_notice(event, NOW, "Europe/London"))),
        Said("answered_card", Screen(events.answered_card(events.reminder_text(event, NOW, "UTC"), True))),
        *[Said("sessions", s) for s in events.sessions([(event, "going"), (event, None)], NOW, "UTC")],
        Said("media", Screen(learning.MEDIA.format(what=value[:40]))),
        Said("ics_caption", Screen(events.ics_caption(event)), caption=True),
        *_board_seen(value, number, learner),
    ]


def _board_seen(value: str, number: int, learner: Learner) -> list[Said]:
    # The use case keeps a tip to 280 characters and a signature to 40.
    tip = Tip(number, number, 1, "t1", value[:280], value[:40], "published", "", NOW, NOW, number)
    mine = Tip(number + 1, learner.user_id, 1, "", value[:280], "", "reported", "", NOW, NOW)
    modules = {m.id: m for m in tiny_course().modules}
    seen = BoardView(learner, [tip, mine] * 4)
    return [
        Said("board_page", board_views.board_page(seen, 1, modules)),
        Said("board_empty", board_views.board_page(BoardView(learner, []), 0, modules)),
        Said("sign_choice", board_views.sign_choice(tip, value[:64])),
        Said("tip_preview", board_views.preview(tip)),
        Said("tip_too_long", board_views.too_long(TooLong(number))),
        Said("offer_after", board_views.offer_after(events.TRY_SAVED, number)),
        Said("digest", board_views.digest(3)),
        Said("digest_setting", board_views.digest_setting(True)),
        Said("digest_setting_off", board_views.digest_setting(False)),
        Said("published_news", Screen(board_views.published_news(tip))),
        Said("declined_news", Screen(board_views.declined_news(tip, value[:500]))),
        Said("reported_news", Screen(board_views.reported_news(tip))),
        Said("queue_summary", board_views.queue_summary(value[:80], number, [
            ModuleTipCounts("t1", number, number, number), ModuleTipCounts("", 2, 1, 0)], modules)),
        Said("queued", board_views.queued(mine)),
        Said("queued_with_wording", board_views.queued(Tip(number, learner.user_id, 1, "t1", value[:280], "",
                                                           "offered", "", NOW, None, 0, value[:280]))),
        Said("wording_news", Screen(board_views.wording_news(tip, value[:280]),
                                    board_views.wording_buttons(number))),
        Said("wording_sent", Screen(board_views.wording_sent(tip, value[:280]))),
        Said("event_tips_set", Screen(board_views.event_tips_set(value[:120], tiny_course().modules[0],
                                                                 [tip, tip, tip]))),
        Said("board_stats", Screen(board_views.stats_section(
            [ModuleTipCounts("t1", number, number, number)], modules))),
        Said("reviewed", Screen(board_views.reviewed(tip, True))),
        Said("share_after_drop", Screen(Markup("x"), ((board_views.share_button("t1-d1"),),))),
        Said("welcome_back", welcome_views.welcome_back(Return(value[:64], 2, 4, 9, False))),
        Said("welcome_back_finished", welcome_views.welcome_back(Return(value[:64], 0, 0, 0, True))),
        Said("share_ask", Screen(Markup(share_views.ask_author(tip, value[:80])),
                                 share_views.share_buttons(number, number))),
        Said("share_asked", Screen(share_views.asked(tip))),
        Said("tip_waiting", share_views.waiting(number)),
    ]


def _coordinators_see(value: str, number: int) -> list[Said]:
    # Titles and questions come from the course, whose rules keep them short.
    summary = Summary(number, number, [ModuleLine(1, value[:120], number, 2.0, None)],
                      [(value[:120], number)], [(value[:300], number, number)], number)
    event, name = _event(value, number), value[:80]  # the use cases keep a cohort's name to 80
    funnel = ((1, value[:120], number),)
    return [
        Said("invite", coordinator.invite(name, "https://t.me/ktp_bot?start=abc")),
        Said("cohort_list", coordinator.cohort_list([(number, name, "https://t.me/x", number, False)],
                                                    without_calendar=frozenset({number}))),
        Said("cohort_list_dashboard", coordinator.cohort_list(
            [(number, name, "https://t.me/x", number, True)], "https://ktp.example/app")),
        Said("ask_term_dates", Screen(coordinator.ASK_TERM_DATES)),
        Said("stats_without_calendar", coordinator.stats(name, summary, number)),
        Said("broadcast_progress", Screen(coordinator.progress({"sent": number}, number, True))),
        Said("stats", coordinator.stats(name, summary)),
        Said("chart_caption", Screen(charts.chart_caption(replace(summary, funnel=funnel))), caption=True),
        Said("chart_caption_new", Screen(charts.chart_caption(Summary(number, 0, [], [], [], 0))),
             caption=True),
        Said("calendar_shown", coordinator.calendar_shown(name, {"holidays": [
            {"start": "2027-02-15", "end": "2027-02-19", "name": name}]})),
        Said("calendar_problems", coordinator.calendar_problems([value[:200]])),
        Said("rsvp_list", events.rsvp_list(event.title, [(value[:64], "going", True)] * 3)),
        *[Said("broadcast_preview", s)
          for s in coordinator.preview(number, Markup("<b>Hello</b>"), number, value[:40])],
        # What handlers fill into the views' templates.
        Said("promoted", Screen(coordinator.PROMOTED.format(user=number, cohort=name))),
        Said("demoted", Screen(coordinator.DEMOTED.format(user=number, cohort=name))),
        Said("now_coordinator", coordinator.now_coordinator(name)),
        Said("coordinator_invite_spent", Screen(coordinator.COORDINATOR_INVITE_SPENT)),
        Said("renamed", Screen(coordinator.RENAMED.format(number=number, name=name))),
        Said("moved", Screen(coordinator.MOVED.format(user=number, cohort=name))),
        Said("write_broadcast", Screen(coordinator.WRITE_BROADCAST.format(cohort=name, count=number))),
        Said("bad_html", Screen(coordinator.bad_html(value[:200]))),
        Said("event_added", Screen(events.ADDED.format(title=event.title, number=number, cohort=number))),
        Said("cohort_events", events.cohort_event_list(name, [(event, [value[:64]] * 3)] * 3, NOW, "UTC")),
        Said("invite_closed", Screen(coordinator.INVITE_CLOSED.format(name=name, number=number))),
        Said("held_quiet", Screen(coordinator.HELD_QUIET.format(when=value[:40]))),
        *[Said(f"help_{role}", Screen(help_views.help_text(role))) for role in Role],
        Said("event_cancelled", Screen(events.CANCELLED.format(title=event.title))),
        Said("event_edited", Screen(events.EDITED.format(title=event.title, count=number))),
        Said("qr_caption", Screen(coordinator.qr_caption(name)), caption=True),
    ]


def _constants() -> list[tuple[str, Markup]]:
    """Every fixed text in the views (usage lines, notices, questions)."""
    found = []
    for module in (board_views, coordinator, dashboard_views, events, help_views, outgoing, pending, joining,
                   journal, learning, pacing, privacy, record, safeguard, settings_views, step_views,
                   command_views):
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, Markup) and value:
                found.append((f"{module.__name__}.{name}", value))
    return found
