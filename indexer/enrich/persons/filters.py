"""The last filters of person extraction, whichever source found a mention: all-capital mentions, a body's
word NER ran into a name, things' names and common words, overlapping mentions."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from indexer.enrich import geo
from indexer.enrich.name_lists import given_names, surname_rank
from indexer.enrich.nlp import english_adjectives, english_present_participle
from indexer.enrich.persons.data_files import word_list
from indexer.enrich.persons.name_cleaning import NAME_PARTICLES, is_title_word
from indexer.enrich.persons.office_holders import PERSON_NOUNS
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import (
    COMMON_SURNAME_RANK,
    PATRONYMIC,
    census_name,
    common_word,
    demonym_of_place,
    english_noun,
    english_word,
    place_or_country,
    without_the,
)
from indexer.enrich.spans import EntitySpan


def _without_body_first_word(raw: list[PersonMention], spans: Sequence[EntitySpan]) -> list[PersonMention]:
    """``raw`` with the first word of a name of three or more words dropped when it is no given name and
    belongs to a body NER ran into the name: the rest is a full name the article also writes alone, or the
    article tags the word alone as an organisation or place ("Transneft | Nikolai Tokarev", "Mejlis |
    Nariman Dzhelialov", "Alstom | Henri Poupart-Lafarge")."""
    names = {m.name for m in raw}
    bodies = {without_the(s.text) for s in spans if s.label in ("ORG", "GPE", "FAC", "NORP", "LOC")}
    result = []
    for mention in raw:
        first, _, rest = mention.name.partition(" ")
        if (
            len(rest.split()) >= 2
            and first.lower() not in given_names()
            and first.lower() not in NAME_PARTICLES
            and rest.split()[0].lower() not in NAME_PARTICLES  # not "Wilfried | Van Moer"
            and rest.split()[0].split("-")[0].lower() in given_names()
            and (rest in names or first in bodies)
        ):
            mention = PersonMention(rest, mention.end - len(rest), mention.end, mention.source)
        result.append(mention)
    return result


@lru_cache(maxsize=65_536)
def thing_name(name: str) -> bool:
    """Whether a name of two or more words, whichever rule found it, is the name of a thing, group, place or
    rank rather than a person's: a possessive before its last word ("Macron's Address", "People's Artist"),
    an -ing word first ("Defending Volnovakha"), a patronymic first (a list line split in the wrong place:
    "Ivanovych Kovalenko"), a demonym first ("Kyivan Rus"), a country or big place (not an East Asian one,
    whose names are given names too) and an English word ("Poltava Way"), a title or person's noun last
    that is no surname ("Apostolic Nuncio", "Sanitary Physician"; not "Martin Luther King"), or an English
    adjective that is no name and an English noun that is no common surname ("Greater Eurasia")."""
    words = name.split()
    first, last = words[0], words[-1]
    if any(w.endswith(("'s", "’s")) for w in words[:-1]):
        return True
    if english_present_participle(first) and not census_name(first):
        return True  # not "Manning Marable"
    if PATRONYMIC.search(first.lower()) or (demonym_of_place(first) and first.lower() not in given_names()):
        return True
    if len(words) == 2 and place_or_country(first) and not census_name(first) and english_word(last):
        return not _east_asian_place(first)  # not "Kobe Bryant", "Orel Hershiser", "Xiaogang Wei"
    if surname_rank(last) is None and (is_title_word(last) or last.lower() in PERSON_NOUNS):
        return True
    return (
        len(words) == 2
        and first.lower() in english_adjectives()
        and not census_name(first)
        and english_noun(last)
        and (surname_rank(last) or COMMON_SURNAME_RANK + 1) > COMMON_SURNAME_RANK
    )


#: Countries whose place names are syllables that also make given names ("Xiaogang", "Kobe").
_EAST_ASIAN_COUNTRIES = word_list("east_asian_countries")


def _east_asian_place(word: str) -> bool:
    """Whether the gazetteer's place of this name lies in East Asia ("Xiaogang", "Kobe")."""
    place = geo.place(word)
    return place is not None and place.country in _EAST_ASIAN_COUNTRIES


def _one_word_name(name: str, full_tokens: AbstractSet[str], lower_words: AbstractSet[str]) -> bool:
    """Whether a one-word mention, whichever rule found it, may be a person: no title ("Deputy") and, unless
    a word of a full name of the article, no ordinary word ("Colleagues," opening a speech)."""
    return not is_title_word(name) and (name in full_tokens or not common_word(name, lower_words))


def _upper_case_resolved(raw: list[PersonMention], texts: Sequence[str]) -> list[PersonMention]:
    """All-capital mentions ("DALGLISH") count only as a name the article writes in ordinary case: NER's
    all-capital "persons" in headlines ("RECORD EVOLUTION") go, capitals of known names come in."""
    if _mostly_capitals(texts):
        return raw  # an all-capital article: nothing to compare with
    kept = [m for m in raw if not _all_capitals(m.name)]
    names: dict[str, str] = {}
    for mention in kept:
        words = mention.name.split()
        names.setdefault(geo.fold(mention.name), mention.name)
        if len(words) >= 2 and len(words[-1]) >= 3 and not place_or_country(words[-1]):
            names.setdefault(geo.fold(words[-1]), words[-1])
    for source, text in enumerate(texts):
        kept.extend(PersonMention(name, start, end, source) for name, start, end in upper_case_mentions(text, names))
    return kept


def _mostly_capitals(texts: Sequence[str]) -> bool:
    """Whether the texts (their first 4,000 characters) have more capital than lower-case ASCII letters (an
    all-capital article)."""
    joined = "".join(texts)[:_CAPITALS_SAMPLE]
    lower = len(joined) - len(joined.translate(_DELETE_LOWER))
    upper = len(joined) - len(joined.translate(_DELETE_UPPER))
    return lower < upper


#: Characters of an article enough to tell an all-capital article (its first 4,000).
_CAPITALS_SAMPLE = 4_000

_DELETE_LOWER = str.maketrans("", "", string.ascii_lowercase)

_DELETE_UPPER = str.maketrans("", "", string.ascii_uppercase)


def _all_capitals(name: str) -> bool:
    """Whether ``name`` has two letters or more, all capitals."""
    return sum(c.isalpha() for c in name) >= 2 and name.isupper()


def _without_overlaps(mentions: list[PersonMention]) -> list[PersonMention]:
    """One mention per stretch of text: the longest of overlapping ones (NER, alias table, surnames)."""
    kept: list[PersonMention] = []
    for mention in sorted(mentions, key=lambda m: (m.source, m.start, -(m.end - m.start))):
        if kept and kept[-1].source == mention.source and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


#: An all-capital word (two letters or more): headline words.
_UPPER_WORDS = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’-]*[A-Z](?:[ ]+[A-Z][A-Z'’-]*[A-Z])*(?![\w'’-])")


