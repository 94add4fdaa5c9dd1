"""Telegram handlers: parse the update, call the domain, render with a view, send."""
