"""The speaker an article's title names for a first-person text: "Address by President Volodymyr Zelenskyy
to the Parliament of Canada", "We are fighting for our future - speech by President Volodymyr Zelenskyy",
"address by the President of Ukraine" (the holder of the office when the article names exactly one, else
the office as written, kept unresolved: never guessed).

Whom the text's I/we mean, and whose stance-bearing sentences without a cue are statements, as in a
transcript turn. The genre words are data (``data/first_person_titles.tsv``); a title naming several
speakers ("address by the President, the Chairman ... and the Prime Minister") names none.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from indexer.enrich.attribution_memory import Speaker
from indexer.enrich.attribution_resolver import clean_name, country_code
from indexer.enrich.entity_tables import read_table
from indexer.enrich.office_holders import named_holder, office_named
from indexer.enrich.person_titles import country_in, title_country
from indexer.enrich.types import EntityResolver

_END = r"(?=\s+(?:to|at|in|on|during|before|after|for|with|from|about)\s|\s*[:;.!?()–—]|\s+-\s|\s*$)"


@cache
def _title_pattern() -> re.Pattern[str]:
    words = sorted((word for (word,) in read_table("first_person_titles.tsv", ("word",))), key=len, reverse=True)
    genre = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
    return re.compile(rf"\b(?:{genre})\s+(?:by|of)\s+(?P<who>.+?){_END}", re.IGNORECASE)


def title_speaker(title: Doc | None, resolver: EntityResolver) -> Speaker | None:
    """The one speaker the ``title`` (a Doc with entities) names as the author of a first-person text: a
    person the title names, or the holder of an office it names when the article names exactly one
    holder, else that office as written (``resolved`` False); None when the title names no such text,
    several speakers, or neither a person nor an office."""
    if title is None:
        return None
    match = _title_pattern().search(title.text)
    if match is None:
        return None
    start, end = match.span("who")
    words = match.group("who")
    if re.search(r",|\band\b|&", words):
        return None
    for ent in title.ents:
        if start <= ent.start_char and ent.end_char <= end:
            name = _person_in(ent, resolver)
            if name is not None:
                return Speaker(name, "person", title_country(ent, resolver))
    span = title.char_span(start, end, alignment_mode="expand")
    office = office_named(words)
    if span is None or office is None:
        return None
    country = country_in(span, resolver)
    holder = named_holder(office, country, resolver.named_person)
    if holder is not None:
        return Speaker(holder, "person", country)
    return Speaker(_as_written(words), "person", country, resolved=False)


def _as_written(words: str) -> str:
    """An office as a reader would name it: "the President of Ukraine" -> "President of Ukraine"."""
    words = " ".join(words.split())
    return words[4:] if words.lower().startswith("the ") else words


def _person_in(ent: Span, resolver: EntityResolver) -> str | None:
    """The person an entity of the title names: a PERSON, or a known person's name closing another entity
    ("Ukraine Volodymyr Zelenskyy" tagged ORG)."""
    if ent.label_ == "PERSON":
        return resolver.person(ent.text) or clean_name(ent.text)
    for first in range(1, len(ent) - 1):
        name = resolver.person(ent[first:].text)
        if name is not None:
            return name
    if len(ent) >= 3 and country_code(ent[0].text) is not None and all(t.is_title for t in ent[1:]):
        return clean_name(ent[1:].text)  # "Ukraine Volodymyr Zelenskyy": a country word, then a name
    return None
