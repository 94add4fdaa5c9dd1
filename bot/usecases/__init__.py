"""What people can do: join, learn, pause, share, forget, run a cohort, broadcast. No Telegram, no SQL."""
