"""The token and learners' text never reach any output: uncaught tracebacks and third-party logs too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.journey import TOKEN


class _EchoingProxy(BaseHTTPRequestHandler):
    """A broken proxy that answers every request with an error quoting its path, lower-cased."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"ok": False, "error_code": 500,
                           "description": f"no upstream for {self.path.lower()}"}).encode()
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads only the bot's output."""


@pytest.fixture
def echoing_proxy() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoingProxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    server.shutdown()
    server.server_close()


def test_a_start_up_failure_that_quotes_the_token_does_not_print_it(
        tmp_path: Path, echoing_proxy: str) -> None:
    env = {**os.environ, "KTP_BOT_TOKEN": TOKEN, "KTP_API_BASE_URL": echoing_proxy,
           "KTP_DATABASE": str(tmp_path / "bot.sqlite3")}
    done = subprocess.run([sys.executable, "-m", "bot.desk.cli", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    output = (done.stdout + done.stderr).lower()
    assert done.returncode != 0 and "no upstream for" in output, output
    assert TOKEN.lower() not in output and TOKEN.split(":")[1].lower() not in output, output


@pytest.fixture
def bot_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The bot's own logging set-up, undone afterwards so other tests keep theirs."""
    import logging

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield
    root.handlers[:], root.level = handlers, level


def test_making_a_journal_pdf_logs_nothing_of_its_text(
        bot_logging: None, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from bot import logs
    from bot.usecases.record import Record
    from bot.views.journal_pdf import journal_pdf

    logs.setup()
    record = Record(first_name="Ëilidh Qwÿz", entries=[], modules=[], minutes_done=12.0,
                    completed_at=None)
    made = journal_pdf(record, record.first_name, datetime(2026, 11, 23, 10, 30, tzinfo=UTC))
    assert made.startswith(b"%PDF")
    assert capsys.readouterr().err == ""
