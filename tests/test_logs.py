"""The token never reaches the logs: not in messages, arguments or exception tracebacks."""

from __future__ import annotations

import io
import logging

from bot.logs import Redact

TOKEN = "123456789:AAHsecretsecretsecretsecretsecret12"


def test_a_token_anywhere_in_a_record_is_redacted() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(Redact())
    log = logging.getLogger("ktp.redact.test")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("request to https://api.telegram.org/bot%s/getMe failed", TOKEN)
        try:
            raise RuntimeError(f"connection to /bot{TOKEN}/sendMessage refused")
        except RuntimeError:
            log.exception("send failed")
    finally:
        log.removeHandler(handler)
    text = out.getvalue()
    assert TOKEN not in text and TOKEN.split(":")[1] not in text
    assert text.count("<token>") == 2 and "RuntimeError" in text
