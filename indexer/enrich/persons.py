"""Persons: from noisy NER mentions to canonical full names with mention counts.

Fixes what a statistical NER gets wrong in news: surnames of a known person tagged ORG/GPE ("Trump" as
ORG), hyphenated pairs ("Putin-Trump" is two people), titles and possessives, short forms (every
"Putin" in an article that says "Vladimir Putin" is Vladimir Putin), transliteration variants across
articles (an alias table plus a transliteration key and ``rapidfuzz``), and junk.
"""

from __future__ import annotations

import bisect
import re
import string
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from indexer.enrich import geo
from indexer.enrich.aliases import (
    fold_name,
    organization_aliases,
    person_aliases,
    person_surface_names,
    translit_key,
    unique_surnames,
)
from indexer.enrich.mentions import (
    BODY,
    NAME_PARTICLES,
    CoveredText,
    EntitySpan,
    clean_person_name,
    is_person_title,
    is_title_word,
    lower_case_words,
    thing_before,
    thing_goes_on,
)
from indexer.enrich.name_lists import given_names, surname_rank
from indexer.enrich.nlp import english_adjectives, english_present_participle, english_words
from indexer.enrich.person_patterns import (
    after_tag_columns,
    big_city,
    bracketed_after,
    byline_names,
    dateline_places,
    east_asian_names,
    english_noun,
    fixture_sides,
    initial_names,
    line_labels,
    lineup_names,
    list_names,
    names_of_country,
    nickname_names,
    non_person_context,
    plausible_full_name,
    regnal_names,
    score_line_sides,
    scorecard_names,
    scorer_names,
    sign_off_names,
    standings_teams,
    tagged_names,
    upper_case_mentions,
    venue_labels,
)

#: Labels whose mentions may be a known person mis-tagged.
_MISTAGGABLE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_HYPHEN_PAIR = re.compile(r"^([A-Z][\w'’]+)\s?[-–—]\s?([A-Z][\w'’]+)(?:'s|’s)?$")
_FUZZY_SURNAME = 90
#: A one-word PERSON mention naming a place this big is the place ("Kherson"); smaller ones ("Dole",
#: "Clinton") are people unless NER also tags the word as a place in the same article.
_BIG_PLACE = 100_000
#: Words right before a one-word name that make it a place ("in Borodyanka", "the village of Hostomel").
_PLACE_CONTEXT = re.compile(
    r"(?:\b(?:in|near|into|across|around|outside|towards|liberated|occupied|visited)|\b(?:city|town|village"
    r"|region|district|settlement|suburb|oblast|province) of|\b(?:in|near)\s+[A-Z][\w'’-]+,)\s+$"
)
#: The list item right before a one-word name ("Bucha, Borodyanka", "Irpin and Borodyanka").
_LIST_BEFORE = re.compile(r"([A-Z][\w'’-]+)(?:,|\s+and)\s+$")


@dataclass(frozen=True)
class PersonMention:
    """One mention attributed to a person: its cleaned name and where it is."""

    name: str
    start: int
    end: int
    source: int


@dataclass
class Persons:
    """The persons of one article: canonical name -> mention count, and surface name -> canonical."""

    counts: Counter[str] = field(default_factory=Counter)
    canonical_of: dict[str, str] = field(default_factory=dict)
    mentions: list[tuple[PersonMention, str]] = field(default_factory=list)

    def is_person(self, text: str) -> bool:
        """Whether ``text`` names one of this article's persons (or a well-known person)."""
        return text in self.canonical_of or self.resolve(text) is not None

    def resolve(self, text: str) -> str | None:
        """Canonical name for a person mention of this article (``"Peskov"`` -> ``"Dmitry Peskov"``)."""
        name = clean_person_name(text)
        if name is None:
            return None
        if name in self.canonical_of:
            return self.canonical_of[name]
        return _match_within(name, list(self.counts)) or _known_person(name)


def extract_persons(spans: Sequence[EntitySpan], texts: Sequence[str] = ()) -> Persons:
    """Canonical persons of one article from its NER spans.

    ``texts`` are the source texts the spans point into (title, body); when given, further untagged
    occurrences of a found person's distinctive surname are counted as mentions too. A one-word name
    only in the title counts when the body names the same person.
    """
    person_spans = _joined_name_parts([s for s in spans if s.label == "PERSON"], texts)
    full_names = {n for n in (clean_person_name(s.text) for s in person_spans) if n and " " in n and not _thing_name(n)}
    full_tokens = {w for n in full_names for i, w in enumerate(n.split()) if i or not _place_or_country(w)}
    surnames = {n.split()[-1] for n in full_names}
    place_labelled = {geo.fold(s.text) for s in spans if s.label in ("GPE", "LOC")}

    raw: list[PersonMention] = []
    lower_words = lower_case_words(tuple(texts))
    organisations = _mostly_organisations(spans, texts)
    for span in person_spans:
        context = texts[span.source][max(0, span.start - 30) : span.start] if texts else ""
        for mention in _person_mentions(span, surnames, full_tokens, place_labelled, context):
            if mention.start == span.start:
                mention = _extended_leftwards(mention, context)
            one_word_ok = not _common_word(mention.name, lower_words) and mention.name not in organisations
            if mention.name.lower() in _AWARDS and _DETERMINER_BEFORE.search(context):
                continue  # "the Oscar statuette"
            if " " in mention.name or mention.name in full_tokens or one_word_ok:
                raw.append(mention)
    if texts:
        raw.extend(_shaped_mentions(texts, lower_words))
    raw = [m for m in raw if " " not in m.name or not _thing_name(m.name)]  # before their words count as known
    names = {m.name for m in raw}
    known_tokens = {w for n in names for w in n.split() if "-" not in w}
    # what the article also writes as "the <name>" in a span of another label is a thing ("the Marine Guard")
    things = {_without_the(s.text) for s in spans if s.label != "PERSON" and s.text.strip().lower().startswith("the ")}
    for span in spans:
        if span.label != "PERSON" and span.label in _MISTAGGABLE:
            office = bool(texts) and _after_office(texts[span.source], span.start, span.end)
            found = _mistagged_person(span, known_tokens, full_names | names, office)
            if not found and _without_the(span.text) not in things:
                if texts and _in_person_apposition(texts[span.source], span.start, span.end):
                    found = _apposed_person(span)
                if not found:
                    found = _given_name_person(span, lower_words)
            raw.extend(found)
    if texts:
        raw.extend(_split_names(spans, texts))
        raw.extend(_alias_table_mentions(spans, texts))
        raw.extend(_untagged_surnames(raw, spans, texts, lower_words))
        raw.extend(_listed_with_persons(raw, texts))
        raw.extend(_lineup_mentions(texts))
        raw = _upper_case_resolved(_without_non_persons(raw, texts), texts)

    raw = _without_body_first_word(raw, spans)
    raw = _without_overlaps(
        [
            m
            for m in raw
            if (" " in m.name and not _thing_name(m.name))
            or (" " not in m.name and _one_word_name(m.name, full_tokens, lower_words))
        ]
    )
    canonical_of = _canonicalise(sorted({m.name for m in raw}, key=lambda n: (-len(n.split()), n)), raw)
    result = Persons(canonical_of=canonical_of)
    confirmed = {canonical_of[m.name] for m in raw if m.source == BODY or len(m.name.split()) >= 2}
    for mention in raw:
        canonical = canonical_of[mention.name]
        if mention.source == BODY or canonical in confirmed:
            result.counts[canonical] += 1
            result.mentions.append((mention, canonical))
    return result


