"""Telegram's HTML parse mode: plain text and entities out, or the error Telegram gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from standin.errors import ApiError, bad_request

KINDS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
         "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
         "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
         "tg-spoiler": "spoiler", "span": "spoiler"}
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ATTRIBUTE = re.compile(r"""\s*([A-Za-z0-9_-]*)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")


@dataclass
class _Open:
    tag: str
    offset: int
    attributes: dict[str, str] = field(default_factory=dict)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _fail(text: str, position: int, what: str, tail: str = "") -> ApiError:
    offset = len(text[:position].encode())
    return bad_request(f"can't parse entities: {what} at byte offset {offset}{tail}")


class _Parser:
    """One pass over the text, as tdlib's parse_html does it."""

    def __init__(self, text: str) -> None:
        self.text, self.out, self.units = text, list[str](), 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        text, i = self.text, 0
        while i < len(text):
            entity = _ENTITY.match(text, i) if text[i] == "&" else None
            if entity:
                self._emit(_decode(entity.group(1)))
                i = entity.end()
            elif text[i] == "<":
                i = self._close(i) if text.startswith("</", i) else self._open(i)
            else:
                self._emit(text[i])
                i += 1
        if self.stack:
            missing = f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"'
            raise bad_request(f"can't parse entities: {missing}")
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def _emit(self, chars: str) -> None:
        self.out.append(chars)
        self.units += utf16_len(chars)

    def _open(self, start: int) -> int:
        end = start + 1
        while end < len(self.text) and not self.text[end].isspace() and self.text[end] != ">":
            end += 1
        if end >= len(self.text):
            raise _fail(self.text, start, "Unclosed start tag")
        tag = self.text[start + 1:end].lower()
        if tag not in KINDS:
            raise _fail(self.text, start, f'Unsupported start tag "{tag}"')
        attributes, end = self._attributes(start, end, tag)
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise _fail(self.text, start, 'Tag "span" must have class "tg-spoiler"')
        self.stack.append(_Open(tag, self.units, attributes))
        return end + 1

    def _attributes(self, start: int, i: int, tag: str) -> tuple[dict[str, str], int]:
        found: dict[str, str] = {}
        while True:
            match = _ATTRIBUTE.match(self.text, i)
            assert match is not None  # the pattern matches the empty string
            i = match.end()
            if i >= len(self.text):
                raise _fail(self.text, start, "Unclosed start tag")
            if self.text[i] == ">" and not match.group(1):
                return found, i
            if not match.group(1):
                raise _fail(self.text, start, f'Empty attribute name in the tag "{tag}"')
            value = match.group(2) or ""
            found[match.group(1).lower()] = _unescape(value.strip("\"'"))

    def _close(self, start: int) -> int:
        if not self.stack:
            raise _fail(self.text, start, "Unexpected end tag")
        end = start + 2
        while end < len(self.text) and not self.text[end].isspace() and self.text[end] != ">":
            end += 1
        name = self.text[start + 2:end].lower()
        while end < len(self.text) and self.text[end].isspace():
            end += 1
        if end >= len(self.text) or self.text[end] != ">":
            raise _fail(self.text, start, "Unclosed end tag")
        opened = self.stack.pop()
        if name and name != opened.tag:
            expected = f', expected "</{opened.tag}>", found "</{name}>"'
            raise _fail(self.text, start, "Unmatched end tag", expected)
        self._entity(opened)
        return end + 1

    def _entity(self, opened: _Open) -> None:
        length = self.units - opened.offset
        if length <= 0:
            return
        entity: dict[str, Any] = {"type": KINDS[opened.tag], "offset": opened.offset, "length": length}
        if opened.tag == "a":
            entity["url"] = opened.attributes.get("href", "")
        if opened.tag == "blockquote" and "expandable" in opened.attributes:
            entity["type"] = "expandable_blockquote"
        language = opened.attributes.get("class", "").removeprefix("language-")
        if opened.tag == "code" and language and self.stack and self.stack[-1].tag == "pre":
            self.stack[-1].attributes["language"] = language
        if opened.tag == "pre" and "language" in opened.attributes:
            # <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
            self.entities = [e for e in self.entities if (e["offset"], e["length"], e["type"])
                             != (opened.offset, length, "code")]
            entity["language"] = opened.attributes["language"]
        self.entities.append(entity)


def _decode(name: str) -> str:
    if name in _NAMED:
        return _NAMED[name]
    number = int(name[2:], 16) if name.startswith("#x") else int(name[1:])
    return chr(number) if 0 < number <= 0x10FFFF else "\ufffd"


def _unescape(value: str) -> str:
    return _ENTITY.sub(lambda m: _decode(m.group(1)), value)


def parse(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """The text a person sees and its entities; raises Telegram's 400 for bad markup."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _Parser(text).run()
    if mode in {"", "markdown", "markdownv2"}:
        return text, []
    raise bad_request("unsupported parse_mode")
