"""Seats of government: the one table of names that stand for a state or its government in news.

"The Kremlin said", "Downing Street denied", "Bankova confirmed", "Moscow warned": ``data/seats_of_government.tsv``
holds each such name as written, the state body it names, its country, its kind and where it counts (its
``uses``). Every consumer derives its look-up from that table: :mod:`~indexer.enrich.geo` (``METONYMS``, a
country mention), :mod:`~indexer.enrich.aliases` (organisation names), :mod:`~indexer.enrich.organizations`
(names found in text NER left untagged) and :mod:`~indexer.enrich.attribution_resolver` (a speaker's body
or state).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from indexer.enrich.entity_tables import TableError, read_table
from indexer.enrich.folding import fold

SEATS_FILE = "seats_of_government.tsv"
_COLUMNS = ("written", "canonical", "country", "kind", "uses")
KINDS = frozenset({"seat", "body", "capital", "language"})
USES = frozenset({"country", "organization", "untagged", "speaker"})


@dataclass(frozen=True)
class Seat:
    """One row of the seats table: a name as written, the body it names (None: the state itself), the
    alpha-2 country, its kind and the uses it counts for."""

    written: str
    canonical: str | None
    country: str
    kind: str
    uses: frozenset[str]


@cache
def seats() -> tuple[Seat, ...]:
    """Every row of the seats table, in file order (raises TableError on an unknown kind or use)."""
    rows = []
    for written, canonical, country, kind, uses in read_table(SEATS_FILE, _COLUMNS):
        row = Seat(written, None if canonical == "-" else canonical, country, kind, frozenset(uses.split()))
        if kind not in KINDS or not row.uses <= USES or len(country) != 2:
            raise TableError(f"{SEATS_FILE}: bad row {written!r}")
        rows.append(row)
    return tuple(rows)


def seats_for(use: str) -> list[Seat]:
    """The rows that count for ``use`` (one of :data:`USES`), in file order."""
    if use not in USES:
        raise ValueError(f"unknown use {use!r}")
    return [seat for seat in seats() if use in seat.uses]


def country_metonyms() -> dict[str, str]:
    """Folded name -> alpha-2 country, for the names that are a mention of their country ("kremlin" -> RU)."""
    return {fold(seat.written): seat.country for seat in seats_for("country")}


def organization_names() -> list[tuple[str, str, str]]:
    """(name as written, canonical organisation, country) of the names that name an organisation."""
    return [(seat.written, seat.canonical or seat.written, seat.country) for seat in seats_for("organization")]


@cache
def untagged_names() -> tuple[str, ...]:
    """The names (as written, case-sensitive) to find in text even where NER tagged nothing."""
    return tuple(seat.written for seat in seats_for("untagged"))


def speaker_bodies() -> dict[str, tuple[str, str]]:
    """Lower-case name -> (canonical body, country), for the names that in a speaker's description name a
    state body ("kremlin" -> ("Kremlin", "RU"), "bankova" -> ("Office of the President of Ukraine", "UA"))."""
    return {seat.written.lower(): (seat.canonical, seat.country) for seat in seats_for("speaker") if seat.canonical}


def speaker_states() -> dict[str, str]:
    """Lower-case name -> alpha-2 country, for the names that in a speaker's description name the state
    itself (capitals: "moscow" -> RU; "english" -> GB)."""
    return {seat.written.lower(): seat.country for seat in seats_for("speaker") if seat.canonical is None}