def _split_names(spans: Sequence[EntitySpan], texts: Sequence[str]) -> list[PersonMention]:
    """Full names NER split into two one-word spans one space apart, not both PERSON (the National Scout
    Organization of Ukraine "Natalia" GPE + "Strokan" NORP): a given name that is no English word, then a
    capitalised word that is no English word, title, country or place."""
    ordered = sorted((s for s in spans if " " not in s.text.strip()), key=lambda s: (s.source, s.start))
    found: list[PersonMention] = []
    for first, second in pairwise(ordered):
        if first.source != second.source or texts[first.source][first.end : second.start] != " ":
            continue
        if first.label == "PERSON" and second.label == "PERSON":
            continue  # joined with the PERSON spans
        given, surname = first.text.strip(), strip_possessive_name(second.text.strip())
        if given.lower() not in given_names() or _english_word(given) or not surname[:1].isupper():
            continue
        if _english_word(surname) or is_title_word(surname) or _place_or_country(surname):
            continue
        if geo.country_code(surname) or not _NAME_WORD.fullmatch(surname) or surname.isupper():
            continue
        found.append(
            PersonMention(f"{given} {surname}", first.start, first.start + len(given) + 1 + len(surname), first.source)
        )
    return found


def _without_the(text: str) -> str:
    """A span's text without a leading "the" or a possessive ending ("the Marine Guard's" -> "Marine Guard")."""
    text = strip_possessive_name(text.strip())
    return text[4:] if text.lower().startswith("the ") else text


def _joined_name_parts(person_spans: list[EntitySpan], texts: Sequence[str]) -> list[EntitySpan]:
    """PERSON spans with the parts NER split one name into joined: two spans one space apart ("Zine El
    Abidine" + "Ben Ali's", "His Majesty Salman" + "bin Abdulaziz Al-Saud") are one name, a span that
    starts with a lower-case particle takes the capitalised word before it ("Arnel" + "dela Vega"), and one
    that ends inside a hyphenated word another PERSON span writes whole takes the rest of it ("Chan" +
    "-o-cha" of "Prayuth Chan-o-cha"), and one followed by a word the article tags PERSON alone takes that
    word ("Amy Berman" + "Jackson")."""
    if not texts:
        return person_spans
    hyphenated = {w for s in person_spans for w in s.text.split() if "-" in w}
    singles = {strip_possessive_name(s.text.strip()) for s in person_spans if " " not in s.text.strip()}
    joined: list[EntitySpan] = []
    for span in sorted(person_spans, key=lambda s: (s.source, s.start)):
        text = texts[span.source]
        first = span.text.split()[0] if span.text.split() else ""
        if first.lower() in NAME_PARTICLES and first.islower():
            before = _WORD_BEFORE.search(text, max(0, span.start - 30), span.start)
            if before is not None:
                span = EntitySpan(text[before.start(1) : span.end], span.label, before.start(1), span.end, span.source)
        rest = _WORD_GOES_ON.match(text, span.end)
        if rest is not None and span.text.split()[-1] + rest.group(0) in hyphenated:  # "Chan" of "Chan-o-cha"
            span = EntitySpan(text[span.start : rest.end()], span.label, span.start, rest.end(), span.source)
        surname = _NEXT_NAME_WORD.match(text, span.end)
        last = span.text.split()[-1] if span.text.split() else ""
        if surname is not None and surname.group(1) in singles and last[:1].isupper() and surname.group(1) != last:
            # "Judge Amy Berman | Jackson", the article tagging "Jackson" alone elsewhere
            span = EntitySpan(text[span.start : surname.end(1)], span.label, span.start, surname.end(1), span.source)
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.source == span.source
            and text[previous.end : span.start] == " "
            and _name_start(previous.text)
        ):
            joined[-1] = EntitySpan(text[previous.start : span.end], span.label, previous.start, span.end, span.source)
        else:
            joined.append(span)
    return joined


#: A capitalised word right after a span, then punctuation, a space or the end.
_NEXT_NAME_WORD = re.compile(r"[ ]([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=[\s,.;:'’)]|$)")
#: The rest of a hyphenated word a span ends inside ("-o-cha").
_WORD_GOES_ON = re.compile(r"(?:-[^\W\d_]+)+")


def _name_start(text: str) -> bool:
    """Whether a PERSON span, titles dropped, starts with a name, not an ordinary word ("Migrant Response",
    "Soldier Mrochko" are no start of a longer name)."""
    name = clean_person_name(text)
    return name is not None and not _ordinary_word(name.split()[0])


#: A capitalised word right before a mention, on the same line ("Waqar" of "Waqar Younis").
_WORD_BEFORE = re.compile(r"(?<![\w.'’&-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ ]$")


def _extended_leftwards(mention: PersonMention, before: str) -> PersonMention:
    """A one-word name with the first name NER cut off ("Waqar [Younis]"): the capitalised word right
    before it joins when it is no English word, title, country, nationality or big place."""
    if " " in mention.name or not before.endswith(" "):
        return mention
    match = _WORD_BEFORE.search(before)
    if match is None:
        return mention
    word = match.group(1)
    if is_title_word(word) or _place_or_country(word) or _known_person(word) or _ordinary_word(word):
        return mention
    start = mention.start - (len(before) - match.start(1))
    return PersonMention(f"{word} {mention.name}", start, mention.end, mention.source)


def _ordinary_word(word: str) -> bool:
    """An English word that is not also a common given name ("Waqar" and "Mark" may be names, "Greater" not)."""
    return _english_word(word) and word.lower() not in given_names()


def _english_word(word: str) -> bool:
    """An English word: WordNet's nouns, verbs, adjectives, adverbs, or a stop word ("The", "When")."""
    lowered = word.lower()
    return lowered in STOP_WORDS or any(lowered in english_words(part) for part in ("noun", "verb", "adj", "adv"))


#: A word followed by a company form, its shares or a team's score ("Magna Inc", "Pirelli shares", "Kent
#: 250 for 6", "Kent 5 points"): an organisation, not a person.
_ORG_CUE = re.compile(
    r"\b([A-Z][a-z]+)(?:'s|’s)?[ ](?:Inc|Corp|Co|Plc|PLC|Ltd|AG|SpA|NV|shares|stock|\d{1,3}[ ]for[ ]\d{1,2}\b"
    r"|\d{1,3}[ ]points\b)"
)


def _mostly_organisations(spans: Sequence[EntitySpan], texts: Sequence[str]) -> set[str]:
    """One-word names NER tags ORG in the article at least as often as PERSON ("Benetton", "Glamorgan"),
    or that the article writes with an organisation cue ("Pirelli shares", "Kent 250 for 6")."""
    labels: Counter[tuple[str, str]] = Counter()
    for span in spans:
        if span.label in ("PERSON", "ORG"):
            name = strip_possessive_name(span.text.strip())
            if " " not in name:
                labels[(name, span.label)] += 1
    found = {name for (name, label), count in labels.items() if label == "ORG" and count >= labels[(name, "PERSON")]}
    return found | {match.group(1) for text in texts for match in _ORG_CUE.finditer(text)}


