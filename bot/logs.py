"""Logging set-up: one line per event, and secrets redacted from every record."""

from __future__ import annotations

import logging
import re

_TOKEN = re.compile(r"\d{5,20}:[A-Za-z0-9_-]{30,60}")


class Redact(logging.Filter):
    """Replace anything shaped like a bot token, wherever it appears in a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = _TOKEN.sub("<token>", message), None
        return True


def setup(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(Redact())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs every request URL, and Bot API URLs carry the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # With retries off, the limiter logs every 429 as an error with a traceback; the outbox
    # already records it and pauses sending, so one line of ours is enough.
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