def upper_case_mentions(text: str, names: Mapping[str, str]) -> Iterator[tuple[str, int, int]]:
    """Mentions written in capitals ("DALGLISH", "CHANDA RUBIN") of names the article writes in ordinary
    case; ``names`` maps the folded name to that name. The longest known run of words wins."""
    if not names:
        return
    for match in _UPPER_WORDS.finditer(text):
        words = [(m.group(0), match.start() + m.start()) for m in re.finditer(r"\S+", match.group(0))]
        index = 0
        while index < len(words):
            for size in (3, 2, 1):
                if index + size > len(words):
                    continue
                start = words[index][1]
                last, last_start = words[index + size - 1]
                written = re.sub(r"['’]S?$", "", text[start : last_start + len(last)])
                key = geo.fold(written)
                if key in names:
                    yield names[key], start, start + len(written)
                    index += size
                    break
            else:
                index += 1


def resolve_upper_case(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Drops all-capital mentions ("RECORD EVOLUTION") and finds the capitals of names the article writes in
    ordinary case ("DALGLISH" for "Kenny Dalglish"): a filter that also adds mentions, kept in one step
    because the names it adds come from the mentions it keeps. Not in an all-capital article."""
    return _upper_case_resolved(mentions, article.texts)


def drop_body_first_word(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Drops the first word of a three-word name when it belongs to a body NER ran into the name
    ("Transneft | Nikolai Tokarev"): the mention becomes the name after it."""
    return _without_body_first_word(mentions, article.spans)


def drop_things_and_common_words(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Drops names of two or more words that name a thing, group, place or rank ("Macron's Address",
    "Greater Eurasia"), and one-word names that are a title or, unless a word of a full name of the article,
    a common word ("Colleagues", "Olympic", a word the article also writes in lower case)."""
    return [
        m
        for m in mentions
        if (" " in m.name and not thing_name(m.name))
        or (" " not in m.name and _one_word_name(m.name, article.full_tokens, article.lower_words))
    ]


def drop_overlaps(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Keeps one mention per stretch of text, the longest of overlapping ones, sorted by source and start."""
    return _without_overlaps(mentions)