def _without_body_first_word(raw: list[PersonMention], spans: Sequence[EntitySpan]) -> list[PersonMention]:
    """``raw`` with the first word of a name of three or more words dropped when it is no given name and
    belongs to a body NER ran into the name: the rest is a full name the article also writes alone, or the
    article tags the word alone as an organisation or place ("Transneft | Nikolai Tokarev", "Mejlis |
    Nariman Dzhelialov", "Alstom | Henri Poupart-Lafarge")."""
    names = {m.name for m in raw}
    bodies = {_without_the(s.text) for s in spans if s.label in ("ORG", "GPE", "FAC", "NORP", "LOC")}
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
def _thing_name(name: str) -> bool:
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
    if english_present_participle(first) and not _census_name(first):
        return True  # not "Manning Marable"
    if _PATRONYMIC.search(first.lower()) or (_demonym_of_place(first) and first.lower() not in given_names()):
        return True
    if len(words) == 2 and _place_or_country(first) and not _census_name(first) and _english_word(last):
        return not _east_asian_place(first)  # not "Kobe Bryant", "Orel Hershiser", "Xiaogang Wei"
    if surname_rank(last) is None and (is_title_word(last) or last.lower() in _PERSON_NOUNS):
        return True
    return (
        len(words) == 2
        and first.lower() in english_adjectives()
        and not _census_name(first)
        and english_noun(last)
        and (surname_rank(last) or _COMMON_SURNAME_RANK + 1) > _COMMON_SURNAME_RANK
    )


#: Countries whose place names are syllables that also make given names ("Xiaogang", "Kobe").
_EAST_ASIAN_COUNTRIES = frozenset({"CN", "TW", "HK", "JP", "KR", "KP", "VN", "SG", "MO"})


def _east_asian_place(word: str) -> bool:
    """Whether the gazetteer's place of this name lies in East Asia ("Xiaogang", "Kobe")."""
    place = geo.place(word)
    return place is not None and place.country in _EAST_ASIAN_COUNTRIES


def _one_word_name(name: str, full_tokens: AbstractSet[str], lower_words: AbstractSet[str]) -> bool:
    """Whether a one-word mention, whichever rule found it, may be a person: no title ("Deputy") and, unless
    a word of a full name of the article, no ordinary word ("Colleagues," opening a speech)."""
    return not is_title_word(name) and (name in full_tokens or not _common_word(name, lower_words))


#: Awards named like a person ("the Oscar statuette", "your Oscar"; not "Oscar" the footballer).
_AWARDS = frozenset({"oscar", "oscars", "emmy", "emmys", "grammy", "grammys", "bafta", "baftas"})
_DETERMINER_BEFORE = re.compile(r"\b(?:the|an|his|her|their|your|its|my|our)\s+$", re.IGNORECASE)


def _shaped_mentions(texts: Sequence[str], lower_words: AbstractSet[str] = frozenset()) -> list[PersonMention]:
    """Names found by their shape, whatever NER said: before a country or party-state tag, initial and
    surname, goal scorers, cricket notation, "<name> of <country>" (first word no English word, no word the
    article writes in lower case), a byline above a dateline or a sign-off line (body only)."""
    found: list[PersonMention] = []
    for source, text in enumerate(texts):
        spans = tagged_names(text) + initial_names(text) + scorer_names(text) + scorecard_names(text)
        spans += nickname_names(text) + east_asian_names(text) + regnal_names(text)
        spans += [
            span
            for span in names_of_country(text)
            if not any(_ordinary_word(part) for part in span[0].split()[0].split("-"))
            and not any(w.lower() in lower_words for w in span[0].split())
        ]
        if source == BODY:
            spans += byline_names(text) + sign_off_names(text)
        spans += _titled_names(text) + _titled_surnames(text) + _office_of_holders(text) + _apposed_names(text)
        found.extend(PersonMention(name, start, end, source) for name, start, end in spans)
    return found


#: A capitalised title word, then two name-shaped words, then no further capitalised word ("First Lady
#: Olena Zelenska and", "President Maia Sandu.").
_TITLED_NAME = re.compile(
    r"\b([A-Z][a-z]+)[ ]([A-Z][a-z]+(?:-[A-Z][a-z]+)?[ ][A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=[,.;:)]|[ ][a-z(]|$)",
    re.MULTILINE,
)


def _titled_names(text: str) -> list[tuple[str, int, int]]:
    """Two-word names right after a capitalised title word ("First Lady Olena Zelenska", "Adviser Mykhailo
    Podolyak"), whatever NER said: neither word an ordinary English word, a title, a place or a country,
    the surname no English noun unless a common surname."""
    found: list[tuple[str, int, int]] = []
    for match in _TITLED_NAME.finditer(text):
        name = match.group(2)
        if not is_title_word(match.group(1)) or not _office_holder(name):
            continue
        if any(geo.place(w) for w in name.split()):
            continue  # titles and countries are out already (plausible_full_name in _office_holder)
        found.append((name, match.start(2), match.end(2)))
    return found


#: Nouns for a person in an apposition or right before a name ("porn actress Stormy Daniels").
_PERSON_NOUNS = frozenset(
    str.split(
        """
    actor actress singer songwriter model composer conductor pianist writer author poet novelist artist painter
    journalist correspondent reporter editor photographer lawyer attorney activist campaigner player athlete
    spokesperson spokesman spokeswoman commissioner founder co-founder
    father mother son daughter wife husband brother sister widow grandson granddaughter grandfather grandmother
    uncle aunt nephew niece cousin girlfriend boyfriend fiance fiancee fiancé fiancée client
    professor scientist researcher economist analyst doctor surgeon teacher student
    """
    )
)
#: An apposition saying what person the words before it name: a comma, an article and up to three words,
#: then a noun for a person (", a spokesperson", ", the Hungarian Government commissioner").
_APPOSITION = re.compile(
    r",[ ](?:a|an|the)[ ](?:[\w'’-]+[ ]){0,3}?(?:" + "|".join(sorted(_PERSON_NOUNS)) + r")\b(?![-'’])",
    re.IGNORECASE,
)
#: Two name-shaped words ending where an apposition starts, at a sentence's start or after a lower-case word.
_NAME_BEFORE_APPOSITION = re.compile(
    r"(?:^|(?<=[.!?][ ])|(?<=[a-z,][ ]))([A-Z][\w'’-]+[ ][A-Z][\w'’-]+)$", re.MULTILINE
)


def _apposed_names(text: str) -> list[tuple[str, int, int]]:
    """Two-word names before an apposition saying what person they are, whatever NER said ("Jasim Uddin,
    a spokesperson for"): names that look like an office holder's (no English words, places or titles)."""
    found: list[tuple[str, int, int]] = []
    for apposition in _APPOSITION.finditer(text):
        line_start = text.rfind("\n", 0, apposition.start()) + 1
        before = _NAME_BEFORE_APPOSITION.search(text, max(line_start, apposition.start() - 80), apposition.start())
        if before is not None and _office_holder(before.group(1)):
            found.append((before.group(1), before.start(1), before.end(1)))
    return found


