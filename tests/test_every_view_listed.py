"""The safe-HTML property test is only as good as its list: every view in bot/views must be in it."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from tests.every_view import every_screen

VIEWS = Path(__file__).parent.parent / "bot" / "views"
SAYS = {"Screen", "Markup", "list[Screen]", "Screens"}  # what a view returns when it says something
NOT_VIEWS = {"html.py"}  # the escape helpers themselves, tested on their own


def _views() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(VIEWS.glob("*.py")):
        if path.name in NOT_VIEWS:
            continue
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_") or node.returns is None:
                continue
            if ast.unparse(node.returns) in SAYS:
                found.add((path.stem, node.name))
    return found


def _rendered() -> set[tuple[str, str]]:
    """Which view functions run while every_view renders everything (directly or through another)."""
    called: set[CodeType] = set()

    def note(frame: FrameType, event: str, _: Any) -> None:
        if event == "call":
            called.add(frame.f_code)

    sys.setprofile(note)
    try:
        every_screen("<b>", 3)
    finally:
        sys.setprofile(None)
    return {(Path(code.co_filename).stem, code.co_name) for code in called
            if Path(code.co_filename).parent == VIEWS}


def test_every_view_that_says_something_is_rendered_by_the_property_test() -> None:
    views = _views()
    assert len(views) > 60  # the walk found the views
    missing = sorted(f"bot/views/{module}.py {name}" for module, name in views - _rendered())
    assert not missing, "add these to tests/every_view.py: " + ", ".join(missing)
