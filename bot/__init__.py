"""The Telegram face of the #KeepThePromise learning bot."""
