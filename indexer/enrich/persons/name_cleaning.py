"""The clean-up of a person mention's surface text: titles and roles, possessives, editors' brackets and junk
dropped, words that are no person's rejected (:func:`clean_person_name`). Its word lists are data files
(``data/title_words.txt``, ``data/not_persons.txt``, ...)."""

from __future__ import annotations

import functools
import re

from indexer.enrich import geo
from indexer.enrich.name_lists import given_names, surname_rank
from indexer.enrich.nlp import english_present_participle, english_words
from indexer.enrich.persons.data_files import word_list

#: Words before a name that are titles or roles, not part of the name (lower case).
_TITLE_WORDS = word_list("title_words")

#: Titles that only ever stand before a person's name ("Chancellor Scholz"; not "State Duma", "Press Service").
_PERSON_TITLES = word_list("person_titles")

#: Lower-case particles inside names ("Danie van Schalkwyk", "Arnel dela Vega", "Mohammed bin Salman").
NAME_PARTICLES = word_list("name_particles")

PRONOUNS = word_list("pronouns")

_WEEKDAYS = word_list("weekdays")

_MONTHS = word_list("months")

#: Words spaCy tags as PERSON in news that are not people; calendar words ("on October") are never a person
#: on their own, except "May" (Theresa May).
_NOT_PERSONS = _WEEKDAYS | (_MONTHS - {"may"}) | word_list("not_persons")

#: First words of names that are no person's ("Sputnik Light", "Twitter West"): the non-persons above, but
#: not months or weekdays, which are given names too ("June Carter", "April Ryan", "Sunday Bada").
_NOT_PERSON_STARTS = _NOT_PERSONS - _WEEKDAYS - _MONTHS

#: Last words that make a name a street, building, institution or event, not a person.
_NOT_NAME_ENDINGS = _WEEKDAYS | word_list("not_name_endings")

#: A person's name that goes on with capitalised words ending in such a word is part of the thing's name
#: ("Maxim Gorky | Crimean Academic Russian Drama Theatre", "Bernardo O'Higgins | Riquelme Base"); not
#: weekdays ("said Joe Biden Sunday").
_THING_AFTER_NAME = re.compile(
    r"(?:[ ][A-Z][\w'’.-]*){0,4}[ ](?:"
    + "|".join(
        sorted(
            {w.capitalize() for w in _NOT_NAME_ENDINGS if w.isalpha()} - {d.capitalize() for d in _WEEKDAYS} | {"Base"}
        )
    )
    + r")(?![\w-])"
)


