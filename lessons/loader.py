"""Load a course folder (course.yaml + module-N.yaml) and report every problem in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lessons.models import Course, Module
from lessons.sources import SOURCES_FILE, Library, course_findings, library_findings

DEFAULT_COURSE_DIR = Path(__file__).parent / "courses" / "keep-the-promise"


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.rule}"


class CourseError(Exception):
    """The course folder has problems; each is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _item_at(raw: Any, loc: tuple[int | str, ...]) -> str:
    """The id of the innermost item on the path of a validation error."""
    item, node = "(file)", raw
    for key in loc:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            item = node["id"]
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        item = node["id"]
    return item


_KINDS = frozenset({"read", "quiz", "reflect", "confidence", "feedback"})


def _rule(error: Any) -> str:
    """The broken rule, prefixed by the field it concerns (none for a rule on a whole item)."""
    loc = [k for k in error["loc"] if not isinstance(k, int)]
    field = "" if not loc or loc[-1] in _KINDS else str(loc[-1])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        problems.append(Problem(path.name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
    except OSError as exc:
        problems.append(Problem(path.name, "(file)", f"cannot be read: {exc.strerror}"))
    return None


def _load_module(path: Path, problems: list[Problem]) -> Module | None:
    raw = _read_yaml(path, problems)
    if raw is None:
        return None
    try:
        return Module.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(path.name, _item_at(raw, error["loc"]), _rule(error)))
    return None


def _index(course: Course, files: dict[str, str]) -> dict[str, str]:
    """Map every id in the course to the file it lives in."""
    where = {course.id: "course.yaml"}
    for module in course.modules:
        name = files[module.id]
        where[module.id] = name
        for drop in module.drops:
            where[drop.id] = name
            where.update((step.id, name) for step in drop.steps)
        where.update((o.id, name) for o in module.outcomes)
        where.update((s.id, name) for s in module.confidence)
    return where


def _load_library(folder: Path, problems: list[Problem]) -> Library | None:
    path = folder / SOURCES_FILE
    if not path.exists():
        problems.append(Problem(SOURCES_FILE, "(file)", f"missing from {folder}: list the documents the "
                                                        "course draws on and each passage it quotes"))
        return None
    raw = _read_yaml(path, problems)
    if raw is None:
        return None
    try:
        return Library.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(SOURCES_FILE, _item_at(raw, error["loc"]), _rule(error)))
    return None


def _traceable(course: Course, library: Library, where: dict[str, str]) -> list[Problem]:
    """Quotations word for word from a listed document, and a named source on every card."""
    listed = [Problem(SOURCES_FILE, item, rule) for item, rule in library_findings(library)]
    return listed + [Problem(where.get(item, "course.yaml"), item, rule)
                     for item, rule in course_findings(course, library)]


def check(folder: Path) -> tuple[Course | None, list[Problem]]:
    """Load the course in folder; return it (if it loaded) and every problem found."""
    from lessons.rules import check_course

    problems: list[Problem] = []
    library = _load_library(folder, problems)
    head = folder / "course.yaml"
    meta = _read_yaml(head, problems) if head.exists() else None
    if not head.exists():
        problems.append(Problem("course.yaml", "(file)", f"missing from {folder}"))
    paths = sorted(folder.glob("module-*.yaml"))
    if not paths:
        problems.append(Problem("(folder)", str(folder), "no module-*.yaml files"))
    loaded = [(p.name, _load_module(p, problems)) for p in paths]
    if problems or library is None or not isinstance(meta, dict):
        if not problems:
            problems.append(Problem("course.yaml", "(file)", "must be a mapping with id and title"))
        return None, problems
    modules = sorted((m for _, m in loaded if m is not None), key=lambda m: m.number)
    try:
        course = Course.model_validate({**meta, "modules": modules})
    except ValidationError as exc:
        return None, [Problem("course.yaml", _item_at(meta, e["loc"]), _rule(e)) for e in exc.errors()]
    files = {m.id: name for name, m in loaded if m is not None}
    where = _index(course, files)
    findings = [Problem(where.get(f.item, "course.yaml"), f.item, f.rule) for f in check_course(course)]
    findings += _traceable(course, library, where)
    return (course if not findings else None), findings


def load_course(folder: Path = DEFAULT_COURSE_DIR) -> Course:
    """Load and validate a course, raising CourseError with every problem."""
    course, problems = check(folder)
    if course is None:
        raise CourseError(problems)
    return course
