"""Tests of single words and names that every stage shares: English words, places and countries, census
names, demonyms, plurals, a plausible full name."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from spacy.lang.en.stop_words import STOP_WORDS

from indexer.enrich import geo
from indexer.enrich.name_lists import given_names, surname_rank
from indexer.enrich.nlp import english_adjectives, english_words
from indexer.enrich.persons.canonical import known_person
from indexer.enrich.persons.data_files import word_list
from indexer.enrich.persons.name_cleaning import is_title_word

#: A one-word PERSON mention naming a place this big is the place ("Kherson"); smaller ones ("Dole",
#: "Clinton") are people unless NER also tags the word as a place in the same article.
BIG_PLACE = 100_000


def without_the(text: str) -> str:
    """A span's text without a leading "the" or a possessive ending ("the Marine Guard's" -> "Marine Guard")."""
    text = strip_possessive_name(text.strip())
    return text[4:] if text.lower().startswith("the ") else text


def ordinary_word(word: str) -> bool:
    """An English word that is not also a common given name ("Waqar" and "Mark" may be names, "Greater" not)."""
    return english_word(word) and word.lower() not in given_names()


def english_word(word: str) -> bool:
    """An English word: WordNet's nouns, verbs, adjectives, adverbs, or a stop word ("The", "When")."""
    lowered = word.lower()
    return lowered in STOP_WORDS or any(lowered in english_words(part) for part in ("noun", "verb", "adj", "adv"))


def unknown_word(word: str) -> bool:
    """A word that is no English word, title, country, nationality or place: a name in a names list."""
    return not (english_word(word) or is_title_word(word) or geo.country_code(word) or geo.place(word))


def common_word(name: str, lower_words: AbstractSet[str]) -> bool:
    """A one-word name that is an ordinary word: an English adjective ("Olympic", "Humanitarian"), a
    word the same article also writes in lower case ("Forum" / "forum"), the plural of an English noun
    that is no common surname ("Colleagues", "Javelins"; not "Bridges") or a demonym made from a place
    name ("Daghestani", "Westphalian")."""
    if known_person(name):
        return False
    word = name.lower()
    return word in english_adjectives() or word in lower_words or plural_noun(name) or demonym_of_place(name)


def plural_noun(word: str) -> bool:
    """The plural of an English noun that is itself no noun and no census name ("Colleagues"; not "Bridges")."""
    lowered = word.lower()
    if not lowered.endswith("s") or census_name(word):
        return False
    nouns = english_words("noun")
    return lowered not in nouns and (lowered[:-1] in nouns or (lowered.endswith("es") and lowered[:-2] in nouns))


def demonym_of_place(word: str) -> bool:
    """A demonym made from a country or big place name, or its plural: "Turkmenistan" + "i", "Westphalia" +
    "n", "Kyiv" + "an", "Kyiv" + "ites", "London" + "er" (not "Khomein" + "i", a person named after a small
    town)."""
    if census_name(word):
        return False
    if word.endswith(("ans", "ites", "stanis", "ers")):
        word = word[:-1]  # plurals: "Kyivans", "Kyivites", "Londoners"
    stems = [word[:-2]] if word.endswith("er") else []  # "Londoner"
    if word.endswith("stani"):
        stems.append(word[:-1])
    if word.endswith("an"):
        stems += [word[:-1], word[:-2], word[:-3] if word.endswith("ian") else ""]
    if word.endswith("ite"):
        stems.append(word[:-3])
    return any(len(stem) >= 4 and place_or_country(stem) for stem in stems)


def place_or_country(word: str) -> bool:
    """A country or a place of at least ``BIG_PLACE`` people by this name."""
    place = geo.place(word)
    return bool(geo.country_code(word) or (place is not None and place.population >= BIG_PLACE))


def census_name(word: str) -> bool:
    """Whether ``word`` is a common given name or surname ("Clinton", "Dole", "Keller"), so that being also
    the name of a small town does not make it a place."""
    return word.lower() in given_names() or surname_rank(word) is not None


def strip_possessive_name(name: str) -> str:
    """A name without a trailing possessive."""
    return re.sub(r"(?:'s|’s)$", "", name)


#: A word of a person's name: letters, inner hyphens or apostrophes ("Jean-Claude", "O'Brien"), no comma.
LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

#: A Slavic patronymic as the middle word of a three-word name ("Oleksandr Mykolayovych Lysenko").
PATRONYMIC = re.compile(r"(?:ovych|evych|ovich|evich|yich|ovna|evna|ivna|yivna|ychna|ichna)$")


def noun_not_surname(word: str) -> bool:
    """An English noun that is no common surname ("Initiative", "Mainline"; not "Rice", "Bush")."""
    rank = surname_rank(word)
    return english_noun(word) and (rank is None or rank > COMMON_SURNAME_RANK)


#: Surnames at least this common may also be English nouns ("Rice", "Bush", "House").
COMMON_SURNAME_RANK = 5_000

#: Lower-case particles the name-word shape accepts inside a name ("Danie van Schalkwyk").
PARTICLES = word_list("shape_particles")

#: Words of a team, company or event, not of a person ("Ajax Amsterdam (Netherlands)").
_NOT_PERSON_WORDS = word_list("not_person_words")

#: Words that cannot start a person's name ("At The Oval (London)").
_NOT_NAME_START = word_list("not_name_starts")


def plausible_full_name(name: str) -> bool:
    """Two or more words, not starting with an article or preposition ("At The Oval"), none a country, a
    big place after the first word, or a team/company word."""
    words = name.split()
    if len(words) < 2 or words[0].lower() in _NOT_NAME_START or geo.country_code(name) or geo.place(name):
        return False
    for index, word in enumerate(words):
        if word in PARTICLES:
            continue  # "Danie van Schalkwyk": a lower-case particle, not the city of Van
        if word.lower() in _NOT_PERSON_WORDS or is_title_word(word) or geo.country_code(word):
            return False
        if index and big_city(word):
            return False  # "Ajax Amsterdam", "Bayern Munich": a team named after its city
    return True


def big_city(word: str) -> bool:
    """A city of 500,000 people or more by its own name ("Munich", "Kiev"), not a region or province that
    shares a surname ("Lara", "Palencia", "Van") and not a look-alike spelling of another city ("Sukur")."""
    place = geo.place(word)
    if place is None or place.population < 500_000 or place.population in geo.REGION_POPULATIONS:
        return geo.fold(word) in geo.BIG_CITY_ALIASES
    return geo.fold(place.name) == geo.fold(word) or geo.fold(word) in geo.BIG_CITY_ALIASES


def english_noun(word: str) -> bool:
    """Whether ``word`` (or its singular: "Extras") is an English noun (the model's WordNet index)."""
    lowered = word.lower()
    nouns = english_words("noun")
    return lowered in nouns or (lowered.endswith("s") and lowered[:-1] in nouns)
