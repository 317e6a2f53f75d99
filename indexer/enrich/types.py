"""Shapes of the enrichment output (the contract of ``newsarchive enrich`` and of the indexed document)."""

from __future__ import annotations

from typing import Literal, Protocol, TypedDict

#: Where ``published`` came from: the input's metadata, a dateline or a "Published:" line of the text, or (web
#: inputs: the reader's hint, see :func:`indexer.documents.build_document`) the page's markup, its URL, its
#: feed entry or the fetch time.
PublishedSource = Literal["metadata", "dateline", "text", "none", "html", "url", "feed", "fetch"]
Stance = Literal["denies", "confirms", "no_comment", "claims", "supports", "opposes"]
STANCES: tuple[Stance, ...] = ("denies", "confirms", "no_comment", "claims", "supports", "opposes")


class PersonMention(TypedDict):
    name: str
    mentions: int


class CountryMention(TypedDict):
    code: str
    name: str


class PlaceMention(TypedDict):
    name: str
    country: str | None


class OrganizationMention(TypedDict):
    name: str
    country: str | None


class Statement(TypedDict):
    speaker: str
    speaker_type: Literal["person", "organization"]
    speaker_country: str | None
    stance: Stance
    cue: str
    evidence: str
    start: int
    end: int
    target: str | None


class Enrichment(TypedDict):
    """What enrichment adds to an article; every field is indexed under the same name."""

    title: str
    text: str
    published: str | None
    published_source: PublishedSource
    enrichment_version: int
    dates: list[str]
    persons: list[PersonMention]
    countries: list[CountryMention]
    places: list[PlaceMention]
    organizations: list[OrganizationMention]
    statements: list[Statement]
    stances: list[Stance]


class EntityResolver(Protocol):
    """Resolves a mention inside one article to the article's canonical entity (used by attribution)."""

    def person(self, text: str) -> str | None:
        """Canonical full name for a person mention ("Peskov" -> "Dmitry Peskov"), or None."""
        ...

    def organization(self, text: str) -> tuple[str, str | None] | None:
        """(canonical organisation name, alpha-2 country or None) for an organisation mention, or None."""
        ...
