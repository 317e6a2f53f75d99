"""Entity mentions as plain values, and the clean-up of their surface text (titles, possessives, junk).

The values and the person-name clean-up live in :mod:`indexer.enrich.spans` and
:mod:`indexer.enrich.persons.name_cleaning`; this module re-exports them and holds the organisation-name
clean-up (:func:`clean_org_name`) and the splitting of coordinated spans (:func:`split_coordinations`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from indexer.enrich.persons.data_files import word_list
from indexer.enrich.persons.name_cleaning import (
    NAME_PARTICLES,
    PRONOUNS,
    STORM_WORDS,
    clean_person_name,
    is_person_title,
    is_title_word,
    name_like,
    strip_possessive,
    thing_before,
    thing_goes_on,
)
from indexer.enrich.spans import BODY, TITLE, CoveredText, EntitySpan, entity_spans, lower_case_words

__all__ = [
    "BODY",
    "NAME_PARTICLES",
    "STORM_WORDS",
    "TITLE",
    "CoveredText",
    "EntitySpan",
    "clean_org_name",
    "clean_person_name",
    "entity_spans",
    "is_person_title",
    "is_title_word",
    "lower_case_words",
    "split_coordinations",
    "strip_possessive",
    "thing_before",
    "thing_goes_on",
]

#: First words that make an ORG span a role, not an organisation ("Minister of Foreign Affairs").
_ROLE_STARTS = word_list("role_starts")

_IN_NAME_ROLES = word_list("in_name_roles")

#: Company-form words and currencies: an ORG span of only these (or ending in a currency) is no organisation.
_COMPANY_FORMS = word_list("company_forms")

_CURRENCIES = word_list("currencies")

#: ORG spans that are not organisations: diseases, time zones, fragments of ministry names, slogans.
_NOT_ORGANIZATIONS = word_list("not_organizations")


def clean_org_name(text: str) -> str | None:
    """The organisation name in an ORG mention: no leading "the", possessive, quotes; None for junk."""
    text = text.replace("’", "'").replace("\u00a0", " ").strip(" \t\n,.;:-–—\"“”‘'")
    if "\n" in text:
        text = text.split("\n")[0].strip()
    if text.lower().startswith("the "):
        text = text[4:]
    text = strip_possessive(text.split(" (")[0]).strip()
    words = text.split()
    for index in range(1, len(words) - 1):  # "Federation Council Speaker Valentina Matviyenko"
        if words[index].lower() in _ROLE_STARTS | _IN_NAME_ROLES and name_like(words[index + 1]):
            words = words[:index]
            break
    while words and ((not words[-1][:1].isupper() and not words[-1][:1].isdigit()) or words[-1] in "-–—&"):
        words.pop()
    while len(words) > 1 and words[-1].lower().strip(",") in _COMPANY_FORMS:  # "Chrysler Corp" = "Chrysler"
        words.pop()
        while len(words) > 1 and (not words[-1][:1].isupper() or words[-1] in "-–—&"):
            words.pop()
    words[-1:] = [words[-1].rstrip(",")] if words else []
    text = " ".join(words)
    if words and words[0].lower() in _ROLE_STARTS:
        return None
    if text.lower() in _NOT_ORGANIZATIONS or all(w.lower() in _COMPANY_FORMS for w in words):
        return None
    if words[-1].lower() in _CURRENCIES:
        return None  # "U.S. Dollar"
    if len(text) < 2 or (not text[:1].isupper() and not text[:1].isdigit()):
        return None
    if text.isdigit() or text.lower() in PRONOUNS:
        return None
    return " ".join(text.split())


_COORDINATION = re.compile(r",\s*|\s+and\s+|\s*&\s*")


def split_coordinations(spans: list[EntitySpan], known: Callable[[str], str | None]) -> list[EntitySpan]:
    """Split non-PERSON spans that join known names ("Kharkiv and Odesa", "the White House and") into one
    span per name. ``known(text)`` gives the label for a name it knows ("GPE", "ORG") or None; a span is
    split only when every part is known, and a trailing "and" is dropped.
    """
    result: list[EntitySpan] = []
    for span in spans:
        if span.label == "PERSON" or not _COORDINATION.search(span.text):
            result.append(span)
            continue
        parts: list[EntitySpan] = []
        position = 0
        for match in [*_COORDINATION.finditer(span.text), None]:
            end = match.start() if match else len(span.text)
            piece = span.text[position:end]
            stripped = piece.strip()
            if stripped:
                offset = position + piece.index(stripped)
                label = known(stripped)
                if label is None:
                    parts = []
                    break
                parts.append(
                    EntitySpan(stripped, label, span.start + offset, span.start + offset + len(stripped), span.source)
                )
            position = match.end() if match else len(span.text)
        result.extend(parts if parts else [span])
    return result
