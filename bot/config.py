"""Settings from the environment (and an optional .env), checked at the door."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from lessons.loader import DEFAULT_COURSE_DIR
from scheduler.reminders import Offsets, parse_offsets
from scheduler.timing import Quiet

TOKEN_SHAPE = re.compile(r"^\d{5,20}:[A-Za-z0-9_-]{30,60}$")
TELEGRAM_API = "https://api.telegram.org/bot"

HOW_TO_GET_A_TOKEN = """\
The bot needs a token from Telegram before it can run.

  1. In Telegram, open a chat with @BotFather and send /newbot.
  2. Choose a name and a username ending in "bot"; BotFather replies with a token
     that looks like 123456789:AAH...
  3. Put it in a file called .env in this folder:

         KTP_BOT_TOKEN=123456789:AAH...

     (or set the environment variable KTP_BOT_TOKEN), then run this command again.

To try the course now without Telegram, run:  scripts/dev try"""


class Settings(BaseSettings):
    """Everything the bot reads from its environment."""

    model_config = SettingsConfigDict(
        env_prefix="KTP_", env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    bot_token: SecretStr | None = None
    database: Path = Path("data/ktp.sqlite3")
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "Europe/London"
    course_dir: Path = DEFAULT_COURSE_DIR
    api_base_url: str = TELEGRAM_API
    bot_username: str = ""
    tick_seconds: float = Field(default=30.0, gt=0, le=3600)
    nudges_per_week: int = Field(default=2, ge=0, le=7)
    retention_days: int = Field(default=365, ge=30)
    # Sent outbox rows and handled updates are pruned after these many days. Sent rows are read for
    # the weekly nudge limit and event reminders (a week at most); handled updates only for replay.
    sent_keep_days: int = Field(default=30, ge=14)
    handled_keep_days: int = Field(default=2, ge=1)
    # Nothing reaches a learner in these hours (their local time), nor at weekends.
    quiet_hours: str = "20:00-07:30"
    # When events are reminded: days (d), hours (h) or minutes (m) before the start.
    event_reminders: str = "7d,1d,1h"
    # The coordinators' dashboard: off unless its public URL is set (behind a TLS proxy).
    dashboard_url: str = ""
    dashboard_listen: str = "127.0.0.1"
    dashboard_port: int = Field(default=8080, ge=0, le=65535)
    # How old a Mini App's signed initData may be, and how long a one-time link and a session last.
    dashboard_init_data_seconds: int = Field(default=3600, ge=60)
    dashboard_link_minutes: int = Field(default=10, ge=1, le=60)
    dashboard_session_hours: int = Field(default=12, ge=1, le=24 * 7)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value) if p]
            if not all(p.isdigit() for p in parts):
                raise ValueError("must be numeric Telegram user ids separated by commas")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, value: str) -> str:
        Quiet.parse(value)  # a ValueError here is reported as one plain line
        return value

    @field_validator("event_reminders")
    @classmethod
    def _reminders(cls, value: str) -> str:
        parse_offsets(value)
        return value

    def reminder_offsets(self) -> Offsets:
        return parse_offsets(self.event_reminders)

    def quiet(self) -> Quiet:
        return Quiet.parse(self.quiet_hours)

    @field_validator("dashboard_url")
    @classmethod
    def _dashboard(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise ValueError("must be an https:// address (plain http only for 127.0.0.1 or localhost)")
        return value.rstrip("/")

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a time zone name like Europe/London") from None
        return value

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TOKEN_SHAPE.match(value.get_secret_value().strip()):
            # Never echo the value: a mistyped token is still a secret.
            raise ValueError("does not look like a token from BotFather (digits:letters)")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def token(self) -> str:
        if self.bot_token is None:
            raise SettingsError([HOW_TO_GET_A_TOKEN])
        return self.bot_token.get_secret_value().strip()


class SettingsError(Exception):
    """Settings that cannot work, one clear line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning validation errors into one line per problem (values never shown)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = "KTP_" + "_".join(str(p) for p in error["loc"]).upper()
            message = str(error["msg"]).removeprefix("Value error, ")
            lines.append(f"{name}: {message}")
        raise SettingsError(lines) from None
