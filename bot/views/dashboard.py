"""What /dashboard says in the chat."""

from __future__ import annotations

from html import escape

from bot.views.screen import Screen

OFF = "The dashboard is not switched on for this bot. Ask the admin to set KTP_DASHBOARD_URL."
MENU_BUTTON = "Dashboard"


def sign_in(link: str, minutes: int) -> Screen:
    return Screen(f"Your sign-in link for the dashboard in a browser. It works once, within {minutes} "
                  f"minutes, and only for you: please don't forward it.\n\n"
                  f'<a href="{escape(link)}">Sign in to the dashboard</a>')
