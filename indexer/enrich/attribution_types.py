"""What attribution finds in a parsed unit: the :class:`Attribution` record (token spans of that unit)."""

from __future__ import annotations

from dataclasses import dataclass

#: A token span [start, end) of a unit Doc.
Span = tuple[int, int]
#: Quotation marks that open and close a quotation.
OPEN_QUOTES = frozenset({"“", '"', "«"})
CLOSE_QUOTES = frozenset({"”", '"', "»"})


@dataclass(frozen=True)
class Attribution:
    """One attribution in a parsed unit; spans are token spans [start, end) of that unit Doc.

    ``key`` is the cue's lexicon lemma ("deny", "say", ...) or a phrase key ("according to",
    "no comment"). ``source_head`` is the token the speaker is read from (None: no source found).
    ``nested`` marks a conduit: the content itself reports someone else's words. ``label``: a transcript
    turn's speaker label glued to a heading or an elision mark before it in its sentence ("<…> Vladimir
    Putin:"); a label that opens its unit is known by its source starting the unit.
    """

    key: str
    cue: Span
    cue_head: int
    source: Span | None
    source_head: int | None
    content: Span | None
    negated: bool
    nested: bool
    label: bool = False
