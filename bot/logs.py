"""Logging set-up: one line per event, and secrets redacted from every record."""

from __future__ import annotations

import logging
import re
import sys
import traceback
from types import TracebackType

# Any case and a percent-encoded colon: servers and proxies that echo a request path in an
# error may lower-case or quote it.
_TOKEN = re.compile(r"\d{5,20}(?::|%3a)[a-z0-9_-]{30,60}", re.IGNORECASE)


def redact(text: str) -> str:
    """The text with anything shaped like a bot token replaced."""
    return _TOKEN.sub("<token>", text)


class Redact(logging.Filter):
    """Replace anything shaped like a bot token, wherever it appears in a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = redact(message), None
        return True


def _print_redacted(kind: type[BaseException], error: BaseException,
                    trace: TracebackType | None) -> None:
    sys.stderr.write(redact("".join(traceback.format_exception(kind, error, trace))))


def redact_uncaught() -> None:
    """Tracebacks nobody caught are printed redacted too: an error may quote a request URL."""
    sys.excepthook = _print_redacted


def setup(level: int = logging.INFO) -> None:
    redact_uncaught()
    handler = logging.StreamHandler()
    handler.addFilter(Redact())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs every request URL, and Bot API URLs carry the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # Subsetting a font for a journal PDF logs the glyphs used: the letters of a learner's text.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    logging.getLogger("fpdf").setLevel(logging.WARNING)
    # With retries off, the limiter logs every 429 as an error with a traceback; the outbox
    # already records it and pauses sending, so one line of ours is enough.
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
