"""What the bot sends on its own initiative: one typed model per kind of outbox message.

It lives in scheduler/ because the drip builds most of these and may import neither bot/ nor
telegram; bot/ builds the rest and renders them all. Storage never imports it: an outbox row keeps
the kind in its own column and the rest of the message as JSON, and storage reads neither.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError


class Message(BaseModel):
    """An outbox message: its kind goes in the row's kind column, the rest in its JSON body."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Learning content: when quiet hours hold it back, it waits for the learner's next break
    # rather than just the end of their quiet time.
    lesson: ClassVar[bool] = False

    def body(self) -> str:
        return self.model_dump_json(exclude={"kind"})


class DropCard(Message):
    """The first step of a new drop."""

    kind: Literal["drop"] = "drop"
    drop_id: str
    new: bool = False  # added to a module behind the learner's place: shown as new there
    lesson: ClassVar[bool] = True


class Nudge(Message):
    """A gentle reminder that the open step is still waiting."""

    kind: Literal["nudge"] = "nudge"
    step_id: str
    lesson: ClassVar[bool] = True


class Snoozed(Message):
    """The open step again, when the learner asked for it later."""

    kind: Literal["snoozed"] = "snoozed"
    step_id: str
    lesson: ClassVar[bool] = True


class InService(Message):
    """On an in-service morning: the offer of a longer session."""

    kind: Literal["in_service"] = "in_service"
    lesson: ClassVar[bool] = True


class AskPause(Message):
    """After two silent weeks: would the learner like to pause?"""

    kind: Literal["ask_pause"] = "ask_pause"


class PausedQuietly(Message):
    """The pause question went unanswered: lessons are paused, and this is how to come back. Said once."""

    kind: Literal["paused_quietly"] = "paused_quietly"
    lesson: ClassVar[bool] = True  # held back, it waits for a break on a school day, like a lesson


class AskBack(Message):
    """Paused by the bot, and a holiday has passed: would the learner like to pick up where they were?"""

    kind: Literal["ask_back"] = "ask_back"
    step_id: str | None = None  # the step they were on, to say where that was
    lesson: ClassVar[bool] = True


class ConsentRenewal(Message):
    """The privacy notice changed: agree to this version before more learning arrives."""

    kind: Literal["consent"] = "consent"
    version: str


class EventFacts(BaseModel):
    """What a learner is told about an event, as it stood when the message was queued; the text is
    written when it is sent, so "tomorrow" or "in 2 hours" is right at that moment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    description: str = ""
    tz: str  # the zone the event's times are told in


class EventReminder(Message):
    """An event is coming up (or has moved), with the going / not going buttons."""

    kind: Literal["event_reminder"] = "event_reminder"
    event_id: int
    facts: EventFacts | None = None
    tips: tuple[str, ...] = ()  # the theme's most useful tips, to bring one to talk about
    changed: bool = False  # the event moved: "Changed ... still able to come?"
    going: bool = False  # already said Going: reminded, not asked again
    text: str = ""  # rows queued before reminders carried their facts were written out in full


class EventFollowUp(Message):
    """After an event: did the learner go?"""

    kind: Literal["event_follow_up"] = "event_follow_up"
    event_id: int
    title: str = ""
    text: str = ""  # written out in full by releases before the title was carried


class EventCancelled(Message):
    """An event someone said they were going to was cancelled."""

    kind: Literal["event_cancelled"] = "event_cancelled"
    title: str = ""
    text: str = ""  # written out in full by releases before the title was carried


class Broadcast(Message):
    """A coordinator's message to their cohort."""

    kind: Literal["broadcast"] = "broadcast"
    text: str


class TipNews(Message):
    """About a tip on the practice board: to its author (approved, declined) or a coordinator (reported)."""

    kind: Literal["tip_news"] = "tip_news"
    text: str
    wording_of: int = 0  # a tip whose edited wording its author is asked to agree to (buttons)
    share_of: int = 0  # a tip an admin would share with the cohort share_to: agree or not (buttons)
    share_to: int = 0


class TipWaiting(Message):
    """To a coordinator: a new tip waits in the cohort's queue (at most once an hour per cohort)."""

    kind: Literal["tip_waiting"] = "tip_waiting"
    cohort_id: int


class Digest(Message):
    """Once a week at most: how many things colleagues in the cohort tried, with a button to read them."""

    kind: Literal["digest"] = "digest"
    count: int


Outgoing = Annotated[
    DropCard | Nudge | Snoozed | InService | AskPause | PausedQuietly | AskBack | ConsentRenewal
    | EventReminder | EventFollowUp | EventCancelled | Broadcast | Digest | TipNews | TipWaiting,
    Field(discriminator="kind"),
]
MODELS: tuple[type[Message], ...] = (DropCard, Nudge, Snoozed, InService, AskPause, PausedQuietly,
                                     AskBack, ConsentRenewal, EventReminder, EventFollowUp,
                                     EventCancelled, Broadcast, Digest, TipNews, TipWaiting)
KINDS = frozenset(model.model_fields["kind"].default for model in MODELS)
_ADAPTER: TypeAdapter[Outgoing] = TypeAdapter(Outgoing)


class Unreadable(ValueError):
    """An outbox row this code cannot read. Its message names no values: they may be a learner's."""


def parse(kind: str, body: str) -> Outgoing:
    """The message an outbox row holds; Unreadable for an unknown kind or a body that does not fit."""
    if kind not in KINDS:
        raise Unreadable("a kind this version does not know")
    try:
        fields = json.loads(body)
    except ValueError:
        raise Unreadable("body is not JSON") from None
    if not isinstance(fields, dict) or "kind" in fields:
        raise Unreadable("body is not a message's fields")
    try:
        return _ADAPTER.validate_python({**fields, "kind": kind})
    except ValidationError as exc:
        # Only the locations and error types: pydantic's own text quotes the input.
        problems = ", ".join(f"{'.'.join(map(str, e['loc']))}: {e['type']}" for e in exc.errors())
        raise Unreadable(problems) from None
