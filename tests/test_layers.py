"""Dependencies point one way: the desk and the chat call the use cases, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTER = ("bot.desk", "bot.handlers", "bot.ptb", "bot.dashboard", "bot.tryout", "bot.views", "telegram")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_use_case_imports_the_desk_the_chat_glue_or_telegram() -> None:
    found = sorted(f"{path.relative_to(ROOT)} imports {name}"
                   for path in (ROOT / "bot" / "usecases").rglob("*.py") for name in _imports(path)
                   if any(name == outer or name.startswith(outer + ".") for outer in OUTER))
    assert found == []
