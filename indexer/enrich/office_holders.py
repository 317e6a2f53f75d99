"""Holders of states' highest offices (``data/office_holders.tsv``), for speakers named only by their
office ("the President of Russia", "the Russian President"): the one holder the article itself names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from indexer.enrich.entity_tables import read_table
from indexer.enrich.stance_lexicon import NOT_HOLDER_MODIFIERS

#: How titles are written for the offices of the table ("premier", "head of state").
_OFFICE_WORDS = {"president": "president", "head of state": "president", "prime minister": "prime minister",
                 "premier": "prime minister", "chancellor": "chancellor"}


@lru_cache(maxsize=1)
def _holders() -> dict[tuple[str, str], tuple[str, ...]]:
    """(office, country) -> holders, from the data file."""
    table: dict[tuple[str, str], list[str]] = {}
    for office, country, holder in read_table("office_holders.tsv", ("office", "country", "holder")):
        table.setdefault((office, country), []).append(holder)
    return {key: tuple(names) for key, names in table.items()}


def office_named(words: str) -> str | None:
    """The table's office a title names among ``words`` ("the Prime Minister of Italy" -> "prime minister",
    "the Head of State" -> "president"), the longest title first; None when none is named or its bearer
    does not hold it ("the Deputy Prime Minister", "former President": ``not_holder_modifier`` words)."""
    padded = f" {' '.join(words.lower().split())} "
    for title in sorted(_OFFICE_WORDS, key=len, reverse=True):
        at = padded.find(f" {title} ")
        if at != -1:
            return None if held_by_another(padded[:at].split()) else _OFFICE_WORDS[title]
    return None


def not_holder_modifier(before: Sequence[str]) -> str | None:
    """The ``not_holder_modifier`` word that stands last before an office (lower-case words, a hyphen
    skipped: "[deputy] prime minister", "[vice]-president", "[former] president"), else None."""
    words = [word.strip("-–") for word in before if word.strip("-–")]
    return words[-1] if words and words[-1] in NOT_HOLDER_MODIFIERS else None


def held_by_another(before: Sequence[str]) -> bool:
    """Whether the words before an office (lower case) make its bearer no holder of it
    (:func:`not_holder_modifier`) or name another office ("[prime] minister")."""
    words = [word.strip("-–") for word in before if word.strip("-–")]
    return not_holder_modifier(words) is not None or words[-1:] == ["prime"]


def holders_of(office: str, country: str | None) -> tuple[str, ...]:
    """The table's holders of ``office`` in ``country``, or in any country when it is None."""
    if country is not None:
        return _holders().get((office, country), ())
    return tuple(holder for (each, _), names in _holders().items() if each == office for holder in names)


def named_holder(office: str, country: str | None, named: Callable[[str], str | None]) -> str | None:
    """The holder of ``office`` in ``country`` whom the article names (``named`` gives the article's
    canonical name for a name, None when the article does not name that person); with no country (a bare
    "the President"), the one holder of that office in any country whom the article names. None when the
    article names none of those holders, or more than one (then who is meant is not clear)."""
    found = {name for holder in holders_of(office, country) if (name := named(holder)) is not None}
    return found.pop() if len(found) == 1 else None
