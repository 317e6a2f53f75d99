"""Filter ``non_person_context``: names the article shows to be no person by the words around them.

An organisation, team, place or press context anywhere in the article ("Magna International Inc", "Everton
striker", "the daily Sueddeutsche Zeitung", "Lake Baikal", "Hurricane Humberto"), the owner of a person
("Everton's Duncan Ferguson"), the dateline's place, a one-word name written only after "the", and a name
that goes on into a thing's name or follows "Order of" or a ship's prefix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.enrich import geo
from indexer.enrich.persons.canonical import known_person
from indexer.enrich.persons.name_cleaning import STORM_WORDS, thing_before, thing_goes_on
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import census_name


def _only_after_the(raw: list[PersonMention], texts: Sequence[str]) -> set[str]:
    """Folded one-word names that the article writes only after "the" ("nominated for the Oscar", "the
    Gukurahundi massacres"): a thing or a group, not a person, unless a common given name or surname or a
    well-known person ("the Clinton administration", "the Assad regime")."""
    after_the: dict[str, bool] = {}
    for mention in raw:
        if " " not in mention.name and not census_name(mention.name) and known_person(mention.name) is None:
            before = texts[mention.source][max(0, mention.start - 4) : mention.start]
            key = geo.fold(mention.name)
            after_the[key] = after_the.get(key, True) and before.lower() == "the "
    return {name for name, always in after_the.items() if always}


#: A character that continues a word (so "Magna" inside "Magnate" is no occurrence of "Magna").
_WORD_CHAR = re.compile(r"[\w'’-]")


def _names_in_non_person_context(raw: list[PersonMention], source: int, text: str) -> set[str]:
    """Folded names of ``raw`` that the text writes, anywhere, in an organisation, team, place or press
    context ("Magna International Inc" makes every "Magna" of the article the company)."""
    found: set[str] = set()
    for name in {m.name for m in raw if m.source == source}:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            whole_word = not _WORD_CHAR.match(text[start - 1 : start]) and not _WORD_CHAR.match(text[end : end + 1])
            if whole_word and non_person_context(text, start, end):
                found.add(geo.fold(name))
                break
            start = text.find(name, end)
    return found


def _possessive_before_person(raw: list[PersonMention], source: int, text: str) -> set[str]:
    """Folded one-word names written as the owner of a person found ("Everton's Duncan Ferguson",
    "Pescara's Ottavio Palladini"): a club, town or country, not a person."""
    starts = {m.start for m in raw if m.source == source and " " in m.name}
    found: set[str] = set()
    for mention in raw:
        if mention.source != source or " " in mention.name:
            continue
        possessive = re.match(r"['’]s[ ]", text[mention.end : mention.end + 3])
        if possessive is not None and mention.end + possessive.end() in starts:
            found.add(geo.fold(mention.name))
    return found


#: Context cues for organisations, teams, places and newspapers (see ``non_person_context``).
_COMPANY_AFTER = re.compile(
    r"(?:[ ][A-Z][a-z]+){0,2},?[ ](?:Inc|Corp|Co|Plc|PLC|Ltd|AG|SpA|S\.A\.|SA|NV|GmbH|&[ ](?:Sons|Co))(?![\w-])"
)

_PLACE_NOUN_AFTER = re.compile(
    r"[ ](?:sanatorium|checkpoint|port|region|province|district|valley|hills|mountains|airport|village|prison"
    r"|camp|rifles?|archdiocese|diocese|bookshop|resort|stadium|collective farm|city|river|lake|island"
    r"|cosmodrome|app|format|contest|programme|program|project|initiative|platform)\b"
)

#: Before a place: a preposition of place (the name must be in the gazetteer too: "in Baracoa", "at
#: Cliffe") or "Republic of" and the like ("the Republic of Ingushetia").
_PLACE_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|near|between|outside)[ ]+$")

_OF_REGION_BEFORE = re.compile(r"\b(?:Republic|Region|Province|Oblast|Krai|Territory|Governorate)[ ]+of[ ]+$")

#: A natural feature's word before or after a name ("Lake Baikal", "Mount Elbrus", "Dnieper River"): a
#: place. Not streets, squares or bridges, which are often named after people.
_FEATURE_BEFORE = re.compile(r"\b(?:Lake|Mount|Mt\.?|Cape|River|Gulf[ ]of|Sea[ ]of)[ ]+$")

_FEATURE_AFTER = re.compile(r"[ ](?:River|Lake|Sea|Mountains|Island|Islands|Canal|Strait|Peninsula|Gulf)\b")

#: A band's name after the word for a band ("the supergroup Blind Faith", "the band Wings").
_BAND_BEFORE = re.compile(r"\b(?:band|supergroup|rock[ ]group|pop[ ]group)[ ]+$")  # not "Pace trio David Millns"

#: A storm's name ("Tropical Storm Humberto", "Hurricane Humberto", "Typhoon Hagibis").
_STORM_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(w.capitalize() for w in STORM_WORDS)) + r")[ ]+$")

_TEAM_WORD_AFTER = re.compile(
    r"[ ](?:captain|skipper|striker|midfielder|defender|goalkeeper|winger|players|squad|scrum-half|fly-half"
    r"|fullback|full-back)\b"  # not "team", "fans" or "supporters": "the Dole team", "Trump supporters"
)

_PRESS_AFTER = re.compile(r"[ ](?:daily|weekly|newspaper|magazine|news agency)\b")

_PRESS_BEFORE = re.compile(r"\b(?:daily|weekly|newspaper|magazine|news agency|agency|news weekly)[ ]+$")

_THE_BEFORE = re.compile(r"\bthe[ ]+$")

#: The place of a dateline line: "TAVILDARA, Tajikistan 1996-08-30", "LONGYEAR, Norway 1996-08-30".
_DATELINE_PLACE = re.compile(r"^(?P<place>[A-Z][A-Z .'’-]+[A-Z])(?:,[ ]*[A-Z][\w .'’-]*)?[ ]+\d{4}-\d\d-\d\d", re.M)


def non_person_context(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` stands where news writes an organisation, a team, a place or a
    newspaper, not a person: before a company form ("Magna International Inc", "Pirelli SpA"), a place noun
    ("Barvikha sanatorium", "Erez checkpoint", "the Diia app"), a player's role ("Everton striker", "Wallaby
    captain"), after/before a press word ("the daily Sueddeutsche Zeitung", "Zycie Warszawy daily"), after
    "Republic of", next to a natural feature's word ("Lake Baikal", "Dnieper River"), after a storm word
    ("Hurricane Humberto") or a band word ("the supergroup Blind Faith"), or after a preposition of place
    when the gazetteer knows the name ("between Baracoa and Guantanamo")."""
    after = text[end : end + 40]
    if _COMPANY_AFTER.match(after) or _PLACE_NOUN_AFTER.match(after) or _TEAM_WORD_AFTER.match(after):
        return True
    before = text[max(0, start - 30) : start]
    if _PRESS_AFTER.match(after) or _PRESS_BEFORE.search(before) or _OF_REGION_BEFORE.search(before):
        return True
    if _FEATURE_BEFORE.search(before) or _FEATURE_AFTER.match(after):
        return True
    if _STORM_BEFORE.search(before) or _BAND_BEFORE.search(before):
        return True
    name = text[start:end]
    if _PLACE_PREPOSITION_BEFORE.search(before) and not after.startswith(("'s", "’s")) and geo.place(name):
        return True  # "as the Brewers rallied": a plural after "the" is a team or a family
    return " " not in name and name.endswith("s") and not name.endswith("ss") and bool(_THE_BEFORE.search(before))


def dateline_places(text: str) -> set[str]:
    """Folded place names of the text's dateline lines ("TAVILDARA, Tajikistan 1996-08-30" -> "tavildara"):
    places, whatever NER says about the same word in the body."""
    return {geo.fold(match.group("place")) for match in _DATELINE_PLACE.finditer(text)}


def drop_non_person_context(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Drops names the article writes in an organisation, team, place or press context, as the owner of a
    person found, as its dateline place or only after "the" (unless the surname of a full name found), and
    mentions inside a name that goes on into a thing's name or follows "Order of" or a ship's prefix
    ("Maxim Gorky | Crimean Academic Russian Drama Theatre", "the USS Ronald Reagan"). The evidence comes
    from everything the sources found (``article.found``)."""
    raw, texts = article.found, article.texts
    sides: list[tuple[int, int, int]] = []
    by_context: set[str] = set()
    for source, text in enumerate(texts):
        sides += [
            (source, m.start, m.end)
            for m in raw
            if m.source == source and (thing_goes_on(text, m.end) or thing_before(text, m.start))
        ]
        by_context |= dateline_places(text)
        by_context |= _names_in_non_person_context(raw, source, text) | _possessive_before_person(raw, source, text)
    surnames = {m.name.split()[-1] for m in raw if " " in m.name}
    by_context |= _only_after_the(raw, texts)
    not_persons = by_context - {geo.fold(s) for s in surnames}
    return [
        m
        for m in mentions
        if geo.fold(m.name) not in not_persons
        and not any(source == m.source and start <= m.start and m.end <= end for source, start, end in sides)
    ]