#: A title word, then one name-shaped word (possessive or not), then no further capitalised word.
_TITLED_SURNAME = re.compile(
    r"\b([A-Z][a-z]+\.?)[ ]([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:['’]s)?(?=[,.;:)]|[ ][a-z(]|$)", re.MULTILINE
)


def _titled_surnames(text: str) -> list[tuple[str, int, int]]:
    """One-word names right after a person's title ("Chancellor Scholz about", "Minister Kuleba's"),
    whatever NER said: a word that is no English word, title, country, nationality or place."""
    return [
        (match.group(2), match.start(2), match.end(2))
        for match in _TITLED_SURNAME.finditer(text)
        if is_person_title(match.group(1))
        and _unknown_word(match.group(2))
        and not _NAME_PARTICLE_NEXT.match(text, match.end())  # "Sheikh Mohammed | bin Rashid"
    ]


#: A title that "of", "for" or "from" and its body follow ("Minister of", "Head of", "Senator from").
_OFFICE_OF_TITLE = re.compile(r"\b([A-Z][a-z]+)[ ](?:of|for|from)[ ]")
#: The body's capitalised words (with "the", "of", "and", "for" between them), ending before a lower-case
#: word or punctuation ("Foreign Affairs of the Netherlands Wopke Hoekstra| who").
_OFFICE_BODY_RUN = re.compile(
    r"(?:(?:the|of|and|for)[ ]|[A-Z][\w'’-]*[ ])*[A-Z][\w'’-]*(?=[,.;:)]|[ ][a-z(]|$)", re.MULTILINE
)


def _office_of_holders(text: str) -> list[tuple[str, int, int]]:
    """The holder's name ending "<title> of <body>" where NER tagged none ("Prime Minister of the
    Netherlands Rutte.", "Minister of Economy Yulia Svyrydenko arrived", "Senator from Vermont Bernie
    Sanders has"): two words that look like an office holder's name after a word that is no name (an
    English word, country or place), or one unknown word after a country or place."""
    found: list[tuple[str, int, int]] = []
    for title in _OFFICE_OF_TITLE.finditer(text):
        word = title.group(1).lower()
        if not (is_person_title(word) or word in _ROLE_WORDS):
            continue
        run = _OFFICE_BODY_RUN.match(text, title.end())
        if run is None:
            continue
        if _NAME_PARTICLE_NEXT.match(text, run.end()):
            continue  # "Egypt Abdel Fattah | el-Sisi", "Abu Dhabi Mohamed | bin Zayed"
        words = run.group().split(" ")
        name = None
        if len(words) >= 3 and _body_word(words[-3]) and _office_holder(" ".join(words[-2:])):
            name = " ".join(words[-2:])
        elif len(words) >= 2 and _country_name(words[-2]) and _unknown_word(words[-1]):
            name = words[-1]
        if name is None or name.endswith(("'s", "’s")) or any(geo.country_code(" ".join(words[-k:])) for k in (2, 3)):
            continue  # "Sultan of | Brunei Darussalam"
        found.append((name, run.end() - len(name), run.end()))
    return found


#: A lower-case name particle right after a name ("Abdel Fattah el-Sisi", "Marcelo Rebelo de Sousa").
_NAME_PARTICLE_NEXT = re.compile(r"[ ](?:[a-z]{1,3}-|(?:" + "|".join(sorted(NAME_PARTICLES)) + r")\b)")


def _body_word(word: str) -> bool:
    """A word that ends the name of an office's body, not a name: an ordinary English word or its plural
    ("Economy", "Affairs"), a country or a big place ("Netherlands", "Vermont"); not "the" or a given name."""
    return word != "the" and (_ordinary_word(word) or _plural_noun(word) or _place_or_country(word))


def _country_name(word: str) -> bool:
    """A country by name, not its adjective ("Bulgaria", not "German" as in "German Bundestag")."""
    return geo.country_code(word) is not None and geo.fold(word) not in geo.demonyms()


def _listed_with_persons(raw: list[PersonMention], texts: Sequence[str]) -> list[PersonMention]:
    """Full names in a list line whose other items are mostly persons already found ("Tim Herron, Duffy
    Waldorf, Davis Love" with two of them found): lists mix people with teams or places rarely."""
    found: list[PersonMention] = []
    for source, text in enumerate(texts):
        starts = sorted((m.start, m.end) for m in raw if m.source == source)
        for items in list_names(text):
            known = [_overlaps(starts, start, end) for _, start, end in items]
            likely = [
                is_known or (name.split()[0].lower() in given_names() and plausible_full_name(name))
                for (name, _, _), is_known in zip(items, known, strict=True)
            ]
            if sum(known) < 1 or sum(likely) < 2 or 2 * sum(likely) < len(items):
                continue
            for (name, start, end), is_known in zip(items, known, strict=True):
                cleaned = clean_person_name(name)
                if is_known or cleaned != name:
                    continue
                if plausible_full_name(name) or (" " not in name and _unknown_word(name)):
                    found.append(PersonMention(name, start, end, source))
    return found


def _lineup_mentions(texts: Sequence[str]) -> list[PersonMention]:
    """Names in team line-ups ("15 - Christian Cullen, 14 - Jeff Wilson, ..."): full names, and one-word
    names that are no English word, title, country or place ("(Becerril 46th)")."""
    found: list[PersonMention] = []
    for source, text in enumerate(texts):
        for name, start, end in lineup_names(text):
            if clean_person_name(name) != name:
                continue
            if plausible_full_name(name) or (" " not in name and _unknown_word(name)):
                found.append(PersonMention(name, start, end, source))
    return found


