"""Shapes of the enrichment output (the contract of ``newsarchive enrich`` and of the indexed document)."""

from __future__ import annotations

from typing import Literal, Protocol, TypedDict

#: Where ``published`` came from: the input's metadata, a dateline or a "Published:" line of the text, or (web
#: inputs: the reader's hint, see :func:`indexer.documents.build_document`) the page's markup, its URL, its
#: feed entry or the fetch time.
PublishedSource = Literal["metadata", "dateline", "text", "none", "html", "url", "feed", "fetch"]
#: What a speaker does with their words; ``says`` when the cue carries no stance (a plain report).
Stance = Literal["denies", "confirms", "no_comment", "claims", "supports", "opposes", "says"]
STANCES: tuple[Stance, ...] = ("denies", "confirms", "no_comment", "claims", "supports", "opposes", "says")
#: The stances that take a side (every stance but ``says``).
STANCE_BEARING: tuple[Stance, ...] = STANCES[:-1]
SpeakerType = Literal["person", "organization", "unknown"]


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
    """One attribution: who (``speaker``), how (``cue``, ``stance``), what (``content``) and where.

    ``speaker`` is the canonical person or organisation when ``resolved``; otherwise the source as written
    ("officials", "the spokesman") with ``speaker_type`` ``unknown``. ``speaker_text`` is the source as written
    at the cue. ``content`` is the quoted or reported content (``direct``: in quotation marks), None when the
    cue has none. Offsets are characters into the article ``text``: ``start``/``end`` of ``evidence`` (the
    sentence, joined with a quotation it introduces), ``content_start``/``content_end`` of ``content``.
    ``target``: what a stance is about, None for ``says``.
    """

    speaker: str
    speaker_text: str
    speaker_type: SpeakerType
    speaker_country: str | None
    resolved: bool
    stance: Stance
    cue: str
    content: str | None
    direct: bool
    evidence: str
    start: int
    end: int
    content_start: int | None
    content_end: int | None
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

    def named_person(self, name: str) -> str | None:
        """The canonical name of ``name`` when the article itself names that person, else None (unlike
        :meth:`person`, never a person known only from other articles or the name tables)."""
        ...
