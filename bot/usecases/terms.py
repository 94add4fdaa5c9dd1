"""What joining agrees to and chooses: the privacy notice's version and the roles one may pick."""

from __future__ import annotations

# A new version asks everyone to agree again before their next drop.
PRIVACY_VERSION = "2026-12-care-board"

# The roles a learner picks from, by the id kept in the database (their labels are the view's).
ROLE_IDS = ("sfl", "psa", "ca", "asn", "hsl", "bss", "teacher", "other")
