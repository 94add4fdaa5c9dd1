"""Callback data: one registry of actions, short on the wire, parsed strictly, trusted no further."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_SHAPE = re.compile(r"^([a-z]{1,6}):([a-z0-9-]{1,40})(?::([a-z0-9-]{1,12}))?$")


class Action(StrEnum):
    """What a button does. The values are on buttons already sent, so they never change."""

    AGREE = "ok"
    PRIVACY_MORE = "pmore"
    ROLE = "role"
    SLOT = "slot"
    SLOTS_DONE = "slots"
    DAY = "day"
    DAYS_DONE = "days"
    FIRST_DROP = "first"
    SETTINGS = "set"
    SETTINGS_SLOT = "setsl"
    SETTINGS_DAY = "setd"
    SETTINGS_PER_DAY = "setn"
    NEXT = "n"
    QUIZ = "q"
    CONFIDENCE = "c"
    SKIP = "k"
    RECALL = "r"
    NOT_NOW = "snz"
    SNOOZE = "sz"
    IN_SERVICE_DAY = "isd"
    JOURNAL_PAGE = "jp"
    JOURNAL_EDIT = "je"
    JOURNAL_DELETE = "jd"
    JOURNAL_DELETE_CONFIRMED = "jx"
    JOURNAL_PDF = "jpdf"
    SAFEGUARD_KEEP = "sgk"
    SAFEGUARD_DELETE = "sgd"
    HELD_KEEP = "hk"  # a flagged reply, held: keep it (privately, after a possible disclosure)
    HELD_DELETE = "hx"
    HELD_EDIT = "he"  # a possible name: send it again without
    PAUSE_ANSWER = "ap"
    WELCOME_BACK = "wb"  # after a long silence: carry on where the learner was
    ASK_BACK = "ab"  # paused by the bot, asked after a holiday: carry on, or stay paused
    RSVP = "rsvp"
    CALENDAR_FILE = "ics"
    ATTENDED = "att"
    BROADCAST_SEND = "bcs"
    BROADCAST_CANCEL = "bcx"
    FORGET = "fgt"
    SHARE = "shr"
    TIP_OFFER = "tip"
    TIP_FROM_EVENT = "tipe"
    TIP_SIGN = "tsg"
    TIP_CONFIRM = "tok"
    TIP_REVIEW = "trv"
    TIP_USEFUL = "tu"
    TIP_REPORT = "trp"
    TIP_WITHDRAW = "tw"
    TIP_WORDING = "twd"  # the author agrees to a coordinator's edited wording, or keeps their own
    TIP_SHARE = "tsh"  # the author agrees to an admin sharing their tip with another cohort, or not
    BOARD = "bd"
    BOARD_DIGEST = "bdg"


_ACTIONS = {a.value: a for a in Action}


@dataclass(frozen=True)
class Callback:
    action: Action
    target: str
    arg: str | None = None

    def encode(self) -> str:
        data = f"{self.action.value}:{self.target}" + (f":{self.arg}" if self.arg is not None else "")
        if len(data.encode()) > 64 or not _SHAPE.match(data):
            raise ValueError(f"callback data {data!r} is not valid")
        return data


def parse(data: str | None) -> Callback | None:
    """The callback in data, or None for anything that is not one of ours."""
    match = _SHAPE.match(data or "")
    if match is None or match.group(1) not in _ACTIONS:
        return None
    return Callback(_ACTIONS[match.group(1)], match.group(2), match.group(3))


def cb(action: Action, target: str, arg: str | int | None = None) -> str:
    return Callback(action, target, None if arg is None else str(arg)).encode()
