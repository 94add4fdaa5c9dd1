"""Importing the bot's packages changes nothing around them: no environment variable is set."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import os
before = dict(os.environ)
import bot, bot.desk.cli, bot.ptb.app, bot.services
changed = sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k))
print(",".join(changed))
"""


def test_importing_bot_leaves_the_environment_unchanged() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PTB_TIMEDELTA"}
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == ""
