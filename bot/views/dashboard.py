"""What /dashboard says in the chat."""

from __future__ import annotations

from bot.views.html import Markup, html
from bot.views.screen import Screen

OFF = Markup("The dashboard is not switched on for this bot. Ask the admin to set KTP_DASHBOARD_URL.")
MENU_BUTTON = "Dashboard"


def mini_app_url(dashboard_url: str) -> str:
    """Where the Mini App opens; "" when the dashboard is off or not on HTTPS (Telegram needs it)."""
    url = dashboard_url
    return f"{url}/app" if url.startswith("https://") else ""


def sign_in(link: str, minutes: int) -> Screen:
    return Screen(html("Your sign-in link for the dashboard in a browser. It works once, within {minutes} "
                       "minutes, and only for you: please don't forward it.\n\n"
                       '<a href="{link}">Sign in to the dashboard</a>', minutes=minutes, link=link))
