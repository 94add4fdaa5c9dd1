"""Telegram Mini App initData: checked as Telegram documents it, on every request that carries it."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode


@dataclass(frozen=True)
class MiniAppUser:
    user_id: int
    first_name: str
    auth_date: datetime


def _secret(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def _check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "hash")


def verify(init_data: str, bot_token: str, now: datetime, max_age: timedelta) -> MiniAppUser | None:
    """The user, if Telegram signed this initData with our bot's token recently; None otherwise."""
    try:
        fields = dict(parse_qsl(init_data, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        return None
    given = fields.get("hash", "")
    expected = hmac.new(_secret(bot_token), _check_string(fields).encode(), hashlib.sha256).hexdigest()
    if not given or not hmac.compare_digest(given, expected):
        return None
    try:
        auth_date = datetime.fromtimestamp(int(fields["auth_date"]), now.tzinfo)
        user = json.loads(fields["user"])
        user_id, first_name = int(user["id"]), str(user.get("first_name", ""))
    except (KeyError, ValueError, TypeError):
        return None
    if not now - max_age <= auth_date <= now + timedelta(minutes=5):
        return None
    return MiniAppUser(user_id, first_name, auth_date)


def sign(fields: dict[str, str], bot_token: str) -> str:
    """initData as Telegram would send it (for tests, the try-out and the screenshots)."""
    digest = hmac.new(_secret(bot_token), _check_string(fields).encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest})
