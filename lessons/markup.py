"""The subset of HTML that Telegram accepts in messages, checked without a parser library."""

from __future__ import annotations

import re

ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
     "blockquote", "tg-spoiler", "span"}
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_SPOILER_CLASS = re.compile(r"""\bclass\s*=\s*["']tg-spoiler["']""")
_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


def check_html(text: str) -> str | None:
    """Return what is wrong with Telegram HTML in text, or None when it is fine."""
    if _ENTITY.search(text):
        return "a bare '&' must be written &amp;"
    stack: list[str] = []
    for match in _TAG.finditer(text):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in ALLOWED_TAGS:
            return f"tag <{name}> is not one Telegram accepts"
        if name == "span" and not closing and not _SPOILER_CLASS.search(match.group(3)):
            return 'tag <span> needs class="tg-spoiler" (or write <tg-spoiler>)'
        if closing:
            if not stack or stack.pop() != name:
                return f"</{name}> does not close an open tag"
        else:
            stack.append(name)
    if stack:
        return f"<{stack[-1]}> is never closed"
    stripped = _TAG.sub("", text)
    if "<" in stripped or ">" in stripped:
        return "a bare '<' or '>' must be written &lt; or &gt;"
    return None


MESSAGE_MAX = 4096  # Telegram's limit, in UTF-16 code units of the text once tags are read


def message_problem(text: str) -> str | None:
    """What stops text going out as one Telegram message (empty, bad markup, too long), or None."""
    if not text.strip():
        return "the message is empty"
    problem = check_html(text)
    if problem:
        return problem
    length = len(plain(text).encode("utf-16-le")) // 2
    if length > MESSAGE_MAX:
        return f"it is {length:,} characters long; Telegram takes at most {MESSAGE_MAX:,}"
    return None


def plain(text: str) -> str:
    """Text without tags or entities, for terminals and PDFs."""
    text = _TAG.sub("", text)
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&amp;", "&"))
