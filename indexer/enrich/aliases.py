"""Alias tables: one canonical name for people and organisations that news spells in several ways.

Persons (``data/person_aliases.tsv``): transliteration variants (Zelensky / Zelenskyy / Zelenskiy) and, for
surnames that in news name one person only, the full name of a lone surname ("Putin" -> "Vladimir Putin").
Other variants are matched with :func:`translit_key` and ``rapidfuzz`` in :mod:`indexer.enrich.persons`.
Organisations (``data/organization_aliases.tsv``, and the seats of government of :mod:`indexer.enrich.seats`
that name an organisation): short and long forms, with the country of state bodies.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from indexer.enrich import seats
from indexer.enrich.entity_tables import TableError, read_table, split_cell
from indexer.enrich.folding import fold

_PERSON_COLUMNS = ("canonical", "unique_surname", "variants")
_ORGANIZATION_COLUMNS = ("canonical", "country", "variants")


def fold_name(text: str) -> str:
    """Lower case without accents, with straight apostrophes, single spaces and no space after a dot (for
    alias look-ups: "U. S." and "U.S." -> "u.s."): :func:`indexer.enrich.folding.fold` with ``join_dots``."""
    return fold(text, join_dots=True)


@lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """A key under which transliteration variants of a name coincide (Zelenskyy, Zelenskiy -> zelensky)."""
    key = fold_name(name).replace("-", " ")
    key = re.sub(r"(?:yy|iy|yi|ii|ij|ei|ey)\b", "y", key)
    key = key.replace("kh", "h").replace("ck", "k").replace("dzh", "j").replace("zh", "j")
    key = re.sub(r"([a-z])\1", r"\1", key)
    return key


@cache
def person_aliases() -> dict[str, str]:
    """Folded full name or variant -> canonical full name."""
    table: dict[str, str] = {}
    for canonical, variants in _person_rows():
        for name in (canonical, *variants):
            table[fold_name(name)] = canonical
            table[translit_key(name)] = canonical
    return table


def person_surface_names() -> list[str]:
    """Every canonical name and variant of the person table, as written."""
    return [name for canonical, variants in _person_rows() for name in (canonical, *variants)]


@cache
def unique_surnames() -> dict[str, str]:
    """Translit key of a surname that alone names one person in news -> that person's canonical name."""
    table: dict[str, str] = {}
    for canonical, variants in _person_rows(starred_only=True):
        for name in (canonical, *variants):
            table[translit_key(name.split()[-1])] = canonical
    return table


def _person_rows(starred_only: bool = False) -> list[tuple[str, list[str]]]:
    rows = []
    for canonical, unique_surname, variants in read_table("person_aliases.tsv", _PERSON_COLUMNS):
        if unique_surname not in ("yes", "no"):
            raise TableError(f"person_aliases.tsv: unique_surname of {canonical!r} is not yes/no")
        if starred_only and unique_surname != "yes":
            continue
        rows.append((canonical, split_cell(variants)))
    return rows


@cache
def organization_aliases() -> dict[str, tuple[str, str | None]]:
    """Folded organisation name or variant -> (canonical name, alpha-2 country or None)."""
    table: dict[str, tuple[str, str | None]] = {}
    for canonical, country, variants in read_table("organization_aliases.tsv", _ORGANIZATION_COLUMNS):
        if country != "-" and not re.fullmatch(r"[A-Z]{2}", country):
            raise TableError(f"organization_aliases.tsv: bad country of {canonical!r}: {country!r}")
        for name in (canonical, *split_cell(variants)):
            table[fold_name(name)] = (canonical, None if country == "-" else country)
    for written, canonical, country in seats.organization_names():
        table[fold_name(written)] = (canonical, country)
    return table
