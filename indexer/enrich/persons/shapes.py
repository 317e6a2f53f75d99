"""Shapes of names in text that several sources and filters share: a name word, a bracketed tag after a
name, the run of name words before a place in the text."""

from __future__ import annotations

import re

from indexer.enrich.persons.words import PARTICLES

#: One name word: capitalised, possibly with an inner capital or apostrophe ("MaliVai", "O'Meara",
#: "Sanchez-Vicario"), or a lower-case particle ("van", "de", "el").
NAME_WORD = re.compile(
    r"(?:[A-Z](?:['’][A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z]?[a-z]+)*|[A-Z]\.(?:[A-Z]\.)?"
    r"|de|da|di|do|dos|du|del|della|der|den|van|von|ter|bin|ibn|ben|al|el|la|le)"
)

#: A parenthesised tag right after a name: a country, nationality or place ("(Canada)", "(U.S.)") or a
#: party and state ("(R-Texas)", "(D-N.Y.)").
TAG = re.compile(r"(?<=[a-z.]) \((?P<tag>[A-Z][\w.'’ -]{1,28})\)")


def name_words_before(text: str, end: int, fewest: int = 2) -> list[tuple[str, int]] | None:
    """The two (or ``fewest``) to four name words ending at ``end`` on the same line, or None when the
    run of capitalised words is longer or shorter (then it is not plainly one name)."""
    line_start = text.rfind("\n", 0, end) + 1
    words: list[tuple[str, int]] = []
    position = end
    while position > line_start:
        space = text.rfind(" ", line_start, position)
        word_start = space + 1 if space >= 0 else line_start
        word = text[word_start:position]
        opening = word[:1] in "(\"“‘'"
        if opening:  # "(Brennan 15th": the name starts after the bracket
            word, word_start = word[1:], word_start + 1
        if not NAME_WORD.fullmatch(word):
            break
        words.insert(0, (word, word_start))
        if space < 0 or opening:
            break
        position = space
    while words and words[0][0] in PARTICLES:
        words.pop(0)
    if not fewest <= len(words) <= 4:
        return None
    return words
