"""Source ``shaped_names``: names found by their shape in the text, where a statistical NER often misses them.

Names before a country, nationality, place or party-state tag ("Kimiko Date (Japan)", "Sen. Phil Gramm
(R-Texas)"), an initial and a surname ("G. McGrath"), nicknames and editors' brackets, surname-first East
Asian names, regnal numbers, "<name> of <country>", a byline above a dateline and a wire sign-off. Every
finder is pure: text in, ``(name, start, end)`` character spans out.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from indexer.enrich import geo
from indexer.enrich.aliases import (
    fold_name,
    organization_aliases,
)
from indexer.enrich.name_lists import given_names
from indexer.enrich.persons.data_files import table, word_list
from indexer.enrich.persons.name_cleaning import clean_person_name, is_title_word
from indexer.enrich.persons.shapes import NAME_WORD, TAG, name_words_before
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import ordinary_word, plausible_full_name
from indexer.enrich.spans import BODY

_PARTY_STATE = re.compile(r"[RDI]-[A-Z][\w. ]+")

#: An initial (or two) and a surname: "G. McGrath", "D.A. Weibring", "T.O'Gorman", "K. Curran".
_INITIAL_NAME = re.compile(
    r"(?<![\w.'’-])(?P<initials>(?:[A-Z]\.[ ]?){1,2})(?P<surname>(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+"
    r"(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)(?![\w'’-])"
)

_DIRECTIONS = {initial: word for initial, word in table("directions")}

#: Capitalised words after an initial that are not surnames.
_NOT_SURNAMES = word_list("not_surnames")

#: A byline line: "By Adrian Warner" or a bare two- or three-word name alone on its line.
_BYLINE = re.compile(
    r"^(?:By[ ]+)?(?P<name>[A-Z][a-z]+(?:[ ](?:[A-Z]\.|[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)?)){1,2})[ ]*$", re.M
)

#: "of <country>" after a name: "Cedric Pioline of France", "Aleksandra Olsza of Poland".
_OF_COUNTRY = re.compile(r"(?<=[a-z]) of (?:the )?(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")

#: A nickname in quotes inside a name ('Roberto "Hands of Stone" Duran'), and a first name an editor put in
#: brackets after a lower-case word ("he saw (Tom) Seaver").
_FIRST_NAMES = rf"{NAME_WORD.pattern}(?:[ ]{NAME_WORD.pattern}){{0,2}}"

_QUOTED_NICKNAME = re.compile(
    rf"(?<![\w'’-])(?P<first>{_FIRST_NAMES})[ ][\"“](?P<nickname>[ ]?[A-Z][^\"”\n]{{0,30}}?[ ]?)[\"”][ ]"
    rf"(?P<last>(?:(?:D[aeiu]|L[ae]|Van|Von|De[lr])[ ])?{NAME_WORD.pattern})"
    r"(?![\w'’-])"
)

_BRACKETED_FIRST_NAME = re.compile(
    r"\((?P<first>[A-Z][a-z]+)\)[ ](?P<last>[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?)(?![\w'’-])"
)

#: A cheap test for a short quoted nickname between two capitalised words.
_QUOTED_NICKNAME_GATE = re.compile(r"[a-z][ ][\"“][ ]?[A-Z][^\"”\n]{0,30}?[ ]?[\"”][ ][A-Z]")

#: A surname-first East Asian name with a hyphenated given name: "Kim In-so", "Li Song-ho".
_EAST_ASIAN_NAME = re.compile(r"(?<![\w'’-])(?P<surname>[A-Z][a-z]{1,4})[ ][A-Z][a-z]+-(?P<second>[a-z]+)(?![\w'’-])")

#: The second syllable of a romanised given name ("so", "ho", "in", "seok"), not "based" or "listed" of
#: "Hong Kong-based".
_GIVEN_SYLLABLE = re.compile(r"[a-z]{1,5}(?<!ed)")

_EAST_ASIAN_SURNAMES = word_list("east_asian_surnames")

#: A monarch's or pope's regnal number after the name: "Henry VIII", "Pope John Paul II", "Queen Elizabeth I".
_REGNAL_NAME = re.compile(
    r"(?:(?P<title>\b(?:King|Queen|Emperor|Empress|Pope|Tsar|Czar|Kaiser|Sultan|Shah|Prince|Princess)[ ]))?"
    r"(?<![\w'’-])(?P<name>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?[ ](?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI"
    r"|XVII|XVIII))(?![\w'’-])"
)

#: A cheap test for a regnal number after a capitalised word.
_REGNAL_GATE = re.compile(r"[A-Z][a-z]+[ ](?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3})(?![\w'’-])")

#: A reporter's sign-off at the end of a wire story: "-- Luli Popescu, Bucharest Newsroom 40-1 3120264".
_SIGN_OFF = re.compile(
    r"^--[ ]*(?P<name>[A-Z][a-z]+(?:[ ](?:[A-Z]\.|[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)?)){1,2}),[ ]+[A-Z][\w ]*"
    r"[Nn]ewsroom\b",
    re.M,
)

#: A dateline line: a capitalised place (optionally ", Region") and a date or a weekday.
_DATELINE_LINE = re.compile(
    r"[A-Z][A-Z .'’-]+(?:,[ ]*[A-Z][\w .'’-]*)?[ ]+(?:\d{4}-\d\d-\d\d|\(\w+\)|[A-Z][a-z]{2,8}[ ]+\d{1,2})"
    r"|[A-Z][A-Z .'’-]+(?:,[ ]*[A-Z][\w .'’-]*)?[ ]*[-–—:]"
)


def tagged_names(text: str) -> list[tuple[str, int, int]]:
    """Names right before a country, nationality, place or party-state tag: "Kimiko Date (Japan)",
    "Phil Gramm (R-Texas)". Two to four name words, alone on their stretch of the line."""
    found: list[tuple[str, int, int]] = []
    for match in TAG.finditer(text):
        tag = match.group("tag").strip()
        if not (geo.country_code(tag) or geo.place(tag) or _PARTY_STATE.fullmatch(tag)):
            continue
        words = name_words_before(text, match.start())
        if words is None:
            continue
        start = words[0][1]
        name = clean_person_name(text[start : match.start()])
        if name is None or not plausible_full_name(name):
            continue
        offset = text.find(name, start, match.start())
        if offset >= 0:
            found.append((name, offset, offset + len(name)))
    return found


def initial_names(text: str) -> list[tuple[str, int, int]]:
    """Initial-and-surname names ("G. McGrath", "D.A. Weibring"), not after another capitalised word
    (a middle initial belongs to the NER's full name), and not "S. Korea" or "N. Ireland"."""
    found: list[tuple[str, int, int]] = []
    for match in _INITIAL_NAME.finditer(text):
        surname = match.group("surname")
        if surname.lower() in _NOT_SURNAMES or geo.country_code(surname) or is_title_word(surname):
            continue
        initials = match.group("initials").replace(" ", "")
        if len(initials) == 4 and (geo.country_code(initials) or fold_name(initials) in organization_aliases()):
            continue  # "U.S. Open", "U.N. Security Council"
        direction = _DIRECTIONS.get(initials[0]) if len(initials) == 2 else None
        if direction and (geo.country_code(f"{direction} {surname}") or geo.place(f"{direction} {surname}")):
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        if re.search(r"[A-Z][\w'’-]*[ ]$", before):
            continue
        found.append((match.group(0), match.start(), match.end()))
    return found


def byline_names(text: str) -> list[tuple[str, int, int]]:
    """A writer's name alone on a line ("Adrian Warner", "By Adrian Warner") right above a dateline
    line ("BERLIN 1996-08-30", "KYIV, Ukraine (Reuters) -"), within the first lines of the text."""
    found: list[tuple[str, int, int]] = []
    head = text[:400]
    for match in _BYLINE.finditer(head):
        next_line = head[match.end() + 1 :].split("\n", 1)[0]
        if not _DATELINE_LINE.match(next_line):
            continue
        name = clean_person_name(match.group("name"))
        if name is None or not plausible_full_name(name):
            continue
        if all(re.search(rf"\b{re.escape(w.lower())}\b", text) for w in name.split()):
            continue  # "Market Report" above "... the report said": a heading of ordinary words
        start = match.start("name") + match.group("name").find(name)
        found.append((name, start, start + len(name)))
    return found


def names_of_country(text: str) -> list[tuple[str, int, int]]:
    """Two or three name words right before "of <country>" ("Cedric Pioline of France", "MaliVai
    Washington of the United States"), when they make a plausible full name and do not follow "the";
    callers check the words are names rather than ordinary words ("Bank of France")."""
    found: list[tuple[str, int, int]] = []
    for match in _OF_COUNTRY.finditer(text):
        if not geo.country_code(match.group("country")):
            continue
        words = name_words_before(text, match.start())
        if words is None or len(words) > 3:
            continue
        start = words[0][1]
        name = text[start : match.start()]
        if re.search(r"\bthe[ ]$", text[max(0, start - 4) : start], re.I):
            continue  # "the Verkhovna Rada of Ukraine": an institution
        if clean_person_name(name) == name and plausible_full_name(name):
            found.append((name, start, match.start()))
    return found


def nickname_names(text: str) -> list[tuple[str, int, int]]:
    """Names written with a nickname or an editor's insertion, as the bare name: 'Roberto "Hands of Stone"
    Duran' -> "Roberto Duran", "he saw (Tom) Seaver" -> "Tom Seaver". The span covers the whole written
    form. (A bracket inside a name is left alone: it is far more often a tag, "Jos Verstappen (Neths)".)"""
    found: list[tuple[str, int, int]] = []
    quoted = _QUOTED_NICKNAME.finditer(text) if _QUOTED_NICKNAME_GATE.search(text) else iter(())
    for match in quoted:
        nickname = match.group("nickname").strip()
        if geo.country_code(nickname) or geo.place(nickname):
            continue
        if text[max(0, match.start() - 1) : match.start()] in '"“' and match.start() > 0:
            continue  # 'the "Only "Old Men" Are Going ..."': a quoted title, not a name
        if any(w.lower() in STOP_WORDS for w in (*match.group("first").split(), match.group("last"))):
            continue
        name = f"{match.group('first')} {match.group('last')}"
        if clean_person_name(name) == name and plausible_full_name(name):
            found.append((name, match.start("first"), match.end("last")))
    for match in _BRACKETED_FIRST_NAME.finditer(text):
        if not re.search(r"(?<![A-Za-z])[a-z]+[ ]$", text[max(0, match.start() - 20) : match.start()]):
            continue  # "he saw (Tom) Seaver": only after a lower-case word
        first, last = match.group("first"), match.group("last")
        if geo.country_code(first) or geo.place(first) or is_title_word(first):
            continue
        name = f"{first} {last}"
        if clean_person_name(name) == name and plausible_full_name(name):
            found.append((name, match.start("first") - 1, match.end("last")))
    return found


def east_asian_names(text: str) -> list[tuple[str, int, int]]:
    """Korean and Chinese names written surname first with a hyphenated given name ("Kim In-so", "Li
    Song-ho"), which NER often cuts after the surname: a common surname and a hyphenated given name."""
    return [
        (match.group(0), match.start(), match.end())
        for match in _EAST_ASIAN_NAME.finditer(text)
        if match.group("surname").lower() in _EAST_ASIAN_SURNAMES and _GIVEN_SYLLABLE.fullmatch(match.group("second"))
    ]


def regnal_names(text: str) -> list[tuple[str, int, int]]:
    """Monarchs and popes with their regnal number ("Henry VIII", "Queen Elizabeth I" -> "Elizabeth I",
    "Pope John Paul II"): the number is part of the name. Without a royal title before it, the first word
    must be a common given name and the number not "I"."""
    found: list[tuple[str, int, int]] = []
    if _REGNAL_GATE.search(text) is None:
        return found
    given = given_names()
    for match in _REGNAL_NAME.finditer(text):
        name = match.group("name")
        words = name.split()
        if match.group("title") is None and (words[-1] == "I" or words[0].lower() not in given):
            continue  # "World War II", "Sputnik V"; "Elizabeth I" only after "Queen"
        found.append((name, match.start("name"), match.end("name")))
    return found


def sign_off_names(text: str) -> list[tuple[str, int, int]]:
    """A reporter's name in a wire story's sign-off line ("-- Amra Kevic, Belgrade newsroom +381 ...")."""
    found: list[tuple[str, int, int]] = []
    for match in _SIGN_OFF.finditer(text):
        name = clean_person_name(match.group("name"))
        if name is not None and plausible_full_name(name):
            start = match.start("name") + match.group("name").find(name)
            found.append((name, start, start + len(name)))
    return found


def find_shaped_names(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Names found by their shape, whatever NER said, in title and body: before a country or party-state
    tag, initial and surname, nickname or bracketed first name, East Asian, regnal, "<name> of <country>"
    (first word no English word, no word the article writes in lower case), a byline above a dateline or a
    sign-off line (body only)."""
    found = list(mentions)
    for source, text in enumerate(article.texts):
        spans = tagged_names(text) + initial_names(text)
        spans += nickname_names(text) + east_asian_names(text) + regnal_names(text)
        spans += [
            span
            for span in names_of_country(text)
            if not any(ordinary_word(part) for part in span[0].split()[0].split("-"))
            and not any(w.lower() in article.lower_words for w in span[0].split())
        ]
        if source == BODY:
            spans += byline_names(text) + sign_off_names(text)
        found.extend(PersonMention(name, start, end, source) for name, start, end in spans)
    return found
