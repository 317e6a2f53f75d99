"""Source ``office_holders``: holders of an office NER tagged nothing ("Chancellor Scholz", "First Lady
Olena Zelenska", "Prime Minister of the Netherlands Rutte", "Jasim Uddin, a spokesperson for"); and the tests
of an office holder's name that ``mistagged`` uses too."""

from __future__ import annotations

import re

from indexer.enrich import geo
from indexer.enrich.name_lists import given_names
from indexer.enrich.persons.data_files import word_list
from indexer.enrich.persons.name_cleaning import NAME_PARTICLES, is_person_title, is_title_word
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import (
    LETTER_WORD,
    PATRONYMIC,
    census_name,
    english_noun,
    noun_not_surname,
    ordinary_word,
    place_or_country,
    plausible_full_name,
    plural_noun,
    unknown_word,
)

#: A capitalised title word, then two name-shaped words, then no further capitalised word ("First Lady
#: Olena Zelenska and", "President Maia Sandu.").
_TITLED_NAME = re.compile(
    r"\b([A-Z][a-z]+)[ ]([A-Z][a-z]+(?:-[A-Z][a-z]+)?[ ][A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=[,.;:)]|[ ][a-z(]|$)",
    re.MULTILINE,
)


def titled_names(text: str) -> list[tuple[str, int, int]]:
    """Two-word names right after a capitalised title word ("First Lady Olena Zelenska", "Adviser Mykhailo
    Podolyak"), whatever NER said: neither word an ordinary English word, a title, a place or a country,
    the surname no English noun unless a common surname."""
    found: list[tuple[str, int, int]] = []
    for match in _TITLED_NAME.finditer(text):
        name = match.group(2)
        if not is_title_word(match.group(1)) or not office_holder(name):
            continue
        if any(geo.place(w) for w in name.split()):
            continue  # titles and countries are out already (plausible_full_name in office_holder)
        found.append((name, match.start(2), match.end(2)))
    return found


#: Nouns for a person in an apposition or right before a name ("porn actress Stormy Daniels").
PERSON_NOUNS = word_list("person_nouns")

#: An apposition saying what person the words before it name: a comma, an article and up to three words,
#: then a noun for a person (", a spokesperson", ", the Hungarian Government commissioner").
APPOSITION = re.compile(
    r",[ ](?:a|an|the)[ ](?:[\w'’-]+[ ]){0,3}?(?:" + "|".join(sorted(PERSON_NOUNS)) + r")\b(?![-'’])",
    re.IGNORECASE,
)

#: Two name-shaped words ending where an apposition starts, at a sentence's start or after a lower-case word.
_NAME_BEFORE_APPOSITION = re.compile(
    r"(?:^|(?<=[.!?][ ])|(?<=[a-z,][ ]))([A-Z][\w'’-]+[ ][A-Z][\w'’-]+)$", re.MULTILINE
)


def apposed_names(text: str) -> list[tuple[str, int, int]]:
    """Two-word names before an apposition saying what person they are, whatever NER said ("Jasim Uddin,
    a spokesperson for"): names that look like an office holder's (no English words, places or titles)."""
    found: list[tuple[str, int, int]] = []
    for apposition in APPOSITION.finditer(text):
        line_start = text.rfind("\n", 0, apposition.start()) + 1
        before = _NAME_BEFORE_APPOSITION.search(text, max(line_start, apposition.start() - 80), apposition.start())
        if before is not None and office_holder(before.group(1)):
            found.append((before.group(1), before.start(1), before.end(1)))
    return found


#: A title word, then one name-shaped word (possessive or not), then no further capitalised word.
_TITLED_SURNAME = re.compile(
    r"\b([A-Z][a-z]+\.?)[ ]([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:['’]s)?(?=[,.;:)]|[ ][a-z(]|$)", re.MULTILINE
)


def titled_surnames(text: str) -> list[tuple[str, int, int]]:
    """One-word names right after a person's title ("Chancellor Scholz about", "Minister Kuleba's"),
    whatever NER said: a word that is no English word, title, country, nationality or place."""
    return [
        (match.group(2), match.start(2), match.end(2))
        for match in _TITLED_SURNAME.finditer(text)
        if is_person_title(match.group(1))
        and unknown_word(match.group(2))
        and not _NAME_PARTICLE_NEXT.match(text, match.end())  # "Sheikh Mohammed | bin Rashid"
    ]


#: A title that "of", "for" or "from" and its body follow ("Minister of", "Head of", "Senator from").
_OFFICE_OF_TITLE = re.compile(r"\b([A-Z][a-z]+)[ ](?:of|for|from)[ ]")

#: The body's capitalised words (with "the", "of", "and", "for" between them), ending before a lower-case
#: word or punctuation ("Foreign Affairs of the Netherlands Wopke Hoekstra| who").
_OFFICE_BODY_RUN = re.compile(
    r"(?:(?:the|of|and|for)[ ]|[A-Z][\w'’-]*[ ])*[A-Z][\w'’-]*(?=[,.;:)]|[ ][a-z(]|$)", re.MULTILINE
)


