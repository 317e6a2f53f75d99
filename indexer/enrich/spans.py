"""Entity mentions as plain values (text, label, where they are), and the words a text writes in lower case."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

TITLE = 0

BODY = 1


@dataclass(frozen=True)
class EntitySpan:
    """One named-entity mention: its text, spaCy label, and character span in its source text."""

    text: str
    label: str
    start: int
    end: int
    source: int = BODY  # TITLE or BODY


class CoveredText:
    """The character ranges of one source text that entity spans cover, for "is this match inside an
    entity?" in O(log n) per question (merged, sorted ranges and a binary search)."""

    def __init__(self, spans: Sequence[EntitySpan], source: int) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((s.start, s.end) for s in spans if s.source == source):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a covered range."""
        i = bisect.bisect_left(self._starts, end)  # ranges starting before ``end``
        return i > 0 and self._ends[i - 1] > start


def entity_spans(doc: Doc, source: int = BODY) -> list[EntitySpan]:
    """The named entities of a spaCy doc as :class:`EntitySpan` values; an entity NER ran across a line
    break is one span per line ("the Frog\n\nLydia Scott": a caption and the next line's name), a PERSON
    across a comma one span per part ("Alexander Gallyamov, Nikita Katsalapov": two people of a list)."""
    spans: list[EntitySpan] = []
    for entity in doc.ents:
        text, start, label = entity.text, entity.start_char, entity.label_
        parts = _PERSON_PART if label == "PERSON" and ", " in text else _LINE
        if "\n" not in text and parts is _LINE:
            spans.append(EntitySpan(text, label, start, entity.end_char, source))
            continue
        for part in parts.finditer(text):
            spans.append(EntitySpan(part.group(0), label, start + part.start(), start + part.end(), source))
    return spans


#: A line's text without the whitespace around it.
_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")

#: A part of a PERSON span between line breaks and commas, without the whitespace around it.
_PERSON_PART = re.compile(r"[^\s,](?:[^\n,]*[^\s,])?")

_LOWER_CASE_WORD = re.compile(r"\b[a-z][a-z'-]+\b")


@functools.lru_cache(maxsize=8)
def lower_case_words(texts: tuple[str, ...]) -> frozenset[str]:
    """The words the texts (an article's title and body) write in lower case ("children" makes "Children"
    a common word). Cached: the person and organisation steps both ask for the same article's words."""
    return frozenset(w for text in texts for w in _LOWER_CASE_WORD.findall(text))
