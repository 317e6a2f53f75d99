"""The facet registry: every filterable, countable field of the search, declared once.

The query builders, the API, the pages and the suggest endpoint all read this table; nothing else names a
facet field. Field names are those of :mod:`newsarchive.mapping`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Case = Literal["as_is", "upper", "lower"]


@dataclass(frozen=True)
class FilterField:
    """A field a selected facet value is matched against, and how the value is cased first."""

    field: str
    case: Case = "as_is"

    def term(self, value: str) -> str:
        """The value as this field stores it (``.lc`` fields need no casing: their normalizer does it)."""
        if self.case == "upper":
            return value.upper()
        if self.case == "lower":
            return value.lower()
        return value


@dataclass(frozen=True)
class Facet:
    """One term facet.

    ``param`` is the URL parameter (repeatable); ``field`` the keyword field counted by the aggregation
    (display values); ``filter_fields`` the fields a selected value is matched against (the ``.lc`` twins
    match case-insensitively because their normalizer also lower-cases the query term).
    """

    name: str
    param: str
    label: str
    field: str
    filter_fields: tuple[FilterField, ...]
    suggest: bool = True


FACETS: tuple[Facet, ...] = (
    Facet("person", "person", "Person", "persons.name", (FilterField("persons.name.lc"),)),
    Facet(
        "country",
        "country",
        "Country",
        "countries.name",
        (FilterField("countries.name.lc"), FilterField("countries.code", "upper")),
    ),
    Facet("org", "org", "Organisation", "organizations.name", (FilterField("organizations.name.lc"),)),
    Facet("stance", "stance", "Stance", "stances", (FilterField("stances", "lower"),), suggest=False),
    # Anyone quoted with a resolved name (person or organisation); unresolved sources ("officials") are not.
    Facet("speaker", "speaker", "Speaker", "speakers", (FilterField("speakers.lc"),), suggest=False),
    Facet(
        "speaker_stance",
        "speaker_stance",
        "Who said what",
        "speaker_stance",
        (FilterField("speaker_stance.lc"),),
        suggest=False,
    ),
    Facet("source", "source", "Source", "source", (FilterField("source.lc"),)),
)

FACETS_BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}

#: The date field of the timeline / publication histogram, and of the published_from/to filters.
PUBLISHED_FIELD = "published"
#: The field holding dates the article text refers to (mentioned_from/to filters).
MENTIONED_FIELD = "dates"


def facet(name: str) -> Facet:
    """Return the facet called ``name``; raises KeyError for an unknown name."""
    return FACETS_BY_NAME[name]


def suggestable_facets() -> tuple[Facet, ...]:
    """Facets that /api/suggest serves (free-text values; not the fixed stance vocabulary)."""
    return tuple(f for f in FACETS if f.suggest)