def _unknown_word(word: str) -> bool:
    """A word that is no English word, title, country, nationality or place: a name in a names list."""
    return not (_english_word(word) or is_title_word(word) or geo.country_code(word) or geo.place(word))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted ``(start, end)`` spans overlaps ``start``-``end``."""
    index = bisect.bisect_left(spans, (end, end))
    return index > 0 and spans[index - 1][1] > start


def _without_non_persons(raw: list[PersonMention], texts: Sequence[str]) -> list[PersonMention]:
    """``raw`` without what the article shows to be no person: sides of result lines, league-table rows and
    fixtures (teams: "Ajax Amsterdam 2 PSV 1"), cars or teams in the column after a tagged name ("Alex
    Zanardi (Italy), Reynard Honda, 53.980") and club tags after a name, anywhere in the article; names it
    writes in an organisation, team, place or press context, as the owner of a person ("Everton's Duncan
    Ferguson"), as a venue label or as its dateline place (unless the surname of a full name found); and
    one-word table labels ("Attendance: 20,000") that are not the surname of a full name found."""
    sides: list[tuple[int, int, int]] = []
    teams: set[str] = set()
    by_context: set[str] = set()
    labels: set[str] = set()
    for source, text in enumerate(texts):
        for side, start, end in score_line_sides(text) + standings_teams(text) + fixture_sides(text):
            sides.append((source, start, end))
            teams.add(geo.fold(side))
        sides += [
            (source, m.start, m.end)
            for m in raw
            if m.source == source and (thing_goes_on(text, m.end) or thing_before(text, m.start))
        ]
        ends = {m.end for m in raw if m.source == source and " " in m.name}
        for _, start, end in after_tag_columns(text) + bracketed_after(text, ends):
            sides.append((source, start, end))
        labels |= line_labels(text)
        by_context |= dateline_places(text) | venue_labels(text)
        by_context |= _names_in_non_person_context(raw, source, text) | _possessive_before_person(raw, source, text)
    surnames = {m.name.split()[-1] for m in raw if " " in m.name}
    by_context |= _only_after_the(raw, texts)
    teams |= by_context - {geo.fold(s) for s in surnames}
    return [
        m
        for m in raw
        if geo.fold(m.name) not in teams
        and not any(source == m.source and start <= m.start and m.end <= end for source, start, end in sides)
        and not (m.name in labels and m.name not in surnames and english_noun(m.name))
    ]


def _only_after_the(raw: list[PersonMention], texts: Sequence[str]) -> set[str]:
    """Folded one-word names that the article writes only after "the" ("nominated for the Oscar", "the
    Gukurahundi massacres"): a thing or a group, not a person, unless a common given name or surname or a
    well-known person ("the Clinton administration", "the Assad regime")."""
    after_the: dict[str, bool] = {}
    for mention in raw:
        if " " not in mention.name and not _census_name(mention.name) and _known_person(mention.name) is None:
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
        if len(words) >= 2 and len(words[-1]) >= 3 and not _place_or_country(words[-1]):
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
    return sum(c.isalpha() for c in name) >= 2 and name.isupper()


def _without_overlaps(mentions: list[PersonMention]) -> list[PersonMention]:
    """One mention per stretch of text: the longest of overlapping ones (NER, alias table, surnames)."""
    kept: list[PersonMention] = []
    for mention in sorted(mentions, key=lambda m: (m.source, m.start, -(m.end - m.start))):
        if kept and kept[-1].source == mention.source and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _common_word(name: str, lower_words: AbstractSet[str]) -> bool:
    """A one-word name that is an ordinary word: an English adjective ("Olympic", "Humanitarian"), a
    word the same article also writes in lower case ("Forum" / "forum"), the plural of an English noun
    that is no common surname ("Colleagues", "Javelins"; not "Bridges") or a demonym made from a place
    name ("Daghestani", "Westphalian")."""
    if _known_person(name):
        return False
    word = name.lower()
    return word in english_adjectives() or word in lower_words or _plural_noun(name) or _demonym_of_place(name)


def _plural_noun(word: str) -> bool:
    lowered = word.lower()
    if not lowered.endswith("s") or _census_name(word):
        return False
    nouns = english_words("noun")
    return lowered not in nouns and (lowered[:-1] in nouns or (lowered.endswith("es") and lowered[:-2] in nouns))


def _demonym_of_place(word: str) -> bool:
    """A demonym made from a country or big place name, or its plural: "Turkmenistan" + "i", "Westphalia" +
    "n", "Kyiv" + "an", "Kyiv" + "ites", "London" + "er" (not "Khomein" + "i", a person named after a small
    town)."""
    if _census_name(word):
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
    return any(len(stem) >= 4 and _place_or_country(stem) for stem in stems)


def _place_or_country(word: str) -> bool:
    place = geo.place(word)
    return bool(geo.country_code(word) or (place is not None and place.population >= _BIG_PLACE))


def _person_mentions(
    span: EntitySpan,
    surnames: set[str],
    full_tokens: set[str],
    place_labelled: AbstractSet[str] = frozenset(),
    before: str = "",
) -> list[PersonMention]:
    pair = _HYPHEN_PAIR.match(span.text.strip())
    if pair and any(_is_known_name(part, surnames) for part in pair.groups()):
        first, second = pair.group(1), pair.group(2)
        second_start = span.start + pair.start(2)
        return [
            PersonMention(first, span.start, span.start + len(first), span.source),
            PersonMention(strip_possessive_name(second), second_start, second_start + len(second), span.source),
        ]
    name = clean_person_name(span.text)
    if name is None:
        return []
    if name not in full_tokens and (geo.country_code(name) or geo.fold(name) in geo.NOT_COUNTRIES):
        return []
    if _team_of_a_city(name):
        return []  # "Ajax Amsterdam", "Sparta Prague" tagged PERSON
    if " " not in name and name not in full_tokens and not _known_person(name):
        if is_title_word(name) or fold_name(name) in organization_aliases():
            return []  # "Adviser"; "Rosatom", "Gazprombank": a known organisation
        place = geo.place(name)
        if place is not None and (
            place.population >= _BIG_PLACE
            or geo.fold(name) in place_labelled
            or not (_census_name(name) or _titled(before + span.text.split(name)[0]))
        ):
            return []  # "Kherson", "Bucha", "Waalwijk": a place, unless part of a person's name in this article
        listed = _LIST_BEFORE.search(before)
        if _PLACE_CONTEXT.search(before) or (
            listed and (_place_or_country(listed.group(1)) or geo.fold(listed.group(1)) in place_labelled)
        ):
            return []  # "born in Borodyanka", "the town of Hostomel", "Bucha, Borodyanka"
    offset = span.text.replace("’", "'").find(name)
    start = span.start + max(offset, 0)
    return [PersonMention(name, start, start + len(name) if offset >= 0 else span.end, span.source)]


def _titled(before: str) -> bool:
    """Whether the text right before a mention ends in a title or role ("Mr ", "President ")."""
    words = before.split()
    return bool(words and is_title_word(words[-1].rstrip("."))) or bool(_ROLE_BEFORE.search(before))


def _census_name(word: str) -> bool:
    """Whether ``word`` is a common given name or surname ("Clinton", "Dole", "Keller"), so that being also
    the name of a small town does not make it a place."""
    return word.lower() in given_names() or surname_rank(word) is not None


def _team_of_a_city(name: str) -> bool:
    """A two-word "person" whose first word is no given name and that names a place, ends in a big city or
    has a country word: a club ("Ajax Amsterdam", "Bayern Munich"), a place ("Bila Tserkva", "County
    Kerry") or a headline fragment ("Helping Ukraine", "Turkey Erdoğan"); not "Whitney Houston"."""
    words = name.split()
    if len(words) != 2 or words[0].lower() in given_names():
        return False
    return bool(
        geo.place(name)
        or big_city(words[1])
        or any(geo.country_code(w) or geo.fold(w) in geo.demonyms() for w in words)
    )


def strip_possessive_name(name: str) -> str:
    """A name without a trailing possessive."""
    return re.sub(r"(?:'s|’s)$", "", name)


def _mistagged_person(
    span: EntitySpan, known_tokens: set[str], full_names: set[str], after_office: bool = False
) -> list[PersonMention]:
    """Person mentions inside a span NER gave another label: a known surname ("Trump" as ORG), a
    hyphenated pair, "<Country> <Full Name>" ("Senegal Macky Sall") or "<Body> <Full Name>" when the body
    ends in a role or, with ``after_office``, the text before the span names an office of that body
    ("Executive Vice President of | the European Commission Valdis Dombrovskis")."""
    text = span.text.strip()
    pair = _HYPHEN_PAIR.match(text)
    if pair and all(_is_known_name(part, known_tokens) for part in pair.groups()):
        as_person = EntitySpan(span.text, "PERSON", span.start, span.end, span.source)
        return _person_mentions(as_person, known_tokens, known_tokens)
    name = clean_person_name(text)
    if name is None:  # no name as a whole ("... National Public Organisation Alexei Repik")
        return _person_at_end(span, full_names, after_office) if after_office else _holder_after_body(span)
    words = name.split()
    if geo.country_code(name) and name not in known_tokens:
        return []
    if (len(words) == 1 and name in known_tokens) or name in full_names:
        offset = max(text.replace("’", "'").find(name), 0)
        return [PersonMention(name, span.start + offset, span.start + offset + len(name), span.source)]
    if geo.country_code(name):
        return []
    if span.label == "ORG" and len(words) >= 2 and not text.startswith(name):
        head = text[: text.index(name)].split() if name in text else []
        body_words = any(_ordinary_word(w.removesuffix("'s")) for w in words[:-1])
        if head and geo.country_code(" ".join(head)) and not body_words:
            # not "Federation X Y", "People's Republic Mykhailo Hrushevsky"
            return [PersonMention(name, span.start + text.index(name), span.end, span.source)]
    return _person_at_end(span, full_names, after_office) or _holder_after_body(span)


def _person_at_end(span: EntitySpan, full_names: set[str], after_office: bool) -> list[PersonMention]:
    """The person whose name ends a span of another label: a full name of the article or a well-known
    one, the holder after a role word inside the span, or (``after_office``) after the body's name."""
    text = span.text.strip()
    tokens = text.split()
    if after_office:
        after_country = _holder_after_country(tokens)
        if after_country is not None:
            return [_mention_at_end(span, after_country)]
    for size in (3, 2):
        if len(tokens) > size:
            tail = " ".join(tokens[-size:])
            body = [t for t in tokens[:-size] if t.lower() != "the"]
            holder = _role_before_name(tokens[-size - 1], tail) or (after_office and body and _office_holder(tail))
            if tail in full_names or _known_person(tail) or holder:
                return [_mention_at_end(span, tail)]
    return []


def _mention_at_end(span: EntitySpan, name: str) -> PersonMention:
    """The mention of ``name``, the last words of a span of another label, where the span writes it."""
    start = span.start + span.text.strip().rindex(name)
    return PersonMention(name, start, start + len(name), span.source)


def _holder_after_body(span: EntitySpan) -> list[PersonMention]:
    """The head of a body or place whose given name and surname end a span of another label, NER having run
    the body into the name ("founder of the World Economic Forum | Klaus Schwab", "the Republic of Slovenia
    | Stanislav Raščan"): a given name that is no English word first, right after a body word (an ordinary
    word or its plural, a country or a big place), and two words that look like an office holder's name."""
    text = span.text.strip()
    tokens = text.split()
    if len(tokens) < 3 or tokens[-3].lower() == "the" or not _body_word(tokens[-3]):
        return []
    given, surname = tokens[-2], tokens[-1]
    if given.lower() not in given_names() or _english_word(given) or _plural_noun(surname):
        return []  # not "Million | Man March", "Moss Landing | Marine Laboratories", "The | September Bund"
    if _ordinary_word(surname) and surname_rank(surname) is None:
        return []  # not "Make the World | Greta Again"
    tail = f"{given} {surname}"
    return [_mention_at_end(span, tail)] if _office_holder(tail) else []


def _holder_after_country(tokens: list[str]) -> str | None:
    """The name after a country that starts an office's span ("Ambassador of | the Dominican Republic
    Francisco Alberto Caraballo Nuñez", "... | the Republic of Senegal Papa Diop"): two to four name-shaped
    words, none a title, place, country or ordinary English word, the last no English noun unless a common
    surname."""
    for size in range(2, 5):
        if len(tokens) <= size:
            break
        head, rest = " ".join(tokens[:-size]), tokens[-size:]
        if not geo.country_code(head):
            continue
        if not all(_NAME_WORD.fullmatch(w) and w[:1].isupper() and not _run_together(w) for w in rest):
            return None
        if any(is_title_word(w) or _place_or_country(w) or _ordinary_word(w) for w in rest):
            return None  # "the Romanian | Orthodox Church"
        if _noun_not_surname(rest[-1]):
            return None
        return " ".join(rest)
    return None


def _role_before_name(word: str, tail: str) -> bool:
    """Whether a span NER ran from an office into a name ends in "<role word> <full name>" ("Tver Region
    Governor Igor Rudenya", "Security Council Secretary Oleksiy Danilov")."""
    return (
        word.lower() in _ROLE_WORDS
        and plausible_full_name(tail)
        and all(w[:1].isupper() and not _place_or_country(w) for w in tail.split())
        and not _ordinary_word(tail.split()[0])  # "Chief Sanitary Doctor"
    )


#: A word of a person's name: letters, inner hyphens or apostrophes ("Jean-Claude", "O'Brien"), no comma.
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: A Slavic patronymic as the middle word of a three-word name ("Oleksandr Mykolayovych Lysenko").
_PATRONYMIC = re.compile(r"(?:ovych|evych|ovich|evich|yich|ovna|evna|ivna|yivna|ychna|ichna)$")


def _office_holder(tail: str) -> bool:
    """Whether the last two or three words of a span that follows "<office> of" are the office holder's
    name ("the European Commission | Valdis Dombrovskis", "the Recovery | Bruno Le Maire"): name-shaped
    words, none a big place, country, title or possessive, the first no ordinary English word, the last no
    English noun unless a common surname; three words only with a given name first, a particle or a
    patronymic in the middle ("Verkhovna Rada Ruslan Stefanchuk" ends in two: "Ruslan Stefanchuk")."""
    words = tail.split()
    if not plausible_full_name(tail) or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    if not all(w[:1].isupper() or w in NAME_PARTICLES for w in words) or not words[0][:1].isupper():
        return False
    if any(w.endswith(("'s", "’s")) or _run_together(w) for w in words):
        return False  # "Crimean Tatar People's", "Chikhanchin YuryHead"
    if any(_place_or_country(w) for w in words[1:]) or (
        _place_or_country(words[0]) and words[0].lower() not in given_names()
    ):
        return False  # "Kherson Oblast"; not "Stanislav Raščan"
    if _ordinary_word(words[0]) or (english_noun(words[0]) and not _census_name(words[0])):
        return False  # "Commission Valdis Dombrovskis", "Forces Valerii Zaluzhny"
    if _noun_not_surname(words[-1]):
        return False  # "Alexander Solzhenitsyn House", "Seas Initiative"
    return len(words) == 2 or (
        words[0].lower() in given_names() or words[1].lower() in NAME_PARTICLES or bool(_PATRONYMIC.search(words[1]))
    )


def _run_together(word: str) -> bool:
    """A name run into the next line's title ("YuryHead", "ValentinaChairwoman"), not "McDonald" or
    "LaHood"."""
    inner = _INNER_CAPITAL.search(word)
    return inner is not None and (is_title_word(inner.group(1)) or inner.group(1).lower() in _ROLE_WORDS)


_INNER_CAPITAL = re.compile(r"[a-z]{2}([A-Z][a-z]+)$")


def _noun_not_surname(word: str) -> bool:
    """An English noun that is no common surname ("Initiative", "Mainline"; not "Rice", "Bush")."""
    rank = surname_rank(word)
    return english_noun(word) and (rank is None or rank > _COMMON_SURNAME_RANK)


#: Surnames at least this common may also be English nouns ("Rice", "Bush", "House").
_COMMON_SURNAME_RANK = 5_000


#: An office of a body written right before the body's span ("Minister of the Economy, Finance and ").
_OFFICE_OF_BEFORE = re.compile(
    r"\b(?i:president|minister|secretary|governor|mayor|ambassador|chairman|chairwoman|chair|director"
    r"|commissioner|commander|spokes(?:man|woman|person)|head|chief|speaker|member|members|leader)"
    r"\s+of\s+(?:(?:the|and|for|of|[A-Z][\w'’-]*),?\s+)*$"
)


def _after_office(text: str, start: int, end: int) -> bool:
    """Whether the text before a span (``start``-``end``) ends in "<office> of [the Body words]", the span
    going on with the body, and no capitalised word follows the span right away (NER cut a name there:
    "Delovaya Rossiya Alexei | Repik")."""
    before = text[max(0, start - 80) : start]
    return "of" in before and bool(_OFFICE_OF_BEFORE.search(before)) and not _NAME_GOES_ON.match(text, end)


#: A capitalised word right after a span, on the same line.
_NAME_GOES_ON = re.compile(r"[ ]?[A-Z]")


#: Roles that end an office's name right before its holder's name inside one NER span.
_ROLE_WORDS = frozenset(
    [
        "president",
        "minister",
        "premier",
        "chancellor",
        "secretary",
        "governor",
        "mayor",
        "ambassador",
        "chairman",
        "chairwoman",
        "director",
        "commander",
        "commissioner",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "prosecutor",
        "head",
        "chief",
    ]
)
#: A role right before a name, possibly with "of <Country>" and a comma ("president of Namibia, ").
_ROLE_BEFORE = re.compile(
    r"\b(?:president|president-elect|minister|premier|chancellor|secretary|senator"
    r"|governor|mayor|ambassador|leader|chairman|chairwoman|director|general|commander|king|queen|prince"
    r"|judge|ceo|envoy|adviser|advisor|aide|deputy|speaker|head|chief|coach|prosecutor|"
    + "|".join(sorted(_PERSON_NOUNS))
    + r")"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?,?\s+$",
    re.IGNORECASE,
)


def _in_person_apposition(text: str, start: int, end: int) -> bool:
    """Whether the span at ``start``-``end`` stands right after a role ("president of Namibia, Hage
    Geingob", "porn actress Stormy Daniels") or before an apposition that says what person it is ("Jasim
    Uddin, a spokesperson for the fire service", "Artem Zhoga, the father of")."""
    before = text[max(0, start - 60) : start]
    if _ROLE_BEFORE.search(before):
        return True
    return bool(_APPOSITION.match(text, end)) and not _AFFILIATION_BEFORE.search(before)


#: A preposition before a span: the apposition after it is about the person before ("Dr. Tristan Smith of
#: University College London, a shipping researcher").
_AFFILIATION_BEFORE = re.compile(r"\b(?:of|at|from)[ ]$")


def _apposed_person(span: EntitySpan) -> list[PersonMention]:
    """A two- or three-word name NER tagged otherwise, right after a role ("president of Namibia, Hage
    Geingob"), or a well-known person's surname ("US President Biden")."""
    name = clean_person_name(span.text)
    if name is None:
        return []
    known_surname = " " not in name and _known_person(name) is not None  # "US President Biden", NER: GPE
    if not known_surname and (not 2 <= len(name.split()) <= 3 or geo.country_code(name) or geo.place(name)):
        return []
    offset = max(span.text.replace("’", "'").find(name), 0)
    return [PersonMention(name, span.start + offset, span.start + offset + len(name), span.source)]


#: Census given names that start place and organisation names far more often than a person's name.
_NOT_GIVEN_NAMES = frozenset(
    ["al", "le", "la", "el", "de", "di", "da", "van", "von", "san", "santa", "nova", "st", "hong"]
)


def _title_prefix(prefix: str) -> bool:
    """Whether ``prefix`` is empty or only a country and titles ("United States Representative "), not a
    saint or other words ("St. ")."""
    words = prefix.split()
    for size in (3, 2, 1):
        if len(words) >= size and geo.country_code(" ".join(words[:size])):
            words = words[size:]
            break
    return all(is_title_word(w) and w.lower().rstrip(".") not in ("st", "saint") for w in words)


def _given_name_person(span: EntitySpan, lower_words: AbstractSet[str]) -> list[PersonMention]:
    """A two- or three-word name NER tagged otherwise ("Mariano Rivera" as ORG, "Les Ferdinand" as GPE)
    whose first word is a common given name and whose last word is no ordinary word of the article."""
    if span.label not in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "LOC"):
        return []
    written = strip_possessive_name(span.text.replace("’", "'").strip())
    name = clean_person_name(written)
    if name is None or not name or name not in written or not 2 <= len(name.split()) <= 3:
        return []
    if not _title_prefix(written[: written.index(name)]):
        return []  # "St. Louis Cardinals": only titles and a country may go before the name
    words = name.split()
    if words[0].lower() not in given_names() or words[0].lower() in _NOT_GIVEN_NAMES:
        return []  # "Al Jazeera", "Nova Kakhovka", "Santa Cruz Island"
    if any(not w[:1].isupper() or w.isupper() or w.lower() in STOP_WORDS for w in words):
        return []  # "UN Charter", "Pasquale Di", "Only Are"
    last = words[-1].lower()
    if last in lower_words or _place_or_country(words[0]) or any(w.lower() in english_adjectives() for w in words):
        return []
    if _english_word(words[0]) and surname_rank(last) is None:
        return []  # "Winter Paralympics": an ordinary word as given name needs a known surname
    if not plausible_full_name(name) or fold_name(name) in organization_aliases():
        return []
    offset = max(span.text.replace("’", "'").find(name), 0)
    return [PersonMention(name, span.start + offset, span.start + offset + len(name), span.source)]


def split_person_tail(name: str, is_person: Callable[[str], bool]) -> str | None:
    """``name`` without a trailing person's name ("Armed Forces Valeriy Zaluzhny" -> "Armed Forces"),
    None when it is a country followed by a person ("Senegal Macky Sall"), else ``name`` unchanged."""
    tokens = name.split()
    for size in (3, 2):
        if len(tokens) > size and is_person(" ".join(tokens[-size:])):
            head = " ".join(tokens[:-size])
            return None if geo.country_code(head) else head
    return name


def _is_known_name(word: str, known_tokens: set[str]) -> bool:
    word = strip_possessive_name(word)
    return word in known_tokens or translit_key(word) in unique_surnames()


def _alias_table_mentions(spans: Sequence[EntitySpan], texts: Sequence[str]) -> list[PersonMention]:
    """Full names from the alias table written in the text where NER found no PERSON."""
    found: list[PersonMention] = []
    for source, text in enumerate(texts):
        people = [(s.start, s.end) for s in spans if s.source == source and s.label == "PERSON"]
        for match in _alias_pattern().finditer(text):
            if not any(start <= match.start() and match.end() <= end for start, end in people):
                found.append(PersonMention(match.group(0), match.start(), match.end(), source))
    return found


@cache
def _alias_pattern() -> re.Pattern[str]:
    names = sorted({n for n in person_surface_names() if " " in n}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _untagged_surnames(
    raw: list[PersonMention],
    spans: Sequence[EntitySpan],
    texts: Sequence[str],
    lower_words: AbstractSet[str] = frozenset(),
) -> list[PersonMention]:
    """Occurrences of a found person's surname that NER missed (not inside any entity span), unless the
    article also writes the surname as an ordinary lower-case word (``lower_words``: "Law" / "law")."""
    surnames = {m.name.split()[-1] for m in raw if len(m.name.split()) >= 2}
    surnames = {s for s in surnames if len(s) >= 4 and s[0].isupper() and not s.isupper()}
    found: list[PersonMention] = []
    if not surnames:
        return found
    surnames = {s for s in surnames if s.lower() not in lower_words}
    if not surnames:
        return found
    for source, text in enumerate(texts):
        covered = CoveredText(spans, source)
        for match in _CAPITALISED_TOKEN.finditer(text):
            surname = _without_possessive_suffix(match.group(0), surnames)
            if surname is None:
                continue
            start = match.start()
            end = start + len(surname)
            if not covered.overlaps(start, end):
                found.append(PersonMention(surname, start, end, source))
    return found


#: A capitalised word with its apostrophes and hyphens ("O'Brien's", "Rees-Zammit").
_CAPITALISED_TOKEN = re.compile(r"(?<![\w-])[A-Z][\w'’-]*")


def _without_possessive_suffix(word: str, surnames: AbstractSet[str]) -> str | None:
    """``word`` (or ``word`` without a trailing possessive or apostrophe) when it is one of ``surnames``."""
    if word in surnames:
        return word
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and word[: -len(suffix)] in surnames:
            return word[: -len(suffix)]
    return None


def _canonicalise(names: list[str], raw: list[PersonMention]) -> dict[str, str]:
    """Map each cleaned name to its canonical full name within the article, then across articles."""
    frequency = Counter(m.name for m in raw)
    first_seen: dict[str, int] = {}
    for mention in sorted(raw, key=lambda m: (m.source != BODY, m.start)):
        first_seen.setdefault(mention.name, len(first_seen))
    full_names = [n for n in names if len(n.split()) >= 2]
    canonical_of: dict[str, str] = {}
    for name in full_names:
        canonical_of[name] = _longer_form(name, full_names, frequency, first_seen)
    for name in names:
        if name in canonical_of:
            continue
        # most frequent first; ties go to the name the article gives first (never to set order, which
        # changes with PYTHONHASHSEED)
        candidates = sorted(
            {canonical_of[n] for n in full_names}, key=lambda n: (-frequency[n], first_seen.get(n, len(first_seen)), n)
        )
        canonical_of[name] = _match_within(name, candidates) or name
    return {name: _known_person(canonical) or canonical for name, canonical in canonical_of.items()}


def _longer_form(name: str, full_names: list[str], frequency: Counter[str], first_seen: dict[str, int]) -> str:
    """The most frequent full name with the same first and last word ("Donald J. Trump" ~ "Donald Trump"),
    or the same first word and a surname one slip of the pen away ("Volodymyr Zelenskyiyy"); a name is the
    one full name that writes a given name before it ("De Zoysa", "Van Biljon" / "Louis De Zoysa", "Leon van
    Biljon"; "Mohammad Mir-Mohammadi" / "Seyed Mohammad Mir-Mohammadi"; not "Transneft Nikolai Tokarev"),
    a surname with a particle the one full name that ends with it, whatever goes before."""
    words = name.split()
    ending = " " + name.lower()
    particle = words[0].lower() in NAME_PARTICLES  # a surname with a particle: "De Zoysa"
    longer = [
        n for n in full_names if n.lower().endswith(ending) and (particle or n[: -len(ending)].lower() in given_names())
    ]
    if len(longer) == 1:  # not when several people share it ("Van Halen": Eddie, Alex, Wolfgang)
        return longer[0]
    same = [n for n in full_names if n.split()[0] == words[0] and _same_surname(n.split()[-1], words[-1])]
    # the spelling the article repeats; on a tie the shorter, then the one it writes first
    return max(same, key=lambda n: (frequency[n], -len(n), -first_seen.get(n, 0))) if same else name


def _same_surname(one: str, other: str) -> bool:
    """The same surname, or one slip of the pen or transliteration away (same first three letters, rapidfuzz
    ratio >= 90, or >= 85 between transliteration keys: "Zelenska" / "Zelenskyy" for one woman)."""
    if one == other:
        return True
    if len(one) < 6 or one[:3] != other[:3]:
        return False
    return fuzz.ratio(one, other) >= _FUZZY_SURNAME or fuzz.ratio(translit_key(one), translit_key(other)) >= 85


def _match_within(name: str, candidates: list[str]) -> str | None:
    """The candidate full name a short or variant form refers to: by surname, first name or fuzzy surname."""
    if not candidates:
        return None
    words = name.split()
    key = translit_key(words[-1])
    by_surname = [c for c in candidates if translit_key(c.split()[-1]) == key]
    if len(words) == 1 and not by_surname:
        by_surname = [c for c in candidates if c.split()[0] == name and len(c.split()) >= 2]
    if not by_surname and len(words[-1]) >= 5:
        surnames = {translit_key(c.split()[-1]): c for c in candidates}
        best = process.extractOne(key, list(surnames), scorer=fuzz.ratio, score_cutoff=_FUZZY_SURNAME)
        if best is not None and best[0][:1] == key[:1]:
            by_surname = [surnames[best[0]]]
    if len(words) >= 2:
        by_surname = [c for c in by_surname if c.split()[0][:1] == words[0][:1]]
    return by_surname[0] if by_surname else None


def _known_person(name: str) -> str | None:
    """Canonical name of a well-known person from the alias table (also lone distinctive surnames)."""
    aliases = person_aliases()
    found = aliases.get(fold_name(name)) or aliases.get(translit_key(name))
    if found:
        return found
    words = name.split()
    surname_owner = unique_surnames().get(translit_key(words[-1]))
    if surname_owner and (len(words) == 1 or _same_first_name(words[0], surname_owner.split()[0])):
        return surname_owner
    return None


#: Least ``rapidfuzz`` ratio of transliteration keys for two spellings of one first name ("Vladimir" /
#: "Volodymyr" 59, "Dmitri" / "Dmitry" 83; "Jason" / "Jens" 44 are two people).
_SAME_FIRST_NAME = 55


def _same_first_name(written: str, known: str) -> bool:
    """Whether ``written`` can be ``known``'s first name: its initial ("J." / "Jens"), or a spelling of it."""
    if len(written.rstrip(".")) <= 1:
        return written[:1] == known[:1]
    return written[:1] == known[:1] and fuzz.ratio(translit_key(written), translit_key(known)) >= _SAME_FIRST_NAME
