"""Time zones from what people type: a city ('London', 'Belfast', 'Dublin') or an IANA name."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

# Places learners of a Scottish course are likely to name that are not IANA cities themselves.
PLACES = {
    "uk": "Europe/London", "scotland": "Europe/London", "england": "Europe/London",
    "wales": "Europe/London", "northern ireland": "Europe/London", "edinburgh": "Europe/London",
    "glasgow": "Europe/London", "aberdeen": "Europe/London", "dundee": "Europe/London",
    "inverness": "Europe/London", "stirling": "Europe/London", "perth": "Europe/London",
    "cardiff": "Europe/London", "manchester": "Europe/London", "belfast": "Europe/London",
    "ireland": "Europe/Dublin", "cork": "Europe/Dublin", "galway": "Europe/Dublin",
    "spain": "Europe/Madrid", "france": "Europe/Paris", "germany": "Europe/Berlin",
    "gmt": "Europe/London", "bst": "Europe/London",
}
_LONGEST = 64  # the longest IANA name is 32 characters; anything longer is not one


@cache
def _zones() -> dict[str, str]:
    """Every IANA zone by its lowered name and, when unambiguous, by its city alone."""
    zones = available_timezones()
    by_name = {zone.lower(): zone for zone in zones if not zone.startswith(("Etc/", "SystemV/"))}
    cities: dict[str, list[str]] = {}
    for zone in by_name.values():
        if "/" in zone:
            cities.setdefault(zone.rsplit("/", 1)[1].lower(), []).append(zone)
    return {**{c: z[0] for c, z in cities.items() if len(z) == 1}, **by_name}


def zone_named(text: str) -> str | None:
    """The IANA zone for a place or zone name a person typed, or None."""
    said = " ".join(text.strip().lower().split())
    if not said or len(said) > _LONGEST:
        return None
    if said in PLACES:
        return PLACES[said]
    return _zones().get(said.replace(" ", "_"))
