"""Source ``ner_spans``: the persons NER tagged PERSON, cleaned (titles, possessives, places, teams, awards).

Also reads the article once for every stage (:func:`read_article`): PERSON spans with the parts NER split
joined, the full names they give, the words the article writes in lower case, its organisations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from indexer.enrich import geo
from indexer.enrich.aliases import (
    fold_name,
    organization_aliases,
    translit_key,
    unique_surnames,
)
from indexer.enrich.name_lists import given_names
from indexer.enrich.persons.canonical import known_person
from indexer.enrich.persons.data_files import word_list
from indexer.enrich.persons.filters import thing_name
from indexer.enrich.persons.name_cleaning import NAME_PARTICLES, clean_person_name, is_title_word
from indexer.enrich.persons.office_holders import ROLE_BEFORE
from indexer.enrich.persons.stage import PersonArticle, PersonMention
from indexer.enrich.persons.words import (
    BIG_PLACE,
    big_city,
    census_name,
    common_word,
    ordinary_word,
    place_or_country,
    strip_possessive_name,
)
from indexer.enrich.spans import EntitySpan, lower_case_words

HYPHEN_PAIR = re.compile(r"^([A-Z][\w'’]+)\s?[-–—]\s?([A-Z][\w'’]+)(?:'s|’s)?$")

#: Words right before a one-word name that make it a place ("in Borodyanka", "the village of Hostomel").
_PLACE_CONTEXT = re.compile(
    r"(?:\b(?:in|near|into|across|around|outside|towards|liberated|occupied|visited)|\b(?:city|town|village"
    r"|region|district|settlement|suburb|oblast|province) of|\b(?:in|near)\s+[A-Z][\w'’-]+,)\s+$"
)

#: The list item right before a one-word name ("Bucha, Borodyanka", "Irpin and Borodyanka").
_LIST_BEFORE = re.compile(r"([A-Z][\w'’-]+)(?:,|\s+and)\s+$")


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
    return name is not None and not ordinary_word(name.split()[0])


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
    if is_title_word(word) or place_or_country(word) or known_person(word) or ordinary_word(word):
        return mention
    start = mention.start - (len(before) - match.start(1))
    return PersonMention(f"{word} {mention.name}", start, mention.end, mention.source)


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


#: Awards named like a person ("the Oscar statuette", "your Oscar"; not "Oscar" the footballer).
_AWARDS = word_list("awards")

_DETERMINER_BEFORE = re.compile(r"\b(?:the|an|his|her|their|your|its|my|our)\s+$", re.IGNORECASE)


def person_mentions(
    span: EntitySpan,
    surnames: set[str],
    full_tokens: set[str],
    place_labelled: AbstractSet[str] = frozenset(),
    before: str = "",
) -> list[PersonMention]:
    """The person mentions of one PERSON span: a hyphenated pair with a known part is two people
    ("Putin-Trump"); else the cleaned name, unless it is a country, a team of a city, a title, a known
    organisation, or a one-word place (big, tagged GPE/LOC in the article, no census name without a title,
    or in a place context: "born in Borodyanka", "Bucha, Borodyanka"). ``before``: the text right before."""
    pair = HYPHEN_PAIR.match(span.text.strip())
    if pair and any(is_known_name(part, surnames) for part in pair.groups()):
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
    if " " not in name and name not in full_tokens and not known_person(name):
        if is_title_word(name) or fold_name(name) in organization_aliases():
            return []  # "Adviser"; "Rosatom", "Gazprombank": a known organisation
        place = geo.place(name)
        if place is not None and (
            place.population >= BIG_PLACE
            or geo.fold(name) in place_labelled
            or not (census_name(name) or _titled(before + span.text.split(name)[0]))
        ):
            return []  # "Kherson", "Bucha", "Waalwijk": a place, unless part of a person's name in this article
        listed = _LIST_BEFORE.search(before)
        if _PLACE_CONTEXT.search(before) or (
            listed and (place_or_country(listed.group(1)) or geo.fold(listed.group(1)) in place_labelled)
        ):
            return []  # "born in Borodyanka", "the town of Hostomel", "Bucha, Borodyanka"
    offset = span.text.replace("’", "'").find(name)
    start = span.start + max(offset, 0)
    return [PersonMention(name, start, start + len(name) if offset >= 0 else span.end, span.source)]


def _titled(before: str) -> bool:
    """Whether the text right before a mention ends in a title or role ("Mr ", "President ")."""
    words = before.split()
    return bool(words and is_title_word(words[-1].rstrip("."))) or bool(ROLE_BEFORE.search(before))


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


def is_known_name(word: str, known_tokens: set[str]) -> bool:
    """Whether ``word`` (possessive dropped) is one of ``known_tokens`` or a well-known distinctive surname."""
    word = strip_possessive_name(word)
    return word in known_tokens or translit_key(word) in unique_surnames()


def read_article(spans: Sequence[EntitySpan], texts: Sequence[str], corpus_rules: bool = True) -> PersonArticle:
    """What every stage needs to know of the article before any runs (see :class:`PersonArticle`)."""
    person_spans = _joined_name_parts([s for s in spans if s.label == "PERSON"], texts)
    full_names = {n for n in (clean_person_name(s.text) for s in person_spans) if n and " " in n and not thing_name(n)}
    full_tokens = {w for n in full_names for i, w in enumerate(n.split()) if i or not place_or_country(w)}
    return PersonArticle(
        spans=spans,
        texts=texts,
        person_spans=person_spans,
        full_names=full_names,
        full_tokens=full_tokens,
        surnames={n.split()[-1] for n in full_names},
        place_labelled={geo.fold(s.text) for s in spans if s.label in ("GPE", "LOC")},
        lower_words=lower_case_words(tuple(texts)),
        organisations=_mostly_organisations(spans, texts),
        corpus_rules=corpus_rules,
    )


def find_ner_mentions(article: PersonArticle, mentions: list[PersonMention]) -> list[PersonMention]:
    """The PERSON spans NER tagged (parts it split joined), cleaned: hyphenated pairs split, countries,
    teams, titles, known organisations and one-word places dropped; a one-word name takes the first name NER
    cut off ("Waqar [Younis]"). Keeps a one-word name only when it is a word of a full name of the article
    or no common word or organisation of it; drops an award after a determiner ("the Oscar statuette")."""
    found = list(mentions)
    texts = article.texts
    for span in article.person_spans:
        context = texts[span.source][max(0, span.start - 30) : span.start] if texts else ""
        candidates = person_mentions(span, article.surnames, article.full_tokens, article.place_labelled, context)
        for mention in candidates:
            if mention.start == span.start:
                mention = _extended_leftwards(mention, context)
            one_word_ok = (
                not common_word(mention.name, article.lower_words) and mention.name not in article.organisations
            )
            if mention.name.lower() in _AWARDS and _DETERMINER_BEFORE.search(context):
                continue  # "the Oscar statuette"
            if " " in mention.name or mention.name in article.full_tokens or one_word_ok:
                found.append(mention)
    return found