def thing_goes_on(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` goes on, in capitalised words, into the name of a building,
    institution, event or the like ("Maxim Gorky" + " Crimean Academic Russian Drama Theatre")."""
    return _THING_AFTER_NAME.match(text, end) is not None


#: Prefixes of ships' names ("USS Ronald Reagan"): a name with one is a ship's.
_SHIP_PREFIXES = word_list("ship_prefixes")

#: Before a name that is an award's or a ship's ("the Order of Alexander Nevsky", "the Order of Prince
#: Yaroslav the Wise", "the USS Ronald Reagan").
_THING_BEFORE_NAME = re.compile(
    r"(?:\b(?:Order|Orders|Medal|Prize|Cross|Star|Badge)[ ]of[ ](?:the[ ])?(?:(?:Holy|Saint|St\.?|Prince|Princess"
    r"|Grand[ ]Duke|Blessed)[ ])?|\b(?:" + "|".join(sorted(_SHIP_PREFIXES | {"MV", "RV"})) + r")[ ])$"
)


def thing_before(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` follows "Order of", "Medal of", a ship prefix or the like: the
    name of an award or a ship ("the Order of Bohdan Khmelnytsky", "the USS Ronald Reagan")."""
    return _THING_BEFORE_NAME.search(text, max(0, start - 40), start) is not None


#: Words before a storm's name ("Storm Lorenzo", "Hurricane Dorian", "Typhoon Haiyan").
STORM_WORDS = word_list("storm_words")

#: First words that make a name a storm, a place or a thing ("Storm Lorenzo", "County Mayo", "Sputnik Light").
_NOT_NAME_STARTS = STORM_WORDS | _NOT_PERSON_STARTS | word_list("thing_name_starts")

#: Slavic adjectives that start names of places, papers and contests, not of people ("Nizhny Novgorod",
#: "Velyka Dymerka", "Novaya Gazeta", "Verkhovna Rada", "Bolshaya Peremena").
_SLAVIC_ADJECTIVES = word_list("slavic_adjectives")

_SLAVIC_ADJECTIVE_ENDING = re.compile(r"..(?:v|sk|sh|l|n|k|t|d)aya$|..oye$")

_ACRONYM = re.compile(r"[A-Z]{2,5}")

_ROMAN_NUMERAL = re.compile(r"[IVX]+")

#: Letters after a person's name ("Kama Melly QC", "Jo Cox MP").
_POST_NOMINALS = word_list("post_nominals")

#: Letters of scripts an English-language archive's names are not written in (Cyrillic, Greek): a quoted
#: word or a look-alike spelling ("Аррle" with Cyrillic letters).
_NOT_NAME_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")

#: Endings of Ukrainian and Russian place names that no surname has ("Snihurivka", "Novotroitske",
#: "Hulyaipole", "Kamianske", "Zelenograd", "Ivanovo").
_SLAVIC_PLACE = re.compile(
    r"(?:[iy]vka|ovka|evka|ivske|[iy]tske|ovske|ianske|yanske|skoye|skoe|pole|hrad|horod|grad|gorod|opol|opil|ovo|evo)$"
)

#: Endings of company names, Russian ones especially, that end no surname either, so they also end a longer
#: name ("Nika Petrotech", "Gidroservis"); and those that may end a surname ("Anthuan Maybank", "Juan Somavia").
_COMPANY_ENDINGS = ("stroy", "servis", "neft", "gaz", "prom", "energo", "tech", "soft", "volokno", "holding")

_COMPANY_OR_SURNAME_ENDINGS = ("mash", "film", "bank", "avia", "kali", "invest")

#: A one-word company name ("Promsvyazbank", "Uralkali", "Gidroservis").
_COMPANY_WORD = re.compile(r"..(?:" + "|".join(_COMPANY_ENDINGS + _COMPANY_OR_SURNAME_ENDINGS) + r")$")

#: The last word of a longer company name ("Nika Petrotech").
_COMPANY_LAST_WORD = re.compile(r"..(?:" + "|".join(_COMPANY_ENDINGS) + r")$")

#: Endings of animal and plant genus names science news writes ("Archaeopteryx", "Tyrannosaurus").
_TAXON_WORD = re.compile(r"...(?:pteryx|saurus|raptor|ceratops|therium|pithecus|suchus|ornis|odon)$")

#: A word run together from two ("EliasHabermas", "UArazom"), a domain or dotted handle ("LB.ua", "C.Suthorn").
_RUN_ON_WORD = re.compile(r"^[A-Z]{2,}[a-z]|[a-z]{3,}[A-Z]|[A-Za-z]\.[a-z]{2}|^[A-Z]\.[A-Z][a-z]")

#: Surname prefixes that are followed by a capital ("McFaul", "MacArthur", "DeBartolo", "LaHood").
_CAPITAL_INSIDE_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz", "O'")


def _run_on_word(word: str) -> bool:
    """A one-word name that is two words run together, a domain or a handle, not "McFaul" or "DeBartolo"."""
    return bool(_RUN_ON_WORD.search(word)) and not word.startswith(_CAPITAL_INSIDE_PREFIXES)


def _slavic_adjective(word: str) -> bool:
    """A Slavic adjective (lower case) that starts a place's or a thing's name: a listed one, or a feminine
    or neuter ending no given name has ("Novaya", "Sovetskaya", "Krasnoye"; not "Maya", "Vijaya")."""
    return word in _SLAVIC_ADJECTIVES or (bool(_SLAVIC_ADJECTIVE_ENDING.search(word)) and word not in given_names())


def _title_token(word: str) -> bool:
    """A title word, also hyphenated from title words ("Prime-Minister", "Colonel-General")."""
    lowered = word.lower().rstrip(",")
    return lowered in _TITLE_WORDS or ("-" in lowered and all(part in _TITLE_WORDS for part in lowered.split("-")))


_PREFIXED_NAME = re.compile(r"^(?:al|el|ad|as|ash|bin|ibn|abu|da|de|di|du|van|von|la|le|d|o)[-'][A-Z]")

#: Abbreviations of financial tables (Reuters: "Revs", "Avg shrs", "N.Z. Dlrs"): never part of a name.
_TABLE_WORDS = word_list("table_words")

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

_BAD_CHARS = re.compile(r"[\d@#/\\|=+_<>{}\[\]()*;:!?\"“”]")


def strip_possessive(text: str) -> str:
    """``text`` without a trailing possessive ('s, ’s, or a lone apostrophe)."""
    return _POSSESSIVE.sub("", text.strip())


def _profession(word: str) -> bool:
    """A profession written before a name ("Immunologist", "Historian"), not a given name or a nationality."""
    lowered = word.lower()
    if not lowered.endswith(("ist", "ian")) or lowered in given_names() or geo.country_code(word):
        return False  # not "Christian", "Belgian"
    return lowered in english_words("noun")


def _body_word_before_name(word: str, next_word: str) -> bool:
    """An English noun or a town (no given name or surname) right before a given name: the end of an
    office's body that NER ran into the name ("Minister of Ecology and Transport | Sergei Ivanov", "Mayor of
    Koszalin | Piotr Jedlinski")."""
    lowered, following = word.lower(), next_word.lower()
    if lowered in given_names() or geo.country_code(word):
        return False  # not "Belgian King Baudouin I"
    if lowered not in english_words("noun") and not _town(word):
        return False
    return following in given_names() and following not in _TITLE_WORDS


#: A place at least this big, no common name, is a town before a name, not a first name.
_TOWN_POPULATION = 50_000


def _town(word: str) -> bool:
    """A place of at least ``_TOWN_POPULATION`` people whose name is no census surname ("Koszalin", not
    "Jackson")."""
    place = geo.place(word)
    return place is not None and place.population >= _TOWN_POPULATION and surname_rank(word) is None


#: Words a transcript's editor put in square brackets ("[Andrei] Serdyukov"), cut or whole; not a letter
#: inside a word ("[S]e concluye").
_BRACKETED_WORDS = re.compile(r"\[([^\[\]]*)\](?!\w)")

_CLOSING_BRACKET_ONLY = re.compile(r"^([^\[\]]*)\](?=\s|$)")

_OPENING_BRACKET_ONLY = re.compile(r"(?:^|(?<=\s))\[(?=[^\]]*$)")


def _without_editorial_brackets(text: str) -> str:
    """``text`` with square brackets around whole words removed ("Andrei] Serdyukov" -> "Andrei Serdyukov")."""
    if "[" not in text and "]" not in text:
        return text
    text = _BRACKETED_WORDS.sub(r"\1", text)
    return _OPENING_BRACKET_ONLY.sub("", _CLOSING_BRACKET_ONLY.sub(r"\1", text))


#: A caption's "Image" or "Photo" run into the name before it.
_CAPTION_RUN_ON = re.compile(r"(?<=[a-z])(?:Image|Photo)$")


def _past_tense(word: str) -> bool:
    """An English verb's -ed form that is no surname ("Announced"; not "Reed")."""
    lowered = word.lower()
    if not lowered.endswith("ed") or len(lowered) < 6 or surname_rank(word) is not None:
        return False
    verbs = english_words("verb")
    return lowered[:-1] in verbs or lowered[:-2] in verbs or (lowered[-3] == lowered[-4] and lowered[:-3] in verbs)


@functools.lru_cache(maxsize=65_536)
def clean_person_name(text: str) -> str | None:
    """The bare name in a PERSON mention, or None when it is not a plausible person's name.

    Strips titles and roles ("President-elect Donald Trump’s" -> "Donald Trump"), possessives, quotes and
    lower-case words at either end; rejects pronouns, digits, symbols, single letters, words that are not
    people ("Covid", "Twitter") and names of more than five words.
    """
    text = _without_editorial_brackets(text.replace("’", "'").replace("\u00a0", " "))
    text = text.strip(" \t\n,.;:-–—'\"“”‘")
    if "\n" in text:
        return None
    words = text.split()
    while len(words) > 1 and (_title_token(words[0]) or not name_like(words[0])):
        words.pop(0)
    while words and not name_like(words[-1]) and words[-1].lower() not in ("jr.", "jr", "sr.", "sr"):
        words.pop()
    if len(words) >= 3 and (_past_tense(words[-1]) or words[-1] in ("Image", "Photo")):
        words.pop()  # "[Prime Minister Narendra] Modi Announced", a caption's "Kamala Harris Image"
    if len(words) >= 2:
        words[-1] = _CAPTION_RUN_ON.sub("", words[-1])  # "Howie HawkinsImage"
    if len(words) >= 3 and (
        english_present_participle(words[0]) or _profession(words[0]) or _body_word_before_name(words[0], words[1])
    ):
        words.pop(0)  # "Greeting Zuzana Čaputová", "Immunologist Kristian Andersen", "Transport Sergei Ivanov"
    for k in range(len(words) - 3, 0, -1):  # "Gamaleya Centre | Denis Logunov": an institution, then a name
        if words[k].lower() in _NOT_NAME_ENDINGS and words[k + 1].lower() in given_names():
            words = words[k + 1 :]
            break
    for size in (3, 2, 1):  # "of Austria Karoline Edtstadler": the country belongs to the title
        if len(words) - size >= 2 and geo.country_code(" ".join(words[:size])):
            words = words[size:]
            while words and (not name_like(words[0]) or (len(words) > 1 and words[0].lower() in _TITLE_WORDS)):
                words.pop(0)  # "United States Representative Elijah Cummings"
            break
    if not words:
        return None
    words[-1] = strip_possessive(words[-1])
    name = " ".join(w for w in words if w)
    if not name or len(words) > 5 or _BAD_CHARS.search(name):
        return None
    lowered = name.lower()
    if lowered in PRONOUNS or lowered in _NOT_PERSONS or len(name.replace(".", "")) < 2:
        return None
    if all(is_title_word(w) for w in name.split()):
        return None  # "Adviser", "Prime Minister": a title alone names nobody here
    if any(not name_like(w) and w.lower() not in NAME_PARTICLES for w in name.split()):
        return None
    if name.isupper() and len(name) <= 4:
        return None  # acronyms ("AFP", "WP") are organisations
    if any(w.lower().strip(".") in _TABLE_WORDS or w in _SHIP_PREFIXES for w in name.split()):
        return None  # "Revs", "USS Ronald Reagan"
    first = words[0].lower()
    if _slavic_adjective(first) or (len(words) >= 2 and first in _NOT_NAME_STARTS):
        return None  # "Storm Lorenzo", "County Kerry", "Sputnik Light", "Nizhny Novgorod": no person
    if name.split()[-1].lower() in _NOT_NAME_ENDINGS:
        return None  # "Karl Marx Avenue", "Nobel Prize"
    if _NOT_NAME_SCRIPT.search(name) or _SLAVIC_PLACE.search(name) or (" " not in name and _run_on_word(name)):
        return None  # "Тюмень", "Аррle", "Snihurivka", "Hulyaipole", "UArazom", "EliasHabermas", "LB.ua"
    if " " not in name and (_COMPANY_WORD.search(name) or _TAXON_WORD.search(name)):
        return None  # "Promsvyazbank", "Bamtonnelstroy", "Rostselmash", "Mosfilm": a company; "Archaeopteryx"
    if " " in name and _COMPANY_LAST_WORD.search(words[-1]) and surname_rank(words[-1]) is None:
        return None  # "Nika Petrotech"
    if len(words) >= 2 and _ACRONYM.fullmatch(words[-1]) and not _ROMAN_NUMERAL.fullmatch(words[-1]):
        if words[-1] not in _POST_NOMINALS:
            return None  # "Yamal LNG"; not "Elizabeth II"
        return " ".join(words[:-1]) if len(words) >= 3 else name  # "Kama Melly QC" -> "Kama Melly"
    return name


def is_title_word(word: str) -> bool:
    """Whether ``word`` is a title or role ("President", "King") rather than a name."""
    return word.lower() in _TITLE_WORDS


def is_person_title(word: str) -> bool:
    """Whether ``word`` is a title that only ever stands before a person's name ("Chancellor", "Sheikh")."""
    return word.lower() in _PERSON_TITLES


def name_like(word: str) -> bool:
    """A capitalised word, or one with a lower-case particle prefix ("el-Sisi", "al-Assad", "d'Estaing")."""
    return word[:1].isupper() or bool(_PREFIXED_NAME.match(word))
