"""Coordinators end to end: cohorts, invites, broadcasts to exactly one cohort, stats, refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiosqlite

from bot.views.coordinator import NOT_ALLOWED
from tests.conftest import FakeClock
from tests.journey import Journey

ADMIN = 1  # Journey.settings names user 1 as the admin
COORD_A, COORD_B = 500, 600


async def _cohorts(journey: Journey) -> tuple[int, int]:
    """Cohort A (learners 11, 12, 13 of whom 13 blocked the bot) and B (learner 21)."""
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send("/newcohort Dundee cluster")
    invite = await admin.wait_for("Invite link: https://t.me/ktp_test_bot?start=")
    await admin.wait_for(lambda m: m.photo is not None)
    await admin.send("/newcohort Inverness cluster")
    await admin.wait_for("Inverness cluster")
    async with journey.services.store.read() as tx:
        a, b = (c.id for c in await tx.cohorts.all())
        code_a = (await tx.cohorts.get(a)).invite_code  # type: ignore[union-attr]
    assert code_a in invite.text
    for uid, code in ((11, code_a), (12, code_a), (13, code_a)):
        await journey.enrol(uid, code=code)
    async with journey.services.store.read() as tx:
        code_b = (await tx.cohorts.get(b)).invite_code  # type: ignore[union-attr]
    await journey.enrol(21, code=code_b)
    await journey.drip()  # everyone's first drop goes out
    for uid in (COORD_A, COORD_B):  # coordinators have written to the bot, as Telegram requires
        await journey.standin.user(uid).send("/help")
        await journey.standin.user(uid).wait_for("I send you short lessons")
    for uid, cohort in ((COORD_A, a), (COORD_B, b)):
        await admin.send(f"/promote {uid} {cohort}")
        await admin.wait_for("is now a coordinator")
    blocked = journey.standin.user(13)
    await blocked.block()
    return a, b


async def test_a_broadcast_reaches_its_cohorts_reachable_learners_once(
        journey: Journey, clock: FakeClock) -> None:
    a, _ = await _cohorts(journey)
    coord = journey.standin.user(COORD_A, "Fiona")
    await coord.send(f"/broadcast {a}")
    await coord.wait_for("Send me the message for <b>Dundee cluster</b>")
    await coord.send("Reminder: <b>online practice-sharing</b> session on Thursday at 15:45.")
    ask = await coord.wait_for("Send it to")
    assert "learners?" in ask.text
    await coord.press(ask.labels[0], message=ask)
    await coord.wait_for("Sending your broadcast")
    await journey.drip()
    await journey.restart()
    await journey.drip()
    for uid, expected in ((11, 1), (12, 1), (13, 0), (21, 0)):
        got = [m for m in journey.standin.user(uid).messages if "online practice-sharing" in m.text]
        assert len(got) == expected, uid
    final = await coord.wait_for("Broadcast finished")
    assert "Delivered 2 · blocked the bot" in final.text
    async with aiosqlite.connect(journey.db) as conn, conn.execute(
            "SELECT actor, action, count FROM audit WHERE action = 'broadcast'") as cur:
        assert [tuple(r) for r in await cur.fetchall()] == [(COORD_A, "broadcast", 2)]


async def test_stats_match_the_database(journey: Journey) -> None:
    a, _ = await _cohorts(journey)
    async with journey.services.store.transaction() as tx:
        await tx.progress.drop_completed(11, "t1-d1", journey.clock.now())
        await tx.progress.add_answer(11, "t1-d1-q1", 1, False, journey.clock.now())
        await tx.progress.add_answer(12, "t1-d1-q1", 0, True, journey.clock.now())
        await tx.progress.rate(11, "t1-d1-cb", "t1-s1", "before", 2, journey.clock.now())
        await tx.progress.rate(12, "t1-d1-cb", "t1-s1", "before", 4, journey.clock.now())
    coord = journey.standin.user(COORD_A, "Fiona")
    await coord.send(f"/stats {a}")
    text = (await coord.wait_for("Enrolled:")).text
    assert "Enrolled: 3" in text and "Active in the last 7 days: 3" in text
    # Two ratings and two answers: too few to show without pointing at someone.
    assert "Module 1: 0 · confidence too few to show → not yet" in text
    assert "1 of 2" not in text and "answered by fewer than 5: too few to show (1)" in text
    # Two of three learners have not finished the first drop: too few to say so by drop.
    assert "Welcome: 2" not in text and "Drops where fewer than 5 stopped: too few to show (2)." in text
    await coord.wait_for(lambda m: m.photo is not None and m.photo.startswith(b"\x89PNG"), timeout=30)


TALK = "Talk | online | 2026-12-03 15:45 | 2026-12-03 16:45 | https://meet.example/x | About trust"


async def test_coordinator_commands_refuse_learners_and_other_cohorts(journey: Journey) -> None:
    a, b = await _cohorts(journey)
    learner = journey.standin.user(11)
    other = journey.standin.user(COORD_B, "Gus")
    for chat, command in ((learner, f"/stats {a}"), (learner, "/newcohort Mine"), (learner, "/cohorts"),
                          (learner, f"/broadcast {a}"), (learner, f"/promote 11 {a}"),
                          (other, f"/stats {a}"), (other, f"/invite {a} rotate"),
                          (other, f"/broadcast {a}"), (other, f"/promote 11 {b}"),
                          (learner, f"/addevent {a} | {TALK}"), (other, f"/addevent {a} | {TALK}")):
        await chat.send(command)
        await chat.wait_for(NOT_ALLOWED)
    async with journey.services.store.transaction() as tx:  # an event of cohort A, by its coordinator
        start = journey.clock.now() + timedelta(days=3)
        event = await tx.events.add(a, "Training day", "training", start, start + timedelta(hours=5),
                                    "Dundee", "", COORD_A, journey.clock.now())
    for chat, command in ((learner, f"/rsvps {event}"), (learner, f"/cancelevent {event}"),
                          (learner, f"/editevent {event} | 2026-12-04 09:00 | 2026-12-04 15:00 | Perth"),
                          (other, f"/rsvps {event}"), (other, f"/cancelevent {event}"),
                          (other, f"/editevent {event} | 2026-12-04 09:00 | 2026-12-04 15:00 | Perth")):
        await chat.send(command)
        await chat.wait_for(NOT_ALLOWED)
    async with journey.services.store.read() as tx:
        unchanged = await tx.events.get(event)
    assert unchanged is not None and not unchanged.cancelled and unchanged.place == "Dundee"
    assert [e.title for e in await _titles(journey, a)] == ["Training day"]  # nothing added by others
    async with journey.services.store.transaction() as tx:
        draft = await tx.coordination.draft(a, COORD_A, "Not from you", journey.clock.now())
    help_message = await _help(learner)
    await learner.press_data(help_message, f"bcs:{draft}")
    await learner.send("/help")
    await learner.wait_for("I send you short lessons")
    async with journey.services.store.read() as tx:
        assert (await tx.coordination.broadcast(draft)).status == "draft"  # type: ignore[union-attr]
        assert await tx.outbox.broadcast_counts(draft) == {}


async def _titles(journey: Journey, cohort: int):  # type: ignore[no-untyped-def]
    async with journey.services.store.read() as tx:
        return await tx.events.upcoming(journey.clock.now(), cohort)


async def test_coordinator_commands_appear_only_in_coordinators_menus(journey: Journey) -> None:
    await _cohorts(journey)
    standin = journey.standin
    assert "broadcast" in standin.commands(f"chat:{COORD_A}")
    assert "promote" not in standin.commands(f"chat:{COORD_A}")
    assert "broadcast" not in standin.commands()


async def _help(chat):  # type: ignore[no-untyped-def]
    await chat.send("/help")
    return await chat.wait_for("I send you short lessons")


async def test_a_learner_moves_between_cohorts_only_by_their_coordinator(journey: Journey) -> None:
    a, b = await _cohorts(journey)
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send(f"/move 11 {b}")
    await admin.wait_for("is now in Inverness cluster")
    other = journey.standin.user(COORD_B, "Gus")
    await other.send(f"/move 12 {b}")  # 12 is in cohort A, which Gus does not coordinate
    await other.wait_for(NOT_ALLOWED)
    async with journey.services.store.read() as tx:
        assert (await tx.learners.get(11)).cohort_id == b  # type: ignore[union-attr]
        assert (await tx.learners.get(12)).cohort_id == a  # type: ignore[union-attr]



async def test_promoting_someone_who_never_wrote_to_the_bot_still_works(journey: Journey) -> None:
    a, _ = await _cohorts(journey)
    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send(f"/promote 777 {a}")
    await admin.wait_for("777 is now a coordinator of Dundee cluster")


async def test_a_scheduled_broadcast_waits_for_its_time(journey: Journey, clock: FakeClock) -> None:
    a, _ = await _cohorts(journey)
    coord = journey.standin.user(COORD_A, "Fiona")
    await coord.send(f"/broadcast {a} 2026-11-24 08:30")
    await coord.wait_for("Send me the message")
    await coord.send("Good morning, Dundee: a new drop is waiting.")
    ask = await coord.wait_for("learners tomorrow at 08:30?")
    await coord.press(ask.labels[0], message=ask)
    await journey.drip()
    assert not [m for m in journey.standin.user(11).messages if "Good morning, Dundee" in m.text]
    clock.set(datetime(2026, 11, 24, 8, 30, tzinfo=UTC))
    await journey.drip()
    await journey.standin.user(11).wait_for("Good morning, Dundee")
    await coord.send(f"/broadcast {a} 2026-11-24 21:00")
    await coord.wait_for("outside the evening and weekend")


async def test_a_broadcast_keeps_app_formatting_and_plain_ampersands(journey: Journey) -> None:
    a, _ = await _cohorts(journey)
    coord = journey.standin.user(COORD_A, "Fiona")
    await coord.send(f"/broadcast {a}")
    await coord.wait_for("Send me the message for")
    # Bold chosen in the Telegram app, and a plain '&' and '<' that are not markup.
    await coord.send("Tea & cake after the session on Thursday (<30 minutes)",
                     formatting=[("bold", "Thursday")])
    ask = await coord.wait_for("Send it to")
    await coord.press(ask.labels[0], message=ask)
    await coord.wait_for("Sending your broadcast")
    await journey.drip()
    got = journey.standin.user(11).find("Tea & cake")
    assert got.plain == "Tea & cake after the session on Thursday (<30 minutes)"
    assert {"type": "bold", "offset": 32, "length": 8} in [
        {k: e[k] for k in ("type", "offset", "length")} for e in got.entities]


async def test_a_large_broadcast_shows_its_progress_as_it_goes(journey: Journey) -> None:
    a, _ = await _cohorts(journey)
    async with journey.services.store.read() as tx:
        code = (await tx.cohorts.get(a)).invite_code  # type: ignore[union-attr]
    for uid in range(500, 750):  # more than one round of sending (200 rows)
        await journey.enrol(uid, code=code)
    coord = journey.standin.user(COORD_A, "Fiona")
    await coord.send(f"/broadcast {a}")
    await coord.wait_for("Send me the message for")
    await coord.send("Reminder: online practice-sharing on Thursday.")
    ask = await coord.wait_for("Send it to")
    await coord.press(ask.labels[0], message=ask)
    started = await coord.wait_for("Sending your broadcast")
    await journey.drip()
    shown = [str(p["text"]) for p in journey.standin.calls.of("editMessageText")
             if int(p["chat_id"]) == COORD_A and int(p["message_id"]) == started.message_id]
    assert any(t.startswith("📤 Sending your broadcast: 200 of 252 handled") for t in shown), shown
    assert shown[-1].startswith("✅ Broadcast finished: 252 of 252 handled")


async def test_a_learner_joins_from_the_link_the_coordinator_was_given(journey: Journey) -> None:
    import re

    admin = journey.standin.user(ADMIN, "Admin")
    await admin.send("/newcohort Perth cluster")
    invite = await admin.wait_for("Invite link: https://t.me/ktp_test_bot?start=")
    match = re.search(r"\?start=([a-z0-9]+)", invite.plain)
    assert match is not None
    # Tapping the link opens the chat and sends /start with the code, as Telegram does.
    learner = journey.standin.user(701, "Isla")
    await learner.send(f"/start {match.group(1)}")
    await learner.wait_for("Welcome to the <b>#KeepThePromise</b> course, with <b>Perth cluster</b>")
    await learner.press("I agree, let's start")
    await learner.press(await _first_label(learner, "Which best describes your role?"))
    await learner.wait_for("When do a few minutes usually suit you?")
    await learner.press("▫️ Lunch (12:30)")
    await learner.wait_for(lambda m: "Done" in m.labels)
    await learner.press("Done")
    await learner.wait_for("Which days are you usually in school?")
    await learner.press("Done")
    await learner.press(await _first_label(learner, "Would you like your first drop now"))
    await learner.wait_for(lambda m: True)  # the answer to that press: joining is over
    async with journey.services.store.read() as tx:
        (cohort,) = [c for c in await tx.cohorts.all() if c.name == "Perth cluster"]
        joined = await tx.learners.get(701)
    assert joined is not None and joined.cohort_id == cohort.id
    await admin.send(f"/stats {cohort.id}")
    await admin.wait_for("Enrolled: 1")


async def _first_label(chat, text: str) -> str:  # type: ignore[no-untyped-def]
    message = await chat.wait_for(text)
    return str(message.labels[0])


async def test_an_admin_stops_someone_coordinating_and_a_coordinator_renames_their_cohort(
        journey: Journey) -> None:
    a, _ = await _cohorts(journey)
    admin, coord_a = journey.standin.user(ADMIN, "Admin"), journey.standin.user(COORD_A, "Fiona")
    coord_b, learner = journey.standin.user(COORD_B, "Gus"), journey.standin.user(11)
    await coord_a.send(f"/rename {a} Dundee West cluster")
    await coord_a.wait_for("Done: cohort")
    for chat, command in ((coord_b, f"/rename {a} Not yours"), (learner, f"/rename {a} Mine"),
                          (coord_b, f"/demote {COORD_A} {a}"), (learner, f"/demote {COORD_A} {a}")):
        await chat.send(command)
        await chat.wait_for(NOT_ALLOWED)
    async with journey.services.store.read() as tx:
        assert (await tx.cohorts.get(a)).name == "Dundee West cluster"  # type: ignore[union-attr]
    assert "broadcast" in journey.standin.commands(f"chat:{COORD_A}")
    await admin.send(f"/demote {COORD_A} {a}")
    await admin.wait_for(f"Done: {COORD_A} no longer coordinates Dundee West cluster")
    await coord_a.send(f"/stats {a}")
    await coord_a.wait_for(NOT_ALLOWED)
    assert "broadcast" not in journey.standin.commands(f"chat:{COORD_A}")  # the learners' menu again
    await admin.send(f"/demote {COORD_A} {a}")
    await admin.wait_for("wasn't a coordinator of Dundee West cluster, so nothing changed")
    async with journey.services.store.read() as tx:
        actions = [r[0] for r in (await tx.conn.execute(
            "SELECT action FROM audit WHERE action IN ('demote', 'rename cohort') ORDER BY id")).rows]
    assert actions == ["rename cohort", "demote", "demote"]
