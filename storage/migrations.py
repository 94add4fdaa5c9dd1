"""Schema migrations: an append-only list; each runs in one transaction with its version bump."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class AddColumnIfAbsent:
    """ALTER TABLE ... ADD COLUMN, skipped where the table already has the column."""

    table: str
    column: str
    definition: str

    @property
    def statement(self) -> str:
        return f"ALTER TABLE {self.table} ADD COLUMN {self.column} {self.definition}"


Step = str | AddColumnIfAbsent

# Never edit a shipped migration: add a new one (tests/test_migrations.py holds the checksum of
# each released one). Statements run one by one (no executescript, which would commit on its
# own and break the all-or-nothing guarantee).
MIGRATIONS: list[list[Step]] = [
    [
        """CREATE TABLE cohorts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            invite_code TEXT NOT NULL UNIQUE,
            invite_open INTEGER NOT NULL DEFAULT 1,
            calendar TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL)""",
        """CREATE TABLE learners (
            user_id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            first_name TEXT NOT NULL,
            cohort_id INTEGER REFERENCES cohorts(id),
            role TEXT,
            consent_version TEXT,
            consent_at TEXT,
            slots TEXT NOT NULL DEFAULT '',
            weekdays TEXT NOT NULL DEFAULT '0,1,2,3,4',
            per_day INTEGER NOT NULL DEFAULT 1,
            tz TEXT NOT NULL DEFAULT 'Europe/London',
            status TEXT NOT NULL DEFAULT 'joining',
            current_step TEXT,
            next_due_at TEXT,
            lease_until TEXT,
            paused_until TEXT,
            last_active_at TEXT,
            joined_at TEXT NOT NULL,
            share_reflections INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX learners_due ON learners(next_due_at) WHERE next_due_at IS NOT NULL",
        "CREATE INDEX learners_cohort ON learners(cohort_id)",
        """CREATE TABLE drop_progress (
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            drop_id TEXT NOT NULL,
            delivered_at TEXT NOT NULL,
            opened_at TEXT,
            completed_at TEXT,
            PRIMARY KEY (user_id, drop_id))""",
        """CREATE TABLE step_progress (
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            step_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
            at TEXT NOT NULL,
            PRIMARY KEY (user_id, step_id))""",
        """CREATE TABLE quiz_answers (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            step_id TEXT NOT NULL,
            choice INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            recall INTEGER NOT NULL DEFAULT 0,
            at TEXT NOT NULL)""",
        "CREATE INDEX quiz_answers_user ON quiz_answers(user_id, step_id)",
        """CREATE TABLE confidence (
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            step_id TEXT NOT NULL,
            statement TEXT NOT NULL,
            phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            at TEXT NOT NULL,
            PRIMARY KEY (user_id, step_id))""",
        """CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            step_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('reflect', 'feedback')),
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (user_id, step_id))""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            dedupe_key TEXT NOT NULL UNIQUE,
            user_id INTEGER REFERENCES learners(user_id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            payload TEXT NOT NULL,
            not_before TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_until TEXT,
            message_id INTEGER,
            error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT)""",
        "CREATE INDEX outbox_pending ON outbox(not_before) WHERE status IN ('pending', 'sending')",
    ],
    [
        # The journal entry a learner is rewriting: their next message replaces its text.
        "ALTER TABLE learners ADD COLUMN editing INTEGER",
    ],
    [
        # Every fetched update is kept before it is handled, so a crash between the two loses
        # nothing: unhandled rows are replayed at start-up.
        """CREATE TABLE inbox (
            update_id INTEGER PRIMARY KEY,
            body TEXT NOT NULL,
            received_at TEXT NOT NULL,
            handled_at TEXT)""",
        "CREATE INDEX inbox_unhandled ON inbox(update_id) WHERE handled_at IS NULL",
    ],
    [
        # Spaced retrieval: one FSRS card per learner and quiz check, due when it should come back.
        """CREATE TABLE recall_cards (
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            step_id TEXT NOT NULL,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            PRIMARY KEY (user_id, step_id))""",
        # Snoozed: the open drop comes back at next_due_at. Asked: when the bot last asked a
        # silent learner whether to pause (asked once, then it stays quiet until they return).
        "ALTER TABLE learners ADD COLUMN snoozed INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE learners ADD COLUMN asked_pause_at TEXT",
        # A free-text answer the bot is waiting for outside a drop, e.g. "certificate" for the name.
        "ALTER TABLE learners ADD COLUMN awaiting TEXT",
        # Drops still to come in an in-service day's longer session, delivered back to back.
        "ALTER TABLE learners ADD COLUMN session_left INTEGER NOT NULL DEFAULT 0",
        # Small facts about the running bot: the last tick, the last error (for `ktp-bot status`).
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ],
    [
        # Coordinators act on their own cohorts only; every action they take is audited.
        """CREATE TABLE coordinators (
            user_id INTEGER NOT NULL,
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            added_by INTEGER NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (user_id, cohort_id))""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            actor INTEGER NOT NULL,
            action TEXT NOT NULL,
            cohort_id INTEGER,
            detail TEXT NOT NULL DEFAULT '',
            count INTEGER NOT NULL DEFAULT 0,
            at TEXT NOT NULL)""",
        """CREATE TABLE broadcasts (
            id INTEGER PRIMARY KEY,
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            author INTEGER NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'queued', 'cancelled')),
            created_at TEXT NOT NULL,
            queued_at TEXT,
            progress_chat INTEGER,
            progress_message INTEGER,
            reported TEXT,
            send_at TEXT)""",
    ],
    [
        # Events of a cohort (training days, online sessions) and learners' answers to them.
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('training', 'online')),
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            cancelled INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1,
            created_by INTEGER NOT NULL,
            created_at TEXT NOT NULL)""",
        "CREATE INDEX events_upcoming ON events(starts_at) WHERE cancelled = 0",
        """CREATE TABLE rsvps (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            answer TEXT NOT NULL CHECK (answer IN ('going', 'not')),
            at TEXT NOT NULL,
            attended INTEGER,
            will_try TEXT,
            PRIMARY KEY (event_id, user_id))""",
    ],
    [
        # When a learner paused lessons, so a pause does not break their streak.
        """CREATE TABLE pauses (
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            ended_at TEXT)""",
        "CREATE INDEX pauses_by_learner ON pauses(user_id)",
    ],
    [
        # Repair: migrations 4, 5 and 6 were edited after they had shipped, so a database made
        # before an edit carries the version number without the columns (or the meta table)
        # added later. Each is added only where it is absent.
        AddColumnIfAbsent("learners", "awaiting", "TEXT"),
        AddColumnIfAbsent("learners", "session_left", "INTEGER NOT NULL DEFAULT 0"),
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        AddColumnIfAbsent("broadcasts", "send_at", "TEXT"),
        AddColumnIfAbsent("rsvps", "attended", "INTEGER"),
        AddColumnIfAbsent("rsvps", "will_try", "TEXT"),
    ],
    [
        # Each outbox row says what kind of message it is, so queries read a column instead of the
        # JSON's keys or a dedupe-key prefix; the body keeps the other fields. Rows queued before
        # this had the kind inside the JSON as "type", under the older names; plain texts were
        # broadcasts, or cancellation notices (the only ones queued under an event:..:cancel: key).
        "ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
        """UPDATE outbox SET kind = CASE json_extract(payload, '$.type')
            WHEN 'event' THEN 'event_reminder'
            WHEN 'event_after' THEN 'event_follow_up'
            WHEN 'text' THEN CASE WHEN dedupe_key LIKE 'event:%:cancel:%' THEN 'event_cancelled'
                                  ELSE 'broadcast' END
            ELSE coalesce(json_extract(payload, '$.type'), '') END
            WHERE json_valid(payload)""",
        "UPDATE outbox SET payload = json_remove(payload, '$.type') WHERE json_valid(payload)",
        "CREATE INDEX outbox_by_learner ON outbox(user_id, kind, created_at)",
    ],
    [
        # What a person's next free text is for, in one place: at most one per person (learner or
        # coordinator, so no reference to learners). learners.awaiting and .editing and the meta
        # rows 'awaiting:<uid>' are no longer read; what they held when this ran is carried over,
        # in the order the old handler checked them.
        """CREATE TABLE pending_replies (
            user_id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            asked_at TEXT NOT NULL)""",
        """INSERT OR IGNORE INTO pending_replies (user_id, kind, target, asked_at)
            SELECT uid, 'coordinator_draft',
                   CASE WHEN instr(rest, ':') > 0
                        THEN substr(rest, 1, instr(rest, ':') - 1) || '|'
                             || substr(rest, instr(rest, ':') + 1)
                        ELSE rest END,
                   strftime('%Y-%m-%dT%H:%M:%S+00:00')
            FROM (SELECT CAST(substr(key, 10) AS INTEGER) AS uid, substr(value, 11) AS rest
                  FROM meta WHERE key LIKE 'awaiting:%' AND value LIKE 'broadcast:%')""",
        """INSERT OR IGNORE INTO pending_replies (user_id, kind, target, asked_at)
            SELECT user_id, 'journal_edit', CAST(editing AS TEXT), strftime('%Y-%m-%dT%H:%M:%S+00:00')
            FROM learners WHERE editing IS NOT NULL""",
        """INSERT OR IGNORE INTO pending_replies (user_id, kind, target, asked_at)
            SELECT user_id,
                   CASE WHEN awaiting LIKE 'event:%' THEN 'event_answer'
                        WHEN awaiting = 'settings:time' THEN 'settings_time'
                        WHEN awaiting = 'settings:zone' THEN 'settings_zone'
                        ELSE 'certificate_name' END,
                   CASE WHEN awaiting LIKE 'event:%' THEN substr(awaiting, 7) ELSE '' END,
                   strftime('%Y-%m-%dT%H:%M:%S+00:00')
            FROM learners
            WHERE awaiting LIKE 'event:%' OR awaiting IN ('settings:time', 'settings:zone', 'certificate')""",
        "DELETE FROM meta WHERE key LIKE 'awaiting:%'",
        "UPDATE learners SET awaiting = NULL, editing = NULL",
    ],
    [
        # The dashboard's one-time sign-in links and browser sessions; only hashes of the secrets.
        """CREATE TABLE dashboard_links (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT)""",
        """CREATE TABLE dashboard_sessions (
            id_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            ended_at TEXT)""",
    ],
    [
        # Issued certificates, so a number on paper can be checked and the name is asked once.
        """CREATE TABLE certificates (
            number TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL UNIQUE REFERENCES learners(user_id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            course TEXT NOT NULL,
            completed_on TEXT NOT NULL,
            minutes REAL NOT NULL,
            issued_at TEXT NOT NULL
        )""",
    ],
    [
        # A reply the screen flagged is held apart until the learner chooses: it is not in the
        # journal, so nothing can share or export it. Kept after a possible disclosure, it is
        # flagged: the learner's own, never shared, exported or counted for a coordinator.
        """CREATE TABLE held_texts (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            step_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            concern INTEGER NOT NULL,
            held_at TEXT NOT NULL)""",
        "CREATE INDEX held_texts_by_learner ON held_texts(user_id)",
        "ALTER TABLE reflections ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0",
    ],
    [
        # The cohort's practice board. Authorship is kept so the author can withdraw a tip and
        # /forget takes their tips with them (the cascade); who marked a tip useful is kept only so
        # a second tap takes the mark back: nobody is ever shown who.
        """CREATE TABLE tips (
            id INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            module_id TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            signed TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                ('draft', 'offered', 'published', 'declined', 'reported')),
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            published_at TEXT)""",
        "CREATE INDEX tips_by_cohort ON tips(cohort_id, status, published_at)",
        "CREATE INDEX tips_by_author ON tips(author_id)",
        """CREATE TABLE tip_useful (
            tip_id INTEGER NOT NULL REFERENCES tips(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES learners(user_id) ON DELETE CASCADE,
            PRIMARY KEY (tip_id, user_id))""",
        """CREATE TABLE tip_digest_off (
            user_id INTEGER PRIMARY KEY REFERENCES learners(user_id) ON DELETE CASCADE)""",
    ],
    [
        # Per-person lookups without scanning: /mydata and /forget find a person's kept updates by
        # an indexed sender column (computed from the JSON, so nothing is stored twice), rsvps by
        # learner; sent outbox rows are found by age when the retention job prunes them.
        """ALTER TABLE inbox ADD COLUMN sender_id INTEGER GENERATED ALWAYS AS (coalesce(
            json_extract(body, '$.message.from.id'), json_extract(body, '$.edited_message.from.id'),
            json_extract(body, '$.callback_query.from.id'),
            json_extract(body, '$.my_chat_member.from.id'))) VIRTUAL""",
        "CREATE INDEX inbox_by_sender ON inbox(sender_id)",
        "CREATE INDEX inbox_handled ON inbox(handled_at) WHERE handled_at IS NOT NULL",
        "CREATE INDEX outbox_sent ON outbox(sent_at) WHERE status = 'sent'",
        "CREATE INDEX rsvps_by_learner ON rsvps(user_id)",
    ],
    [
        # Admins make someone a coordinator by a single-use, expiring invite (only its hash is
        # kept); the first name they open it with is how the people page lists them.
        """CREATE TABLE coordinator_invites (
            code_hash TEXT PRIMARY KEY,
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            made_by INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            used_by INTEGER)""",
        AddColumnIfAbsent("coordinators", "first_name", "TEXT NOT NULL DEFAULT ''"),
    ],
    [
        # Tips a coordinator attached to a session's reminder, by the
        # module they relate to; and a coordinator's lighter wording of an offered tip, waiting for
        # its author to agree ('' when none is proposed).
        """CREATE TABLE event_tips (
            event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
            module_id TEXT NOT NULL)""",
        "ALTER TABLE tips ADD COLUMN proposed TEXT NOT NULL DEFAULT ''",
    ],
    [
        # A published tip an admin asked to share with another cohort: asked (agreed 0) until its
        # author agrees (1); a "no" removes the row, so the tip stays in its own cohort.
        """CREATE TABLE tip_shares (
            tip_id INTEGER NOT NULL REFERENCES tips(id) ON DELETE CASCADE,
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            agreed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tip_id, cohort_id))""",
    ],
    [
        # What was read from key prefixes gets columns of its own: a broadcast's outbox rows carry
        # its id (counted by an index, not by LIKE 'bc:N:%'), a broadcast says in a flag that its
        # final count was reported (was a "done " prefix on the report), and a cohort keeps when its
        # coordinators were last told a tip waits (was a search for 'tipwait:N:' keys).
        AddColumnIfAbsent("outbox", "broadcast_id", "INTEGER"),
        """UPDATE outbox SET broadcast_id = CAST(substr(dedupe_key, 4, instr(substr(dedupe_key, 4), ':') - 1)
               AS INTEGER)
           WHERE kind = 'broadcast' AND dedupe_key GLOB 'bc:[0-9]*:*'""",
        "CREATE INDEX outbox_by_broadcast ON outbox(broadcast_id, status) WHERE broadcast_id IS NOT NULL",
        AddColumnIfAbsent("broadcasts", "finished", "INTEGER NOT NULL DEFAULT 0"),
        """UPDATE broadcasts SET finished = 1, reported = ltrim(substr(reported, 5))
           WHERE reported LIKE 'done%'""",
        AddColumnIfAbsent("cohorts", "tip_notice_at", "TEXT"),
        """UPDATE cohorts SET tip_notice_at = (
               SELECT max(o.created_at) FROM outbox o WHERE o.kind = 'tip_waiting'
               AND substr(o.dedupe_key, 1, length('tipwait:' || cohorts.id || ':'))
                   = 'tipwait:' || cohorts.id || ':')""",
    ],
    [
        # Nobody is dropped for going quiet. paused_by is 'bot' when the bot paused a learner who
        # left the pause question unanswered (NULL: a pause they chose); paused_at is when. The bot
        # asks such a learner once a term whether to carry on: asked_back_at is the last time,
        # asked_back how often since it paused them. Learners already quiet are due now, so the
        # next tick pauses them politely and says how to come back.
        "ALTER TABLE learners ADD COLUMN paused_by TEXT",
        "ALTER TABLE learners ADD COLUMN paused_at TEXT",
        "ALTER TABLE learners ADD COLUMN asked_back_at TEXT",
        "ALTER TABLE learners ADD COLUMN asked_back INTEGER NOT NULL DEFAULT 0",
        """UPDATE learners SET next_due_at = COALESCE(asked_pause_at, last_active_at, joined_at)
            WHERE status = 'quiet' AND next_due_at IS NULL""",
    ],
]


def checksum(migration: list[Step]) -> str:
    """sha256 of a migration's statements, as the frozen-migrations test records it."""
    text = "\n".join(s.statement if isinstance(s, AddColumnIfAbsent) else s for s in migration)
    return hashlib.sha256(text.encode()).hexdigest()


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def _columns(conn: aiosqlite.Connection, table: str) -> set[str]:
    async with conn.execute(f"PRAGMA table_info({table})") as cursor:
        return {row[1] for row in await cursor.fetchall()}


async def _run(conn: aiosqlite.Connection, step: Step) -> None:
    if isinstance(step, str):
        await conn.execute(step)
    elif step.column not in await _columns(conn, step.table):
        await conn.execute(step.statement)


async def migrate(conn: aiosqlite.Connection, migrations: list[list[Step]]) -> int:
    """Bring the schema up to date; returns the version reached."""
    version = await schema_version(conn)
    if version > len(migrations):
        raise RuntimeError(f"database schema {version} is newer than this program ({len(migrations)})")
    for number, steps in enumerate(migrations[version:], start=version + 1):
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for step in steps:
                await _run(conn, step)
            await conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            await conn.rollback()
            raise
        await conn.commit()
    return len(migrations)
