"""Common given names and surnames: the US Census 1990 name lists the ``names`` package ships, and hand
lists of given names the census lacks (``data/given_names_extra.tsv``: transliterated Eastern European and
Central Asian ones; other European, Middle Eastern and Asian ones).

The lists are public-domain data (US Census Bureau); the package carries them as plain text files with one
name, its frequency, cumulative frequency and rank per line. English-language news names people from
everywhere, so the lists are a positive signal only ("Mariano" is a given name), never a test that a word
is not a name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import names
from spacy.lang.en.stop_words import STOP_WORDS

from indexer.enrich.entity_tables import read_table


@cache
def given_names() -> frozenset[str]:
    """Lower-case given names (the census male and female lists, about 5,500, and the hand lists of
    ``data/given_names_extra.tsv``: transliterated Eastern European and Central Asian names and other names
    news often writes), without English stop words ("In", "Will", "May" are in the lists but far more often
    not names)."""
    census = _ranks(names.FILES["first:male"]).keys() | _ranks(names.FILES["first:female"]).keys()
    return frozenset(census | _TRANSLITERATED_GIVEN_NAMES | _WORLD_GIVEN_NAMES) - STOP_WORDS


def _hand_list(group: str) -> frozenset[str]:
    """The given names of one group of ``data/given_names_extra.tsv`` ("transliterated" or "world")."""
    rows = read_table("given_names_extra.tsv", ("group", "name"))
    return frozenset(name for row_group, name in rows if row_group == group)


#: Given names of Eastern Europe, the Balkans, the Caucasus and Central Asia in the spellings English-language news
#: uses, which the US census lists lack ("Transport | Sergei Ivanov", "Serhiy", "Oleksandr"): a hand list.
_TRANSLITERATED_GIVEN_NAMES = _hand_list("transliterated")
#: Given names of Western and Central Europe, the Middle East, Turkey and South and East Asia that news names
#: often and the US census lists lack ("Mayor of Koszalin | Piotr Jedlinski", "Klaus Schwab", "Recep Tayyip
#: Erdoğan"), with the Arabic and Persian honorific first names ("Seyed Mohammad Mir-Mohammadi"): a hand list.
_WORLD_GIVEN_NAMES = _hand_list("world")


def surname_rank(word: str) -> int | None:
    """The frequency rank of a surname (1 = most common: "Smith") among about 88,800, None when it is not in
    the list. Common surnames that are also English words rank high ("Brown" 5, "Law" 1,088); English words
    that are rare surnames rank low ("Valley" 7,445, "Harbor" 18,193)."""
    return _surname_ranks().get(word.lower())


@cache
def _surname_ranks() -> dict[str, int]:
    return _ranks(names.FILES["last"])


def _ranks(path: str) -> dict[str, int]:
    """Lower-case name -> rank, from a census list file (name, frequency, cumulative frequency, rank)."""
    ranks: dict[str, int] = {}
    for line in Path(path).read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            ranks[fields[0].lower()] = int(fields[3])
    return ranks
