"""A simple screen on free text: signs of a concern about a child, and what looks like a name.

What it does: looks for phrases that often come with a disclosure or a worry about a child's
safety, and for pairs of capitalised words that look like a person's full name.
What it does not do: understand meaning. It misses concerns written in other words, and it flags
some harmless text. It never reports anything to anyone: it only reminds the learner, at once,
that concerns go to their school's child protection coordinator, and lets them decide what to keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONCERN = re.compile(
    r"\b("
    r"abus(e|ed|ing|er)|neglect(ed)?|self[- ]?harm(ing)?|suicid(e|al)|kill (him|her|them)sel(f|ves)"
    r"|(hit|hits|hitting|beat|beats|beaten|kick(s|ed)?|punch(es|ed)?) (him|her|them|me)"
    r"|bruis(e|es|ed|ing)|burn marks?|marks on (his|her|their)|sexual(ly)?|touch(ed|ing) (him|her|them)"
    r"|groom(ed|ing)|(scared|afraid|frightened) to go home|not safe at home|unsafe at home"
    r"|no food at home|nothing to eat|went missing|ran away from home|disclos(ed|ure|ing)"
    r"|told me (that )?(he|she|they) (was|were|is|are) being"
    r"|(does ?n[o'’]?t|doesn[’']t|won[’']t|never) want(s)? to go home"
    r"|(comes?|coming|came) (in|to school) hungry"
    r"|cuts on (his|her|their) (arms?|legs?|wrists?)|(is|are|was|were|keeps?) hurting (him|her|them|me)"
    r")\b",
    re.IGNORECASE,
)

# A capitalised word as names are written: Jamie, Anne-Marie, McAllister, MacLeod, O'Neill.
_NAME_WORD = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
# Overlapping pairs, so "Today Jamie Robertson" still yields "Jamie Robertson".
_CAPITALISED = re.compile(rf"(?=(?<![\w'’-])({_NAME_WORD}) ({_NAME_WORD})\b)")

# Capitalised words that are not names: sentence starters, the course's own terms, days, months.
_NOT_NAMES = frozenset("""
a after also although and another any as at because before but by during each every for from he
her his how however i if in it its last later maybe my next no now of on once one our she since
so some sometimes that the their then there these they this those today tomorrow usually we
what when where which while who why with yesterday you your yes thanks thank monday tuesday
wednesday thursday friday saturday sunday january february march april may june july august
september october november december christmas easter term promise keep independent care review
plan scotland scottish education children young people learning support pupil staff school
schools module drop journal girfec uncrc asn additional needs trauma informed communities
council local authority head teacher
""".split())


@dataclass(frozen=True)
class Screening:
    concern: bool
    names: tuple[str, ...]

    @property
    def clear(self) -> bool:
        return not self.concern and not self.names


def screen(text: str) -> Screening:
    """Screen one piece of free text."""
    names = tuple(
        f"{first} {second}" for first, second in _CAPITALISED.findall(text)
        if first.lower() not in _NOT_NAMES and second.lower() not in _NOT_NAMES
    )
    return Screening(bool(_CONCERN.search(text)), names)
