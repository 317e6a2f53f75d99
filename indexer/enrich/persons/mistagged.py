"""Sources ``mistagged`` and ``split_spans``: persons NER gave another label ("Trump" as ORG, "Mariano
Rivera" as ORG, "president of Namibia, Hage Geingob" as GPE, an office run into its holder's name) or split
into two one-word spans of other labels ("Natalia" GPE + "Strokan" NORP)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from indexer.enrich import geo
from indexer.enrich.aliases import (
    fold_name,
    organization_aliases,
)
from indexer.enrich.name_lists import given_names, surname_rank
from indexer.enrich.nlp import english_adjectives
from indexer.enrich.persons.canonical import known_person
from indexer.enrich.persons.data_files import word_list
from indexer.enrich.persons.filters import thing_name
from indexer.enrich.persons.name_cleaning import clean_person_name, is_title_word
from indexer.enrich.persons.ner_spans import HYPHEN_PAIR, is_known_name, person_mentions
from indexer.enrich.persons.office_holders import (
    APPOSITION,
    ROLE_BEFORE,
    ROLE_WORDS,
    body_word,
    office_holder,
    run_together,
)
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import (
    LETTER_WORD,
    english_word,
    noun_not_surname,
    ordinary_word,
    place_or_country,
    plausible_full_name,
    plural_noun,
    strip_possessive_name,
    without_the,
)
from indexer.enrich.spans import EntitySpan

#: Labels whose mentions may be a known person mis-tagged.
_MISTAGGABLE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


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
        if given.lower() not in given_names() or english_word(given) or not surname[:1].isupper():
            continue
        if english_word(surname) or is_title_word(surname) or place_or_country(surname):
            continue
        if geo.country_code(surname) or not LETTER_WORD.fullmatch(surname) or surname.isupper():
            continue
        found.append(
            PersonMention(f"{given} {surname}", first.start, first.start + len(given) + 1 + len(surname), first.source)
        )
    return found


def _mistagged_person(
    span: EntitySpan, known_tokens: set[str], full_names: set[str], after_office: bool = False
) -> list[PersonMention]:
    """Person mentions inside a span NER gave another label: a known surname ("Trump" as ORG), a
    hyphenated pair, "<Country> <Full Name>" ("Senegal Macky Sall") or "<Body> <Full Name>" when the body
    ends in a role or, with ``after_office``, the text before the span names an office of that body
    ("Executive Vice President of | the European Commission Valdis Dombrovskis")."""
    text = span.text.strip()
    pair = HYPHEN_PAIR.match(text)
    if pair and all(is_known_name(part, known_tokens) for part in pair.groups()):
        as_person = EntitySpan(span.text, "PERSON", span.start, span.end, span.source)
        return person_mentions(as_person, known_tokens, known_tokens)
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
        body_words = any(ordinary_word(w.removesuffix("'s")) for w in words[:-1])
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
            holder = _role_before_name(tokens[-size - 1], tail) or (after_office and body and office_holder(tail))
            if tail in full_names or known_person(tail) or holder:
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
    if len(tokens) < 3 or tokens[-3].lower() == "the" or not body_word(tokens[-3]):
        return []
    given, surname = tokens[-2], tokens[-1]
    if given.lower() not in given_names() or english_word(given) or plural_noun(surname):
        return []  # not "Million | Man March", "Moss Landing | Marine Laboratories", "The | September Bund"
    if ordinary_word(surname) and surname_rank(surname) is None:
        return []  # not "Make the World | Greta Again"
    tail = f"{given} {surname}"
    return [_mention_at_end(span, tail)] if office_holder(tail) else []


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
        if not all(LETTER_WORD.fullmatch(w) and w[:1].isupper() and not run_together(w) for w in rest):
            return None
        if any(is_title_word(w) or place_or_country(w) or ordinary_word(w) for w in rest):
            return None  # "the Romanian | Orthodox Church"
        if noun_not_surname(rest[-1]):
            return None
        return " ".join(rest)
    return None


def _role_before_name(word: str, tail: str) -> bool:
    """Whether a span NER ran from an office into a name ends in "<role word> <full name>" ("Tver Region
    Governor Igor Rudenya", "Security Council Secretary Oleksiy Danilov")."""
    return (
        word.lower() in ROLE_WORDS
        and plausible_full_name(tail)
        and all(w[:1].isupper() and not place_or_country(w) for w in tail.split())
        and not ordinary_word(tail.split()[0])  # "Chief Sanitary Doctor"
    )


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


def _in_person_apposition(text: str, start: int, end: int) -> bool:
    """Whether the span at ``start``-``end`` stands right after a role ("president of Namibia, Hage
    Geingob", "porn actress Stormy Daniels") or before an apposition that says what person it is ("Jasim
    Uddin, a spokesperson for the fire service", "Artem Zhoga, the father of")."""
    before = text[max(0, start - 60) : start]
    if ROLE_BEFORE.search(before):
        return True
    return bool(APPOSITION.match(text, end)) and not _AFFILIATION_BEFORE.search(before)


#: A preposition before a span: the apposition after it is about the person before ("Dr. Tristan Smith of
#: University College London, a shipping researcher").
_AFFILIATION_BEFORE = re.compile(r"\b(?:of|at|from)[ ]$")


def _apposed_person(span: EntitySpan) -> list[PersonMention]:
    """A two- or three-word name NER tagged otherwise, right after a role ("president of Namibia, Hage
    Geingob"), or a well-known person's surname ("US President Biden")."""
    name = clean_person_name(span.text)
    if name is None:
        return []
    known_surname = " " not in name and known_person(name) is not None  # "US President Biden", NER: GPE
    if not known_surname and (not 2 <= len(name.split()) <= 3 or geo.country_code(name) or geo.place(name)):
        return []
    offset = max(span.text.replace("’", "'").find(name), 0)
    return [PersonMention(name, span.start + offset, span.start + offset + len(name), span.source)]


#: Census given names that start place and organisation names far more often than a person's name.
_NOT_GIVEN_NAMES = word_list("not_given_names")


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
    if last in lower_words or place_or_country(words[0]) or any(w.lower() in english_adjectives() for w in words):
        return []
    if english_word(words[0]) and surname_rank(last) is None:
        return []  # "Winter Paralympics": an ordinary word as given name needs a known surname
    if not plausible_full_name(name) or fold_name(name) in organization_aliases():
        return []
    offset = max(span.text.replace("’", "'").find(name), 0)
    return [PersonMention(name, span.start + offset, span.start + offset + len(name), span.source)]


def find_mistagged(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Persons inside spans NER labelled ORG, GPE, NORP, LOC, FAC, PRODUCT, WORK_OF_ART, EVENT or LAW: a
    known surname or full name, a hyphenated pair of known names, "<Country> <Full Name>", an office's
    holder at the span's end, a name right after a role or before an apposition, a name starting with a
    common given name. Spans whose "the <name>" the article writes as another entity are things.

    First drops the multi-word mentions found so far that name a thing (``filters.thing_name``): their
    words must not count as known names here. That removal sits inside this source (the order of today's
    output depends on it); the same test runs again in ``drop_things_and_common_words``."""
    spans, texts = article.spans, article.texts
    raw = [m for m in mentions if " " not in m.name or not thing_name(m.name)]  # before their words count as known
    names = {m.name for m in raw}
    known_tokens = {w for n in names for w in n.split() if "-" not in w}
    # what the article also writes as "the <name>" in a span of another label is a thing ("the Marine Guard")
    things = {without_the(s.text) for s in spans if s.label != "PERSON" and s.text.strip().lower().startswith("the ")}
    for span in spans:
        if span.label != "PERSON" and span.label in _MISTAGGABLE:
            office = bool(texts) and _after_office(texts[span.source], span.start, span.end)
            found = _mistagged_person(span, known_tokens, article.full_names | names, office)
            if not found and without_the(span.text) not in things:
                if texts and _in_person_apposition(texts[span.source], span.start, span.end):
                    found = _apposed_person(span)
                if not found:
                    found = _given_name_person(span, article.lower_words)
            raw.extend(found)
    return raw


def find_split_spans(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """Full names NER split into two one-word spans one space apart, not both PERSON: a given name that is no
    English word, then a capitalised word that is no English word, title, country or place."""
    return [*mentions, *_split_names(article.spans, article.texts)]
