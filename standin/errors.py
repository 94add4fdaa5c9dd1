"""Answers with ok=false, shaped exactly as the Bot API shapes them."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API error: the HTTP status is the error code, as with Telegram."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def body(self) -> dict[str, Any]:
        """The JSON answer Telegram gives for this error."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(what: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {what}")


def too_many_requests(retry_after: int) -> ApiError:
    """Flood control's 429, as Telegram words it."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


def conflict(what: str) -> ApiError:
    """A 409: webhook active, or another getUpdates took over."""
    return ApiError(409, f"Conflict: {what}")


def forbidden(what: str) -> ApiError:
    """A 403: the bot may not write to this chat any more."""
    return ApiError(403, f"Forbidden: {what}")


def chat_not_found() -> ApiError:
    """The chat does not exist or never wrote to the bot."""
    return bad_request("chat not found")
