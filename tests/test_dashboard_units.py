"""The dashboard's pure parts: initData checked as Telegram documents it, UK dates, the preview."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from bot.dashboard.broadcasts import preview
from bot.dashboard.init_data import verify
from scheduler.cohort_calendar import parse, parse_form

TOKEN = "123456789:AAHstandinstandinstandinstandin12"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def _telegram_signed(fields: dict[str, str], token: str = TOKEN) -> str:
    """Written out from Telegram's documentation, independently of the code under test."""
    check = "\n".join(f"{k}={fields[k]}" for k in sorted(fields))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return urlencode({**fields, "hash": hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()})


FIELDS = {"auth_date": str(int(NOW.timestamp())), "query_id": "AAH1",
          "user": '{"id":500,"first_name":"Fiona"}'}


def test_init_data_signed_as_telegram_documents_is_accepted_and_names_the_user() -> None:
    user = verify(_telegram_signed(FIELDS), TOKEN, NOW + timedelta(minutes=30), HOUR)
    assert user is not None and (user.user_id, user.first_name) == (500, "Fiona")


def test_init_data_altered_stale_from_the_future_or_for_another_bot_is_refused() -> None:
    signed = _telegram_signed(FIELDS)
    assert verify(signed.replace("500", "501"), TOKEN, NOW, HOUR) is None
    assert verify(signed, TOKEN, NOW + HOUR + timedelta(seconds=1), HOUR) is None
    assert verify(signed, TOKEN, NOW - timedelta(hours=1), HOUR) is None
    assert verify(_telegram_signed(FIELDS, "987654321:AAHanotherbotanotherbotanotherbot1"), TOKEN, NOW,
                  HOUR) is None
    assert verify("not=init&data", TOKEN, NOW, HOUR) is None


def test_calendar_dates_written_the_uk_way_are_read_day_first() -> None:
    parsed, problems = parse_form({"term_start": ["06/01/2027", ""], "term_end": ["31.3.27", ""],
                                   "holiday_start": ["15 February 2027"], "holiday_end": ["19/02/2027"],
                                   "holiday_name": ["February break"], "in_service": ["2027-02-22", ""]})
    assert problems == [] and parsed is not None
    assert (parsed.terms[0].start, parsed.terms[0].end) == (date(2027, 1, 6), date(2027, 3, 31))
    assert parsed.holidays[0].name == "February break" and parsed.holidays[0].end == date(2027, 2, 19)
    assert parsed.in_service == [date(2027, 2, 22)]
    from_chat, _ = parse("terms:\n  - {start: 6/1/2027, end: 31/3/2027}\nin_service: [22/02/2027]")
    assert from_chat is not None and from_chat.terms[0].start == date(2027, 1, 6)


def test_a_calendar_that_ends_before_it_starts_is_explained_not_saved() -> None:
    parsed, problems = parse_form({"term_start": ["31/03/2027"], "term_end": ["06/01/2027"]})
    assert parsed is None and "ends (2027-01-06) before it starts" in problems[0]


def test_the_preview_keeps_formatting_and_safe_links_and_drops_everything_else() -> None:
    shown = preview('<b>Thursday</b> <a href="https://example.org/x" onclick="steal()">join</a>'
                    ' <a href="javascript:alert(1)">bad</a>')
    assert str(shown) == ('<b>Thursday</b> <a href="https://example.org/x" rel="noopener noreferrer">join</a>'
                          ' <a>bad</a>')
