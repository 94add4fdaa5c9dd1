"""Outbox messages: every kind survives the row, has a view, and a row nobody can read fails alone."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import pytest

from bot.views.outgoing import VIEWS, Rendering, render
from lessons.progress import CourseMap
from scheduler import outgoing as out
from storage.migrations import MIGRATIONS, migrate
from storage.store import Store
from tests.conftest import FakeClock, tiny_course
from tests.journey import Journey

SAMPLES: dict[type[out.Message], out.Message] = {
    out.DropCard: out.DropCard(drop_id="t1-d1"),
    out.Nudge: out.Nudge(step_id="t1-d1-cb"),
    out.Snoozed: out.Snoozed(step_id="t1-d1-cb"),
    out.InService: out.InService(),
    out.AskPause: out.AskPause(),
    out.PausedQuietly: out.PausedQuietly(),
    out.AskBack: out.AskBack(step_id="t1-d2-c1"),
    out.ConsentRenewal: out.ConsentRenewal(version="2026-09"),
    out.EventReminder: out.EventReminder(event_id=4, text="Training day tomorrow at 09:30"),
    out.EventFollowUp: out.EventFollowUp(event_id=4, text="Did you make it to the training day?"),
    out.EventCancelled: out.EventCancelled(text="Training day is cancelled"),
    out.Broadcast: out.Broadcast(text="Hello, cohort! <b>Well done</b> 🎉"),
    out.Digest: out.Digest(count=3),
    out.TipNews: out.TipNews(text="📌 Your tip is now on your cohort's /board"),
    out.TipWaiting: out.TipWaiting(cohort_id=3),
}
PRIVATE = "my pupil's name is Jamie"  # stands for whatever a learner or coordinator wrote


def test_every_kind_of_message_comes_back_from_its_row_as_it_went_in() -> None:
    assert set(SAMPLES) == set(out.MODELS)
    for message in SAMPLES.values():
        assert out.parse(message.kind, message.body()) == message
        assert '"kind"' not in message.body()  # the kind lives in its own column


def test_every_kind_of_message_renders_to_something_a_learner_can_read() -> None:
    rendering = Rendering(CourseMap(tiny_course()), 365, now=datetime(2026, 12, 2, 9, tzinfo=UTC))
    assert set(VIEWS) == set(out.MODELS)
    for message in SAMPLES.values():
        screens = render(message, rendering)
        assert screens and all(screen.text.strip() for screen in screens), message.kind
    assert "Training day tomorrow" in render(SAMPLES[out.EventReminder], rendering)[0].text  # type: ignore[index]
    gone = Rendering(CourseMap(tiny_course()), 365, datetime(2026, 12, 2, 9, tzinfo=UTC))
    assert render(out.DropCard(drop_id="removed-drop"), gone) is None


def test_a_reminder_is_written_when_it_is_sent_so_its_day_is_right_then() -> None:
    facts = out.EventFacts(title="Training <day>", kind="training", tz="Europe/London",
                           starts_at=datetime(2026, 12, 3, 9, 30, tzinfo=UTC),
                           ends_at=datetime(2026, 12, 3, 15, tzinfo=UTC))
    reminder = out.EventReminder(event_id=4, facts=facts, tips=("Ask first",))
    assert out.parse(reminder.kind, reminder.body()) == reminder

    def text(now: datetime) -> str:
        screens = render(reminder, Rendering(CourseMap(tiny_course()), 365, now))
        assert screens
        return screens[0].text

    assert "Starts tomorrow at 09:30" in text(datetime(2026, 12, 2, 9, tzinfo=UTC))
    assert "Starts today at 09:30" in text(datetime(2026, 12, 3, 7, tzinfo=UTC))  # queued the day before
    assert "Training &lt;day&gt;" in text(datetime(2026, 12, 3, 7, tzinfo=UTC)) and "“Ask first”" in text(
        datetime(2026, 12, 3, 7, tzinfo=UTC))


@pytest.mark.parametrize(("kind", "body"), [
    ("postcard", f'{{"text": "{PRIVATE}"}}'),  # a kind this code does not know
    ("broadcast", PRIVATE),  # not JSON
    ("broadcast", f'["{PRIVATE}"]'),  # JSON, but not fields
    ("broadcast", f'{{"text": "{PRIVATE}", "extra": 1}}'),  # a field no broadcast has
    ("event_reminder", f'{{"event_id": "{PRIVATE}", "text": "x"}}'),  # a field of the wrong type
    ("drop", "{}"),  # a field missing
    ("drop", f'{{"kind": "broadcast", "text": "{PRIVATE}"}}'),  # a body that claims another kind
])
def test_a_row_that_does_not_fit_is_unreadable_and_the_reason_quotes_none_of_it(kind: str, body: str) -> None:
    with pytest.raises(out.Unreadable) as caught:
        out.parse(kind, body)
    assert "Jamie" not in str(caught.value)


def test_messages_cannot_be_changed_or_given_fields_they_do_not_have() -> None:
    message = out.Broadcast(text="Hello")
    with pytest.raises(ValueError):
        message.text = "Changed"  # type: ignore[misc]
    with pytest.raises(ValueError):
        out.Broadcast(text="Hello", extra=1)  # type: ignore[call-arg]


async def _rows(db: Path) -> dict[str, tuple[str, str | None]]:
    async with aiosqlite.connect(db) as conn, conn.execute(
            "SELECT dedupe_key, status, error FROM outbox ORDER BY id") as cur:
        return {r[0]: (r[1], r[2]) for r in await cur.fetchall()}


async def test_unreadable_rows_are_reported_once_and_failed_and_the_rows_after_them_still_arrive(
        journey: Journey, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    await journey.enrol(61)
    now = clock.now().isoformat()
    bad = {"bad:unknown": ("postcard", f'{{"text": "{PRIVATE}"}}'),
           "bad:json": ("broadcast", PRIVATE),
           "bad:fields": ("event_reminder", f'{{"event_id": "{PRIVATE}", "text": "x"}}')}
    async with journey.services.store.transaction() as tx:
        for key, (kind, body) in bad.items():  # queued first, so claimed and sent first
            await tx.conn.execute(
                "INSERT INTO outbox (dedupe_key, user_id, chat_id, kind, payload, not_before, created_at)"
                " VALUES (?, 61, 61, ?, ?, ?, ?)", (key, kind, body, now, now))
        await tx.outbox.add("bc:1:61", 61, out.Broadcast(text="Session moved to Monday"), clock.now(),
                            user_id=61)
    with caplog.at_level(logging.WARNING):
        _, flushed = await journey.drip()
        texts = [m.text for m in journey.standin.user(61).messages]
        assert "Session moved to Monday" in texts and any("How confident do you feel?" in t for t in texts)
        assert flushed.counts == {"failed": 3, "sent": 2}
        rows = await _rows(journey.db)
        assert {key: rows[key][0] for key in bad} == dict.fromkeys(bad, "failed")
        assert rows["bc:1:61"][0] == rows["drop:61:t1-d1"][0] == "sent"
        await journey.drip()  # failed rows are not claimed again
    reports = [r for r in caplog.records if "cannot read" in r.getMessage()]
    assert len(reports) == 3
    assert "Jamie" not in caplog.text and not any("Jamie" in str(error) for _, error in rows.values())


OLD_ROWS = [  # what each kind of row looked like before the kind column
    ("drop:5:t1-d1", '{"type": "drop", "drop_id": "t1-d1"}', out.DropCard(drop_id="t1-d1")),
    ("nudge:5:s1", '{"type": "nudge", "step_id": "s1"}', out.Nudge(step_id="s1")),
    ("snooze:5:s1:1", '{"type": "snoozed", "step_id": "s1"}', out.Snoozed(step_id="s1")),
    ("inservice:5:d", '{"type": "in_service"}', out.InService()),
    ("askpause:5:d", '{"type": "ask_pause"}', out.AskPause()),
    ("consent:5:v2", '{"type": "consent", "version": "v2"}', out.ConsentRenewal(version="v2")),
    ("event:3:v1:1d:5", '{"type": "event", "event_id": 3, "text": "Soon"}',
     out.EventReminder(event_id=3, text="Soon")),
    ("event:3:after:5", '{"type": "event_after", "event_id": 3, "text": "Went?"}',
     out.EventFollowUp(event_id=3, text="Went?")),
    ("event:3:cancel:5", '{"type": "text", "text": "Cancelled"}', out.EventCancelled(text="Cancelled")),
    ("bc:7:5", '{"type": "text", "text": "Hello"}', out.Broadcast(text="Hello")),
]


async def test_rows_queued_before_the_kind_column_are_given_their_kind_and_still_send(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await migrate(conn, MIGRATIONS[:7])
        await conn.executemany(
            "INSERT INTO outbox (dedupe_key, chat_id, payload, not_before, created_at)"
            " VALUES (?, 5, ?, 'x', 'x')",
            [(key, payload) for key, payload, _ in OLD_ROWS] + [("broken:5", "not json")])
    store = await Store.open(path)
    async with store.read() as tx:
        rows = {r["dedupe_key"]: (r["kind"], r["payload"]) for r in (await tx.conn.execute(
            "SELECT dedupe_key, kind, payload FROM outbox")).rows}
    await store.close()
    assert {key: out.parse(*rows[key]) for key, _, _ in OLD_ROWS} == {key: m for key, _, m in OLD_ROWS}
    with pytest.raises(out.Unreadable):
        out.parse(*rows["broken:5"])
