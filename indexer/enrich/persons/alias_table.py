"""Source ``alias_table``: full names of the alias table (``aliases.person_surface_names``) written in the
text where NER found no PERSON, matched by a spaCy ``PhraseMatcher`` built once per process."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from indexer.enrich.aliases import person_surface_names
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.spans import EntitySpan

#: The pieces the matcher compares: runs of word characters and hyphens, and every other visible character
#: alone. A name in the text is whole when no word character or hyphen touches it on either side.
_PIECE = re.compile(r"[\w-]+|\S")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
#: What a piece of the text that is in no name becomes in the matcher's doc (so its vocabulary stays the
#: table's pieces, however many articles a process reads).
_OTHER = "\x00"


@dataclass(frozen=True)
class _AliasMatcher:
    """The phrase matcher of the alias table's names of two or more words, its vocabulary, the names, their
    pieces and their first pieces."""

    matcher: PhraseMatcher
    vocab: Vocab
    names: frozenset[str]
    pieces: frozenset[str]
    first_pieces: frozenset[str]


@cache
def _alias_matcher() -> _AliasMatcher:
    names = frozenset(n for n in person_surface_names() if " " in n)
    vocab = Vocab()
    matcher = PhraseMatcher(vocab)
    matcher.add("PERSON_ALIAS", [Doc(vocab, words=_PIECE.findall(name)) for name in sorted(names)])
    pieces = frozenset(p for name in names for p in _PIECE.findall(name))
    first_pieces = frozenset(_PIECE.findall(name)[0] for name in names)
    return _AliasMatcher(matcher, vocab, names, pieces, first_pieces)


def alias_table_matches(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the alias table's names written whole in ``text`` (case as in the table, one
    space between words), the longest first at each place, none overlapping, in text order."""
    table = _alias_matcher()
    words = _PIECE.findall(text)
    if table.first_pieces.isdisjoint(words):
        return []  # no name can start anywhere: no doc to build
    # the doc holds the pieces that occur in names, each run of other pieces as one _OTHER piece
    doc_words: list[str] = []
    word_index: list[int] = []  # the piece of ``words`` each doc token is (-1 for _OTHER)
    previous = -2
    for index in [i for i, word in enumerate(words) if word in table.pieces]:
        if index != previous + 1:
            doc_words.append(_OTHER)
            word_index.append(-1)
        doc_words.append(words[index])
        word_index.append(index)
        previous = index
    matches = table.matcher(Doc(table.vocab, words=doc_words))
    if not matches:
        return []
    pieces = [piece.span() for piece in _PIECE.finditer(text)]
    candidates: list[tuple[int, int]] = []
    for _, first, last in matches:
        start, end = pieces[word_index[first]][0], pieces[word_index[last - 1]][1]
        if text[start:end] in table.names and not _touches_word(text, start, end):
            candidates.append((start, end))
    found: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda c: (c[0], c[0] - c[1])):
        if not found or start >= found[-1][1]:
            found.append((start, end))
    return found


def _touches_word(text: str, start: int, end: int) -> bool:
    """Whether a word character or hyphen stands right before ``start`` or right at ``end``."""
    return bool(_WORD_OR_HYPHEN.match(text[start - 1 : start]) or _WORD_OR_HYPHEN.match(text[end : end + 1]))


def _alias_table_mentions(spans: Sequence[EntitySpan], texts: Sequence[str]) -> list[PersonMention]:
    """Full names from the alias table written in the text where NER found no PERSON."""
    found: list[PersonMention] = []
    for source, text in enumerate(texts):
        people = [(s.start, s.end) for s in spans if s.source == source and s.label == "PERSON"]
        for match_start, match_end in alias_table_matches(text):
            if not any(start <= match_start and match_end <= end for start, end in people):
                found.append(PersonMention(text[match_start:match_end], match_start, match_end, source))
    return found


def find_alias_table(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Full names of the alias table ("Joseph R. Biden", "Boris N. Yeltsin") written whole in title or body,
    outside any PERSON span NER tagged (the longest at each place, none overlapping)."""
    return [*mentions, *_alias_table_mentions(article.spans, article.texts)]
