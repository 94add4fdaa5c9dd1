"""PTB glue: the application, the sender and its pacing, the inbox, retries, per-chat order, the webhook."""
