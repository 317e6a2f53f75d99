"""Stance carried by the words of a plain report's content ("said: 'I am grateful ...'" supports).

The phrases are data (``data/stance_content.tsv``): first-person verbs and adjectives of thanks, praise,
welcome or condemnation, and phrases that carry a stance wherever they stand. A negation right before the
word ("we do not support", "not unacceptable") cancels it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.enrich.entity_tables import TableError, read_table
from indexer.enrich.types import Stance

_CONTENT_STANCES: tuple[Stance, ...] = ("supports", "opposes")
_FIRST_PERSON = r"\b(?:i|we|he|she|they)\b(?:\s+(?!not\b|never\b|[\w’']*n[’']t\b)[\w’']+){0,3}?\s+"
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever|\bno)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[Stance, re.Pattern[str]], ...]:
    """One compiled pattern per stance of the data file (raises TableError on an unknown stance or kind)."""
    first: dict[Stance, list[str]] = {s: [] for s in _CONTENT_STANCES}
    phrases: dict[Stance, list[str]] = {s: [] for s in _CONTENT_STANCES}
    for stance, kind, words in read_table("stance_content.tsv", ("stance", "kind", "words")):
        if stance not in _CONTENT_STANCES or kind not in ("first_person", "phrase"):
            raise TableError(f"stance_content.tsv: bad row {stance!r} {kind!r} {words!r}")
        target = first if kind == "first_person" else phrases
        target[stance].append(re.escape(words))
    compiled = []
    for stance in _CONTENT_STANCES:
        parts = []
        if first[stance]:
            parts.append(_FIRST_PERSON + r"(?:" + "|".join(first[stance]) + r")\w*\b")
        if phrases[stance]:
            parts.append(r"\b(?:" + "|".join(phrases[stance]) + r")\b")
        compiled.append((stance, re.compile("|".join(parts), re.IGNORECASE)))
    return tuple(compiled)


def content_stance(content: str) -> Stance | None:
    """``supports`` or ``opposes`` when ``content`` says so in the words of the data file (the first match
    in the text decides), else None."""
    best: tuple[int, Stance] | None = None
    for stance, pattern in _patterns():
        for match in pattern.finditer(content):
            if _NEGATED.search(content[: match.start()] + " ".join(match.group(0).split()[:-1]) + " "):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), stance)
            break
    return best[1] if best is not None else None
