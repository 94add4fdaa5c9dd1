"""Coordinators in the chat: their own help and short menus, numbers that say where to find them,
closing an invite, broadcasts held in quiet hours or refused for markup."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.views.coordinator import NOT_ALLOWED
from tests.conftest import FakeClock
from tests.journey import Journey

ADMIN, COORD, LEARNER = 1, 500, 11


async def _cohort(journey: Journey) -> int:
    """Cohort 'Dundee cluster', coordinated by COORD, with one learner."""
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send("/newcohort Dundee cluster")
    await admin.wait_for(lambda m: m.photo is not None)
    async with journey.services.store.read() as tx:
        (cohort,) = await tx.cohorts.all()
    await journey.enrol(LEARNER, code=cohort.invite_code)
    coord = journey.standin.user(COORD, "Fiona")
    await coord.send("/progress")  # has written to the bot, as Telegram requires for a chat menu
    await coord.wait_for(lambda m: True)
    await admin.send(f"/promote {COORD} {cohort.id}")
    await admin.wait_for("is now a coordinator")
    return cohort.id


async def test_each_role_has_a_menu_of_at_most_ten_commands(journey: Journey) -> None:
    await _cohort(journey)
    standin = journey.standin
    learner, coordinator, admin = (standin.commands(), standin.commands(f"chat:{COORD}"),
                                   standin.commands(f"chat:{ADMIN}"))
    for menu in (learner, coordinator, admin):
        assert 0 < len(menu) <= 10 and "help" in menu
    assert "next" in learner and "broadcast" not in learner
    assert {"cohorts", "stats", "broadcast", "events"} <= set(coordinator)
    assert "promote" not in coordinator and "promote" in admin


async def test_coordinators_and_admins_get_their_own_help(journey: Journey) -> None:
    await _cohort(journey)
    coord, admin = journey.standin.user(COORD), journey.standin.user(ADMIN)
    learner = journey.standin.user(LEARNER)
    await coord.send("/help")
    mine = await coord.wait_for("your coordinator commands")
    for example in ("/stats 3", "/broadcast 3", "/events 3", "/rsvps 4", "/invite 3", "/move 1234 3"):
        assert example in mine.plain
    assert "/promote" not in mine.plain
    await admin.send("/help")
    assert "/promote 1234 3" in (await admin.wait_for("your coordinator commands")).plain
    await learner.send("/help")
    theirs = await learner.wait_for("I send you short lessons")
    assert "/broadcast" not in theirs.plain


async def test_a_learner_typing_a_coordinator_command_is_told_it_is_for_coordinators(
        journey: Journey) -> None:
    await _cohort(journey)
    learner = journey.standin.user(LEARNER)
    for command in ("/stats", "/broadcast", "/invite", "/events", "/events 1", "/rsvps", "/calendar",
                    "/cancelevent", "/addevent", "/move", "/rename", "/cohorts"):
        before = len(learner.messages)
        await learner.send(command)
        said = await learner.wait_for(lambda m, n=before: learner.messages.index(m) >= n)
        assert said.plain == NOT_ALLOWED, command


async def test_events_lists_a_cohorts_events_with_their_numbers(journey: Journey) -> None:
    cohort = await _cohort(journey)
    coord = journey.standin.user(COORD)
    await coord.send(f"/addevent {cohort} | Training day | training | 2026-12-03 09:00 | "
                     "2026-12-03 15:00 | Dundee")
    added = await coord.wait_for("Added: Training day")
    async with journey.services.store.read() as tx:
        (event,) = await tx.events.upcoming(journey.clock.now(), cohort)
    assert f"event {event.id}" in added.plain and f"/events {cohort}" in added.plain
    await coord.send(f"/events {cohort}")
    listed = await coord.wait_for("upcoming events")
    assert f"{event.id}. Training day" in listed.plain
    assert "on Thu 3 Dec at 09:00" in listed.plain and "0 going" in listed.plain
    assert f"/rsvps {event.id}" in listed.plain


async def test_every_command_that_needs_a_number_says_where_to_find_it(journey: Journey) -> None:
    await _cohort(journey)
    coord = journey.standin.user(COORD)
    for command, where in (("/stats", "/cohorts"), ("/events", "/cohorts"), ("/rsvps", "/events 3"),
                           ("/cancelevent", "/events 3"), ("/editevent", "/events 3"),
                           ("/addevent", "/cohorts"), ("/rename", "/cohorts"), ("/move", "/mydata"),
                           ("/invite", "/cohorts")):
        before = len(coord.messages)
        await coord.send(command)
        said = await coord.wait_for(lambda m, n=before: coord.messages.index(m) >= n)
        assert where in said.plain, command


async def test_closing_an_invite_confirms_without_sending_the_link_to_share(journey: Journey) -> None:
    cohort = await _cohort(journey)
    coord = journey.standin.user(COORD)
    before = len(coord.messages)
    await coord.send(f"/invite {cohort} close")
    said = await coord.wait_for("Closed: the invite link for Dundee cluster")
    assert f"/invite {cohort} open" in said.plain
    await coord.send("/cohorts")
    await coord.wait_for("invite closed")
    since = coord.messages[before:]
    assert not any(m.photo is not None for m in since)
    assert not any("Share it with" in m.plain for m in since)


async def _broadcast(journey: Journey, cohort: int, text: str) -> None:
    coord = journey.standin.user(COORD)
    await coord.send(f"/broadcast {cohort}")
    await coord.wait_for("Send me the message for")
    await coord.send(text)


async def test_a_broadcast_sent_in_quiet_hours_says_when_it_will_go(journey: Journey,
                                                                   clock: FakeClock) -> None:
    cohort = await _cohort(journey)
    clock.set(datetime(2026, 11, 28, 11, 0, tzinfo=UTC))  # a Saturday
    await _broadcast(journey, cohort, "Training on Thursday")
    coord = journey.standin.user(COORD)
    ask = await coord.wait_for("Send it to")
    await coord.press(ask.labels[0], message=ask)
    held = await coord.wait_for("quiet hours")
    assert "goes out on Monday at 07:30" in held.plain


async def test_a_broadcast_sent_in_the_day_says_nothing_of_quiet_hours(journey: Journey) -> None:
    cohort = await _cohort(journey)
    await _broadcast(journey, cohort, "Training on Thursday")
    coord = journey.standin.user(COORD)
    ask = await coord.wait_for("Send it to")
    await coord.press(ask.labels[0], message=ask)
    await coord.wait_for("Sending your broadcast")
    await journey.drip()
    await coord.wait_for("Broadcast finished")
    assert not any("quiet hours" in m.plain for m in coord.messages)


async def test_a_broadcast_refused_for_markup_says_which_tag_and_which_are_allowed(
        journey: Journey) -> None:
    cohort = await _cohort(journey)
    await _broadcast(journey, cohort, "<div>Training on Thursday</div>")
    coord = journey.standin.user(COORD)
    said = await coord.wait_for(lambda m: "formatting Telegram can't show" in m.plain)
    assert "tag <div> is not one Telegram accepts" in said.plain
    assert "<b>bold</b>" in said.plain and "<i>italic</i>" in said.plain
    await coord.send("<b>Training</b> on Thursday")  # the draft is still awaited: the fix goes through
    await coord.wait_for("Here is your message exactly as learners will see it")


def _png_width(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")


async def test_the_stats_chart_comes_with_its_numbers_and_a_new_cohort_says_none_finished(
        journey: Journey) -> None:
    cohort = await _cohort(journey)
    coord = journey.standin.user(COORD)
    await coord.send(f"/stats {cohort}")
    chart = await coord.wait_for(lambda m: m.photo is not None)
    assert chart.photo is not None and _png_width(chart.photo) == 720  # halved to 360 on a phone
    assert "no drops finished yet, of 1 enrolled" in chart.plain
    async with journey.services.store.transaction() as tx:
        await tx.progress.drop_completed(LEARNER, "t1-d1", journey.clock.now())
    before = len(coord.messages)
    await coord.send(f"/stats {cohort}")
    again = await coord.wait_for(lambda m, n=before: m.photo is not None and coord.messages.index(m) >= n)
    assert "Learners who finished each drop" in again.plain
    assert "Module 1: too few to show, 0, 0" in again.plain  # one learner is never a number
