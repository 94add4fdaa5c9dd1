"""Counted nouns as people write them: "1 learner", "2 learners", "0 learners"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """n and the noun, singular for exactly one; pass plural for irregular nouns ("1 person")."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
