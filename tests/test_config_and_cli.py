"""Settings and the command line as a new user meets them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings
from bot.desk.cli import main

SECRET = "123456789:AAHsecretsecretsecretsecretsecret12"
KTP = [sys.executable, "-m", "bot.desk.cli"]


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "KTP_DATABASE": str(tmp_path / "db.sqlite3")}
    env.update(extra)
    return env


def test_run_without_a_token_explains_botfather_and_exits_non_zero(tmp_path: Path) -> None:
    result = subprocess.run([*KTP, "run"], cwd=tmp_path, env=_clean_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "@BotFather" in result.stderr and "KTP_BOT_TOKEN=" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_malformed_token_is_reported_without_being_echoed(tmp_path: Path) -> None:
    env = _clean_env(tmp_path, KTP_BOT_TOKEN="not-a-token-but-a-secret-xyz")
    result = subprocess.run([*KTP, "run"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert "KTP_BOT_TOKEN: does not look like a token" in result.stderr
    assert "secret-xyz" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_every_bad_setting_gets_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KTP_TIMEZONE", "Mars/Olympus")
    monkeypatch.setenv("KTP_ADMIN_IDS", "12, bob")
    monkeypatch.setenv("KTP_TICK_SECONDS", "0")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert sorted(line.split(":")[0] for line in caught.value.lines) == [
        "KTP_ADMIN_IDS", "KTP_TICK_SECONDS", "KTP_TIMEZONE"]


def test_settings_read_a_dotenv_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text(f"KTP_BOT_TOKEN={SECRET}\nKTP_ADMIN_IDS=42,43\n")
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.token() == SECRET
    assert settings.admin_ids == frozenset({42, 43})
    assert SECRET not in repr(settings)


def test_validate_passes_on_a_good_course_and_fails_with_file_item_and_rule(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "course"
    bad.mkdir()
    (bad / "course.yaml").write_text("id: c1\ntitle: C\n")
    (bad / "module-1.yaml").write_text(
        "id: m1\nnumber: 1\ntitle: T\naim: A\noutcomes: [{id: o1, text: O}]\ndrops:\n"
        "  - id: d1\n    title: D\n    steps:\n"
        "      - {kind: read, id: d1-c1, text: '<script>x</script>'}\n"
        "      - kind: quiz\n        id: d1-q1\n        question: Q?\n        options:\n"
        "          - {text: A, why: W}\n          - {text: B, why: W}\n")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "module-1.yaml: d1-c1: text: tag <script> is not one Telegram accepts" in out
    assert "module-1.yaml: d1-q1: a quiz needs exactly one correct option" in out


def test_validate_reports_broken_yaml_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "course.yaml").write_text("id: c1\ntitle: C\n")
    (tmp_path / "module-1.yaml").write_text("id: m1\ntitle: [unclosed\n")
    assert main(["validate", str(tmp_path)]) == 1
    assert "module-1.yaml: line" in capsys.readouterr().out


async def test_a_token_telegram_refuses_is_explained_and_never_printed(tmp_path: Path) -> None:
    import asyncio

    from standin import StandIn

    async with StandIn(token="987654321:AAHanotheranotheranotheranother12") as standin:
        env = _clean_env(tmp_path, KTP_BOT_TOKEN=SECRET, KTP_API_BASE_URL=standin.base_url)
        process = await asyncio.create_subprocess_exec(
            *KTP, "run", cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), 60)
    printed = out.decode() + err.decode()
    assert process.returncode == 2
    assert "Telegram refused the bot token" in printed and "@BotFather" in printed
    assert SECRET not in printed and SECRET.split(":")[1] not in printed
    assert printed.rstrip().endswith("KTP_BOT_TOKEN=...")  # the explanation is the last word


def test_validate_lists_the_cards_on_general_knowledge_for_sign_off(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "on general knowledge, for sign-off" in x)
    assert "m2-d10-c1" in line  # GIRFEC and the UNCRC in plain words: general knowledge, marked