def office_of_holders(text: str) -> list[tuple[str, int, int]]:
    """The holder's name ending "<title> of <body>" where NER tagged none ("Prime Minister of the
    Netherlands Rutte.", "Minister of Economy Yulia Svyrydenko arrived", "Senator from Vermont Bernie
    Sanders has"): two words that look like an office holder's name after a word that is no name (an
    English word, country or place), or one unknown word after a country or place."""
    found: list[tuple[str, int, int]] = []
    for title in _OFFICE_OF_TITLE.finditer(text):
        word = title.group(1).lower()
        if not (is_person_title(word) or word in ROLE_WORDS):
            continue
        run = _OFFICE_BODY_RUN.match(text, title.end())
        if run is None:
            continue
        if _NAME_PARTICLE_NEXT.match(text, run.end()):
            continue  # "Egypt Abdel Fattah | el-Sisi", "Abu Dhabi Mohamed | bin Zayed"
        words = run.group().split(" ")
        name = None
        if len(words) >= 3 and body_word(words[-3]) and office_holder(" ".join(words[-2:])):
            name = " ".join(words[-2:])
        elif len(words) >= 2 and _country_name(words[-2]) and unknown_word(words[-1]):
            name = words[-1]
        if name is None or name.endswith(("'s", "’s")) or any(geo.country_code(" ".join(words[-k:])) for k in (2, 3)):
            continue  # "Sultan of | Brunei Darussalam"
        found.append((name, run.end() - len(name), run.end()))
    return found


#: A lower-case name particle right after a name ("Abdel Fattah el-Sisi", "Marcelo Rebelo de Sousa").
_NAME_PARTICLE_NEXT = re.compile(r"[ ](?:[a-z]{1,3}-|(?:" + "|".join(sorted(NAME_PARTICLES)) + r")\b)")


def body_word(word: str) -> bool:
    """A word that ends the name of an office's body, not a name: an ordinary English word or its plural
    ("Economy", "Affairs"), a country or a big place ("Netherlands", "Vermont"); not "the" or a given name."""
    return word != "the" and (ordinary_word(word) or plural_noun(word) or place_or_country(word))


def _country_name(word: str) -> bool:
    """A country by name, not its adjective ("Bulgaria", not "German" as in "German Bundestag")."""
    return geo.country_code(word) is not None and geo.fold(word) not in geo.demonyms()


def office_holder(tail: str) -> bool:
    """Whether the last two or three words of a span that follows "<office> of" are the office holder's
    name ("the European Commission | Valdis Dombrovskis", "the Recovery | Bruno Le Maire"): name-shaped
    words, none a big place, country, title or possessive, the first no ordinary English word, the last no
    English noun unless a common surname; three words only with a given name first, a particle or a
    patronymic in the middle ("Verkhovna Rada Ruslan Stefanchuk" ends in two: "Ruslan Stefanchuk")."""
    words = tail.split()
    if not plausible_full_name(tail) or not all(LETTER_WORD.fullmatch(w) for w in words):
        return False
    if not all(w[:1].isupper() or w in NAME_PARTICLES for w in words) or not words[0][:1].isupper():
        return False
    if any(w.endswith(("'s", "’s")) or run_together(w) for w in words):
        return False  # "Crimean Tatar People's", "Chikhanchin YuryHead"
    if any(place_or_country(w) for w in words[1:]) or (
        place_or_country(words[0]) and words[0].lower() not in given_names()
    ):
        return False  # "Kherson Oblast"; not "Stanislav Raščan"
    if ordinary_word(words[0]) or (english_noun(words[0]) and not census_name(words[0])):
        return False  # "Commission Valdis Dombrovskis", "Forces Valerii Zaluzhny"
    if noun_not_surname(words[-1]):
        return False  # "Alexander Solzhenitsyn House", "Seas Initiative"
    return len(words) == 2 or (
        words[0].lower() in given_names() or words[1].lower() in NAME_PARTICLES or bool(PATRONYMIC.search(words[1]))
    )


def run_together(word: str) -> bool:
    """A name run into the next line's title ("YuryHead", "ValentinaChairwoman"), not "McDonald" or
    "LaHood"."""
    inner = _INNER_CAPITAL.search(word)
    return inner is not None and (is_title_word(inner.group(1)) or inner.group(1).lower() in ROLE_WORDS)


_INNER_CAPITAL = re.compile(r"[a-z]{2}([A-Z][a-z]+)$")

#: Roles that end an office's name right before its holder's name inside one NER span.
ROLE_WORDS = word_list("role_words")

#: A role right before a name, possibly with "of <Country>" and a comma ("president of Namibia, ").
ROLE_BEFORE = re.compile(
    r"\b(?:president|president-elect|minister|premier|chancellor|secretary|senator"
    r"|governor|mayor|ambassador|leader|chairman|chairwoman|director|general|commander|king|queen|prince"
    r"|judge|ceo|envoy|adviser|advisor|aide|deputy|speaker|head|chief|coach|prosecutor|"
    + "|".join(sorted(PERSON_NOUNS))
    + r")"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?,?\s+$",
    re.IGNORECASE,
)


def find_office_holders(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Office holders by the words around them, in title and body, whatever NER said: two-word names after a
    title word, one-word names after a person's title, the holder ending "<title> of <body>", two-word names
    before an apposition saying what person they are."""
    found = list(mentions)
    for source, text in enumerate(article.texts):
        spans = titled_names(text) + titled_surnames(text) + office_of_holders(text) + apposed_names(text)
        found.extend(PersonMention(name, start, end, source) for name, start, end in spans)
    return found
