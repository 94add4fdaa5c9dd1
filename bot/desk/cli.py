"""The ktp-bot command: run, validate, preview, cohort and db."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from bot import logs
from bot.config import Settings, SettingsError, load_settings
from bot.views.plural import count as counted
from lessons.loader import DEFAULT_COURSE_DIR, CourseError, check
from lessons.sources import general_cards


def _validate(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else DEFAULT_COURSE_DIR
    course, problems = check(folder)
    for problem in problems:
        print(problem)
    if course is None:
        print(f"{counted(len(problems), 'problem')} in {folder}", file=sys.stderr)
        return 1
    drops = sum(len(m.drops) for m in course.modules)
    print(f"ok: {course.title}: {counted(len(course.modules), 'module')}, {counted(drops, 'drop')}")
    general = general_cards(course)
    if general:  # what rests on general knowledge, not the sources, needs a reviewer's sign-off
        print(f"{counted(len(general), 'card')} on general knowledge, for sign-off: {', '.join(general)}")
    return 0


def _run(args: argparse.Namespace) -> int:
    logs.redact_uncaught()
    settings = load_settings()
    settings.token()
    logs.setup()
    from telegram.error import InvalidToken

    from bot.ptb.app import build_application

    app = build_application(settings)
    try:
        if args.webhook:
            from bot.ptb.webhook import serve

            asyncio.run(serve(app, args.webhook, args.listen, args.port))
            return 0
        app.run_polling(allowed_updates=["message", "callback_query", "my_chat_member"])
    except InvalidToken:
        # PTB's message quotes the token itself: it is never printed.
        print("Telegram refused the bot token (KTP_BOT_TOKEN): it may have been revoked or mistyped.\n"
              "Open @BotFather in Telegram, send /mybots, choose your bot, then 'API Token', and put\n"
              "the token it shows into .env as KTP_BOT_TOKEN=...", file=sys.stderr)
        return 2
    return 0


def _status(args: argparse.Namespace) -> int:
    from bot.desk.commands import status_command

    return asyncio.run(status_command(load_settings()))


def _try(args: argparse.Namespace) -> int:
    from bot.tryout.chat import run

    return run(Path(args.db) if args.db else None, args.as_role == "coordinator")


def _preview(args: argparse.Namespace) -> int:
    from bot.views.preview import preview

    return preview(args.module, Path(args.dir) if args.dir else DEFAULT_COURSE_DIR)


def _desk(where: str) -> Callable[[argparse.Namespace], int]:
    """A desk command named as module.function under bot.desk, imported only when it runs."""
    module, name = where.split(".")

    def run(args: argparse.Namespace) -> int:
        command: Callable[[Settings, argparse.Namespace], Coroutine[Any, Any, int]] = getattr(
            import_module(f"bot.desk.{module}"), name)
        return asyncio.run(command(load_settings(), args))
    return run


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ktp-bot", description="The #KeepThePromise learning bot.")
    sub = top.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot (needs KTP_BOT_TOKEN); polling unless --webhook")
    run.add_argument("--webhook", metavar="URL", help="public HTTPS URL Telegram should post updates to")
    run.add_argument("--listen", default="127.0.0.1", help="address to listen on (webhook mode)")
    run.add_argument("--port", type=int, default=8443, help="port to listen on (webhook mode)")
    run.set_defaults(func=_run)
    sub.add_parser("status", help="queue depth, learners due, last tick, last error").set_defaults(
        func=_status)
    trial = sub.add_parser("try", help="try the course in this terminal, no Telegram needed")
    trial.add_argument("--db", help="keep the try-out in this database file (default: throwaway)")
    trial.add_argument("--as", dest="as_role", choices=["learner", "coordinator"], default="learner",
                       help="try it as a learner (default) or as a coordinator")
    trial.set_defaults(func=_try)
    validate = sub.add_parser("validate", help="check the course files")
    validate.add_argument("dir", nargs="?", help="course folder (default: the shipped course)")
    validate.set_defaults(func=_validate)
    preview = sub.add_parser("preview", help="print a module as a learner sees it")
    preview.add_argument("module", type=int, help="module number, e.g. 1")
    preview.add_argument("--dir", help="course folder (default: the shipped course)")
    preview.set_defaults(func=_preview)
    cohort = sub.add_parser("cohort", help="create and list cohorts")
    cohort.add_argument("action", choices=["create", "list"])
    cohort.add_argument("name", nargs="?", help="the new cohort's name")
    cohort.set_defaults(func=_desk("cohorts.cohort_command"))
    coordinators = sub.add_parser("coordinators", help="name, or stop, a coordinator of a cohort")
    coordinators.add_argument("action", choices=["add", "remove"])
    coordinators.add_argument("user", type=int, help="their numeric Telegram user id")
    coordinators.add_argument("cohort", type=int, help="the cohort number")
    coordinators.set_defaults(func=_desk("cohorts.coordinators_command"))
    stats = sub.add_parser("stats", help="a cohort's figures")
    stats.add_argument("--cohort", type=int, required=True)
    stats.set_defaults(func=_desk("cohorts.stats_command"))
    export = sub.add_parser("export", help="a cohort's answers, confidence and feedback as CSV")
    export.add_argument("--cohort", type=int, required=True)
    export.add_argument("--out", default="export", help="folder to write the CSV files into")
    export.add_argument("--xlsx", action="store_true", help="also write them all as one export.xlsx")
    export.set_defaults(func=_desk("commands.export_command"))
    forget = sub.add_parser("forget", help="delete everything held about a learner (a request by email etc.)")
    forget.add_argument("user", type=int, help="their numeric Telegram user id")
    forget.set_defaults(func=_desk("commands.forget_command"))
    broadcast = sub.add_parser("broadcast", help="queue a message to a cohort (the running bot sends it)")
    broadcast.add_argument("--cohort", type=int, required=True)
    broadcast.add_argument("--file", required=True, help="the message, Telegram HTML allowed")
    broadcast.add_argument("--at", help="send later: 'YYYY-MM-DD HH:MM' (local time, outside quiet hours)")
    broadcast.add_argument("--yes", action="store_true", help="queue it (without this, only a preview)")
    broadcast.set_defaults(func=_desk("content.broadcast_command"))
    events = sub.add_parser("events", help="import a cohort's events from YAML")
    events.add_argument("action", choices=["import"])
    events.add_argument("cohort", type=int)
    events.add_argument("file")
    events.set_defaults(func=_desk("content.events_command"))
    calendar = sub.add_parser("calendar", help="set a cohort's terms, holidays and in-service days")
    calendar.add_argument("action", choices=["import"])
    calendar.add_argument("cohort", type=int)
    calendar.add_argument("file", help="a YAML file: terms, holidays (start, end, name), in_service")
    calendar.set_defaults(func=_desk("cohorts.calendar_command"))
    verify = sub.add_parser("verify", help="check a certificate number: name, course and date")
    verify.add_argument("number", help="as printed, e.g. KTP-7F3K-9Q2M")
    verify.set_defaults(func=_desk("commands.verify_command"))
    db = sub.add_parser("db", help="database upkeep")
    db.add_argument("action", choices=["migrate", "backup"])
    db.add_argument("target", nargs="?", help="backup file (default: next to the database)")
    db.set_defaults(func=_desk("commands.db_command"))
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except SettingsError as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return 2
    except CourseError as exc:
        print("The course files have problems (ktp-bot validate lists them):", file=sys.stderr)
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly.
        sys.stderr.close()
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
