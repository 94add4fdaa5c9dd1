"""Telegram's flood control, reproduced so a sender can prove it stays under the limits."""

from __future__ import annotations

import math
from collections import deque


class FloodControl:
    """30 sends a second across chats, 1 a second per private chat, 20 a minute per group.

    Telegram allows short bursts to one chat; the stand-in is stricter (no burst) so a sender
    that passes here passes there.
    """

    def __init__(self, enabled: bool, overall: int = 30, per_chat: float = 1.0, group_per_minute: int = 20):
        self.enabled = enabled
        self.overall, self.per_chat, self.group_per_minute = overall, per_chat, group_per_minute
        self.recent: deque[float] = deque()
        self.last_by_chat: dict[int, float] = {}
        self.group_sends: dict[int, deque[float]] = {}

    def check(self, chat_id: int, now: float) -> int:
        """0 when a send may go now and records it; otherwise the seconds to wait."""
        if not self.enabled:
            return 0
        while self.recent and now - self.recent[0] >= 1.0:
            self.recent.popleft()
        if len(self.recent) >= self.overall:
            return max(1, math.ceil(1.0 - (now - self.recent[0])))
        if chat_id < 0:
            sends = self.group_sends.setdefault(chat_id, deque())
            while sends and now - sends[0] >= 60.0:
                sends.popleft()
            if len(sends) >= self.group_per_minute:
                return max(1, math.ceil(60.0 - (now - sends[0])))
            sends.append(now)
        else:
            last = self.last_by_chat.get(chat_id)
            if last is not None and now - last < 1.0 / self.per_chat:
                return 1
            self.last_by_chat[chat_id] = now
        self.recent.append(now)
        return 0
