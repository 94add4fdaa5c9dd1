"""The Telegram face of the #KeepThePromise learning bot."""

import os

# Opt in to PTB's coming behaviour: durations (retry_after, timeouts) as timedelta, not seconds.
os.environ.setdefault("PTB_TIMEDELTA", "1")
