"""Source ``list_lines``: the other names of a comma- or semicolon-separated list line whose items are mostly
persons already found ("70 Tim Herron, Duffy Waldorf (U.S.), Anders Forsbrand")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from indexer.enrich.name_lists import given_names
from indexer.enrich.persons.name_cleaning import clean_person_name
from indexer.enrich.persons.shapes import NAME_WORD
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import plausible_full_name, unknown_word


def _listed_with_persons(raw: list[PersonMention], texts: Sequence[str]) -> list[PersonMention]:
    """Full names in a list line whose other items are mostly persons already found ("Tim Herron, Duffy
    Waldorf, Davis Love" with two of them found): lists mix people with teams or places rarely."""
    found: list[PersonMention] = []
    for source, text in enumerate(texts):
        starts = sorted((m.start, m.end) for m in raw if m.source == source)
        for items in list_names(text):
            known = [_overlaps(starts, start, end) for _, start, end in items]
            likely = [
                is_known or (name.split()[0].lower() in given_names() and plausible_full_name(name))
                for (name, _, _), is_known in zip(items, known, strict=True)
            ]
            if sum(known) < 1 or sum(likely) < 2 or 2 * sum(likely) < len(items):
                continue
            for (name, start, end), is_known in zip(items, known, strict=True):
                cleaned = clean_person_name(name)
                if is_known or cleaned != name:
                    continue
                if plausible_full_name(name) or (" " not in name and unknown_word(name)):
                    found.append(PersonMention(name, start, end, source))
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted ``(start, end)`` spans overlaps ``start``-``end``."""
    index = bisect.bisect_left(spans, (end, end))
    return index > 0 and spans[index - 1][1] > start


#: A line with at least two list separators (commas or semicolons).
_LIST_LINE = re.compile(r"^[^\n,;]*[,;][^\n,;]*[,;][^\n]*$", re.M)

#: One list item: a name of one to four words, maybe after "and", a rank or a shirt number ("70 ",
#: "15 - "), before a tag and scores ("(Sweden) 71 74").
_LIST_ITEM = re.compile(
    r"(?:[^:]*:)?[ ]*(?:and[ ]+)?(?:\d{1,3}\.?[ ]+(?:-[ ]+)?)?"
    rf"(?P<name>{NAME_WORD.pattern}(?:[ ]{NAME_WORD.pattern}){{0,3}})"
    r"(?:[ ]+\([^()]*\))?(?:[ ]+[\d.:/-]+)*[ .]*"
)


def list_names(text: str) -> list[list[tuple[str, int, int]]]:
    """The name-shaped items of each comma- or semicolon-separated list line ("70 Tim Herron, Duffy
    Waldorf (U.S.), Anders Forsbrand", "15 - Andre Joubert, 14 - Justin Swart; ..."): one list of
    ``(name, start, end)`` per line, with every item whose shape is a name (people or not)."""
    found: list[list[tuple[str, int, int]]] = []
    for line in _LIST_LINE.finditer(text):
        items: list[tuple[str, int, int]] = []
        position = line.start()
        for piece in re.split(r"[,;]", line.group(0)):
            item = _LIST_ITEM.fullmatch(piece)
            if item is not None:
                start = position + item.start("name")
                items.append((item.group("name"), start, start + len(item.group("name"))))
            position += len(piece) + 1
        if len(items) >= 3:
            found.append(items)
    return found


def find_list_lines(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Full names (and one-word names that are no English word, title, country or place) in a list line
    whose items are mostly persons found so far or names starting with a common given name, one at least
    found: lists mix people with teams or places rarely."""
    return [*mentions, *_listed_with_persons(mentions, article.texts)]
