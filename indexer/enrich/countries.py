"""Countries and places an article refers to.

A country is referred to by its name or short form ("U.S.", "Britain"), an adjective or demonym
("Ukrainian", "Americans"), a seat of government standing for the state ("the Kremlin"), or a state body
("Ukraine’s Foreign Ministry"). Organisation names do not leak a country ("The Washington Post" is one
ORG span, never a mention of the US); supranational bodies and regions (EU, NATO, UN, Europe) are not
countries. Cities and regions go to ``places`` with their country, not into ``countries``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from indexer.enrich import geo
from indexer.enrich.mentions import CoveredText, EntitySpan
from indexer.enrich.types import CountryMention, PlaceMention

_COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "ORG"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MISLABELLED = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
_BIG_PLACE = 100_000
#: Capitalised words (1-4) that may be a country or demonym NER did not tag ("U.S.", "South Korean").
_CANDIDATE = re.compile(r"(?<![\w.-])(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3}")


def extract_countries(
    spans: Sequence[EntitySpan],
    texts: Sequence[str],
    organization_countries: Iterable[str | None],
    exclude: Iterable[str] = (),
) -> list[CountryMention]:
    """The countries of one article, sorted by code.

    From NER spans (GPE, NORP, LOC, FAC, and ORG spans that are a seat of government or a country name
    mis-tagged), from capitalised words NER left untagged that are unambiguous country names or
    demonyms, and from the countries of the article's state bodies. Names in ``exclude`` (e.g. the
    article's persons) are never countries.
    """
    excluded = {geo.fold(name) for name in exclude}
    codes: set[str] = {c for c in organization_countries if c}
    for span in spans:
        if span.label not in _COUNTRY_LABELS or geo.fold(span.text) in excluded:
            continue
        code = _span_country(span)
        if code:
            codes.add(code)
    for source, text in enumerate(texts):
        covered = CoveredText(spans, source)
        for match in _CANDIDATE.finditer(text):
            if covered.overlaps(match.start(), match.end()):
                continue
            code = _untagged_country(match.group(0), excluded) or geo.METONYMS.get(geo.fold(match.group(0)))
            if code:
                codes.add(code)
    return [CountryMention(code=code, name=geo.country_display_name(code)) for code in sorted(codes)]


def _span_country(span: EntitySpan) -> str | None:
    text = span.text.strip()
    if span.label == "ORG":
        key = geo.fold(text)
        return geo.METONYMS.get(key) or (geo.country_names().get(key) if not text.isupper() else None)
    if span.label == "FAC":
        return geo.METONYMS.get(geo.fold(text))
    code = geo.country_code(text)
    if code is None:
        # "Russia-Ukraine", "US-China": every part a country
        parts = re.split(r"\s*[-–/]\s*", text)
        return geo.country_code(parts[0]) if len(parts) == 2 and geo.country_code(parts[1]) else None
    return code


def _untagged_country(text: str, excluded: set[str]) -> str | None:
    words = text.split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start : start + size]).rstrip(".,")
            if geo.fold(candidate) in excluded:
                continue
            key = geo.fold(candidate.replace("’", "'").removesuffix("'s"))
            code = geo.country_names().get(key) or geo.demonyms().get(key)
            short_ok = "." in candidate or (len(words) == 1 and candidate in ("US", "UK", "USA"))
            if code and (len(key) > 3 or short_ok):
                return code
    return None


def extract_places(spans: Sequence[EntitySpan], exclude: Iterable[str] = ()) -> list[PlaceMention]:
    """Cities and regions with their country, sorted by name: GPE, LOC and FAC spans found in the
    gazetteer, and spans NER gave another label that name a city or region of 100,000 people or more
    ("Kyiv" tagged PERSON), unless the name is one of ``exclude`` (the article's persons)."""
    excluded = {geo.fold(name) for name in exclude}
    found: dict[str, str | None] = {}
    for span in spans:
        if geo.fold(span.text) in excluded:
            continue
        text = span.text.replace("’", "'").removesuffix("'s").strip()
        place = geo.place(text)
        if place is None:
            continue
        if span.label in _PLACE_LABELS or (span.label in _MISLABELLED and place.population >= _BIG_PLACE):
            found.setdefault(place.name, place.country)
    return [PlaceMention(name=name, country=country) for name, country in sorted(found.items())]
