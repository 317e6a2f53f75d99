"""What an article has said about its people before a given point, for resolving speakers.

Built once per article from the Doc's PERSON entities: each person's canonical name, the title words
around its mentions ("President of Ukraine Volodymyr Zelenskyy", "Eduard Heger, the Prime Minister of
Slovakia,") and the country such a state title gives it. Speakers resolved so far are added as the
article is read, so that pronouns ("he said"), bare surnames ("Mijares claimed"), definite titles
("the Prime Minister of Slovakia thanked ...") and "the report" find who they stand for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from indexer.enrich.attribution_resolver import country_code
from indexer.enrich.stance_lexicon import (
    APPOSITION_OPENERS,
    CLAUSE_WORDS,
    MEDIA_WORDS,
    NOT_HOLDER_MODIFIERS,
    NOT_TITLE_OPENERS,
    OFFICE_QUALIFIERS,
    OFFICIAL_TITLES,
    TITLE_JOINERS,
    TITLE_QUALIFIER_PREPOSITIONS,
    TITLE_SYNONYMS,
)
from indexer.enrich.types import EntityResolver

SpeakerType = Literal["person", "organization"]
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_PRONOUN_WINDOW_CHARS = 600
#: How far into the text the opening of a call or meeting summary names its parties.
OPENING_CHARS = 400
#: How many tokens before a name its title may span ("Adviser to the Head of the President's Office").
_TITLE_WINDOW = 16


@dataclass(frozen=True)
class Speaker:
    """A speaker: resolved (a canonical person or organisation), or, with ``resolved`` False, a title as
    written that names one speaker the article does not name ("President of Ukraine")."""

    name: str
    type: SpeakerType
    country: str | None
    resolved: bool = True
    #: The persons a joint speaker stands for ("the two leaders" -> both), each a statement's speaker.
    members: tuple[Speaker, ...] = ()


@dataclass(frozen=True)
class _Person:
    offset: int
    name: str
    title: str
    country: str | None
    #: The office itself, each part of the title cut before its first qualifier ("adviser" of "Adviser to
    #: the Head of the Office of the President"): what a title must name to stand for this person.
    office: str = ""
    #: Where the name as written ends (a character offset of the text; -1 for a title's persons).
    end: int = -1


class SpeakerMemory:
    """Persons of the article (with titles and countries) and the speakers resolved so far."""

    def __init__(self, doc: Doc, resolver: EntityResolver, title: Doc | None = None) -> None:
        """``title``: the article's title Doc (with entities), whose persons a definite title of the text
        may stand for when no person of the text does ("Meeting with Astrakhan Region Governor Igor
        Babushkin" ... "The Governor thanked ...")."""
        self._resolver = resolver
        self.person_country: dict[str, str] = {}
        self._persons = self._introduced(doc, 0)
        self._title_persons = self._introduced(title, -1) if title is not None else []
        self._speakers: list[tuple[int, Speaker]] = []
        self._surnames: dict[str, Speaker] = {}

    def _introduced(self, doc: Doc, offset: int | None) -> list[_Person]:
        """The person mentions of ``doc`` with their titles, at their offsets (or all at ``offset`` when
        it is negative: a title's persons come before the text)."""
        persons = []
        known = {person.name for person in getattr(self, "_persons", ())}
        for ent, name in person_mentions(doc, self._resolver, known):
            before, after = title_words(ent)
            title = " ".join(t.lower_ for t in (*before, *after))
            office = " ".join(word for part in (before, after) for word in _office_words(part))
            country = title_country(ent, self._resolver)
            at, end = (ent.start_char, ent.end_char) if offset is None or offset >= 0 else (offset, -1)
            persons.append(_Person(at, name, title, country, office, end))
            if country is not None:
                self.person_country.setdefault(name, country)
        return persons

    def remember(self, offset: int, speaker: Speaker) -> None:
        """Record that ``speaker`` spoke at character ``offset`` of the article (a speaker kept as written,
        unresolved, is not remembered: nothing later may resolve to it)."""
        if not speaker.resolved:
            return
        self._speakers.append((offset, speaker))
        if speaker.type == "person":
            if speaker.country is not None:
                self.person_country.setdefault(speaker.name, speaker.country)
            if " " in speaker.name:
                self._surnames.setdefault(speaker.name.split()[-1].lower(), speaker)

    def person_written(self, start: int, end: int) -> tuple[Speaker, int] | None:
        """The person whose name is written ending at character ``end`` and starting at or after
        ``start`` (a name NER did not tag as one, found by :func:`person_mentions`), with where it starts."""
        for person in self._persons:
            if person.end == end and person.offset >= start:
                return Speaker(person.name, "person", self.person_country.get(person.name)), person.offset
        return None

    def by_surname(self, surname: str) -> Speaker | None:
        """A person speaker met before whose name ends with ``surname`` ("Mijares" -> "Graciano Mijares")."""
        return self._surnames.get(surname.lower())

    def person_before(self, offset: int, sentence_start: int) -> Speaker | None:
        """The person a he/she at ``offset`` most likely is: the latest person speaker close before it,
        else the latest person named before its sentence (``sentence_start``)."""
        speakers = [(o, s) for o, s in self._speakers if s.type == "person" and o < offset]
        if speakers and offset - speakers[-1][0] <= _PRONOUN_WINDOW_CHARS:
            return speakers[-1][1]
        persons = [p for p in self._persons if p.offset < sentence_start]
        if persons:
            return Speaker(persons[-1].name, "person", self.person_country.get(persons[-1].name))
        return speakers[-1][1] if speakers else None

    def titled_before(self, offset: int, title: str, qualifier: str, country: str | None) -> Speaker | None:
        """The person a definite title stands for ("the President", "the Prime Minister of Slovakia"): with a
        qualifier ("of the European Council") or country, the latest person introduced with that title and
        qualifier or country; a bare title, the **first** person the article introduced with it — the
        principal of a release ("the President" in "President Volodymyr Zelenskyy met President of Poland
        Andrzej Duda. ... the President thanked ..." is Zelenskyy: on 144 labelled seed articles the latest
        was wrong 22 times in 143, the first never); a bare title never stands for someone whose title is
        qualified by a body, not a country."""
        return (self._titled(self._persons, offset, title, qualifier, country)
                or self._titled(self._title_persons, offset, title, qualifier, country))

    @staticmethod
    def _titled(persons: list[_Person], offset: int, title: str, qualifier: str,
                country: str | None) -> Speaker | None:
        title = TITLE_SYNONYMS.get(title, title)
        bare: list[_Person] = []
        for person in reversed([p for p in persons if p.offset < offset]):
            words = f" {_normalise_title(person.title)} "
            office = f" {_normalise_title(person.office)} "
            if f" {title} " not in office:
                continue  # "the President" is not an "Adviser to the ... President"
            if _held_by_another(office.split(f" {title} ", 1)[0].split()):
                continue  # "the Minister" is not the "Prime Minister", "the President" no "Vice President"
            if qualifier:
                if _qualifies(qualifier, words) or (country is not None and person.country == country):
                    return Speaker(person.name, "person", person.country)
                continue
            rest = words.split(f" {title} ", 1)[1].strip()
            if rest.startswith("of the ") and country_code(rest[3:]) is None:
                continue  # a bare "the President" is not "the President of the European Council" (a body;
                # "the Governor" is the "Governor of Sevastopol")
            bare.append(person)
        if not bare:
            return None
        first = bare[-1]  # collected latest first
        return Speaker(first.name, "person", first.country)

    def introduced_as(self, offset: int, phrase: str) -> Speaker | None:
        """The latest person before ``offset`` introduced with the title ``phrase`` ("head of the office
        of the president" after "Head of the Office of the President of Ukraine Andriy Yermak"; "spokesman"
        after "Kremlin spokesman Dmitry Peskov"): the phrase must end their title or be followed only by
        "of <country>"; or the phrase names the same office qualified in other words ("head of the
        president's office": its office "head" is theirs, and every word of its qualifier is one of their
        title's)."""
        phrase = _normalise_title(" ".join(phrase.lower().split()))
        words = phrase.split()
        cut = next((i for i, word in enumerate(words) if word in OFFICE_QUALIFIERS), len(words))
        for person in reversed([p for p in self._title_persons + self._persons if p.offset < offset]):
            title = f" {_normalise_title(person.title)} "
            office = _normalise_title(person.office)
            at = title.find(f" {phrase} ")
            if at == -1:
                if 0 < cut < len(words) and " ".join(words[:cut]) == office and _qualifies(
                        " ".join(words[cut:]), title):
                    return Speaker(person.name, "person", person.country)
                continue
            if words[0] not in office.split() or _held_by_another(title[:at].split()):
                continue  # "the President" is not an "Adviser to the Head of the Office of the President", "the
                # Minister" not the "Prime Minister"
            rest = title[at + len(phrase) + 2:].strip()
            if not rest or (rest.startswith("of ") and country_code(rest[3:]) is not None):
                return Speaker(person.name, "person", person.country)
        return None

    def opening_pair(self, offset: int) -> tuple[Speaker, Speaker] | None:
        """The two persons the article's opening names ("Vladimir Putin had a telephone conversation with
        Emmanuel Macron"): the first two distinct persons, both within its first OPENING_CHARS characters
        and before ``offset``; None when the opening names fewer than two."""
        names: list[str] = []
        for person in self._persons:
            if person.offset >= min(offset, OPENING_CHARS):
                break
            if person.name not in names:
                names.append(person.name)
        if len(names) < 2:
            return None
        return (Speaker(names[0], "person", self.person_country.get(names[0])),
                Speaker(names[1], "person", self.person_country.get(names[1])))

    def medium_before(self, offset: int) -> Speaker | None:
        """The news medium "the report" / "the newspaper" at ``offset`` refers to: the latest medium speaker."""
        media = [s for o, s in self._speakers if o < offset and is_media_name(s)]
        return media[-1] if media else None

    def group_before(self, offset: int) -> Speaker | None:
        """The organisation a they/it at ``offset`` most likely is: the latest organisation speaker."""
        speakers = [s for o, s in self._speakers if s.type == "organization" and o < offset]
        return speakers[-1] if speakers else None


def person_mentions(doc: Doc, resolver: EntityResolver, known: Iterable[str] = ()) -> list[tuple[Span, str]]:
    """(name span, canonical name) of every person mention among the Doc's entities, including those NER
    labelled otherwise or glued to a title ("Ukraine Volodymyr Zelenskyy" as ORG): the span is cut to
    where the resolver's name begins, so the words before it count as title, and widened over the name's
    given names just before it that NER left out."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        name = resolver.person(ent.text)
        if name is None:
            continue
        words = name.lower().split()
        start = next((t.i for t in ent if t.lower_ == words[0]), ent.start)
        while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in words[:-1]:
            start -= 1  # a given name NER left out ("Andriy" before "Yermak") is no title word
        mentions.append((doc[start:ent.end], name))
    return sorted(mentions + _unlabelled_mentions(doc, mentions, known), key=lambda mention: mention[0].start)


def _unlabelled_mentions(doc: Doc, mentions: list[tuple[Span, str]], known: Iterable[str]) -> list[tuple[Span, str]]:
    """The places where a full name of ``mentions`` is written but NER tagged no entity ("This was stated by
    Adviser to the Head of the Office of the President of Ukraine Mykhailo Podolyak" with only a later
    "Mykhailo Podolyak" tagged): the introduction that gives the person's title; also the ``known`` names
    (a title's "Governor Igor Babushkin" when the text names him)."""
    taken = {token for span, _ in mentions for token in range(span.start, span.end)}
    found = []
    for name in {name for _, name in mentions if " " in name} | {name for name in known if " " in name}:
        at = doc.text.find(name)
        while at != -1:
            span = doc.char_span(at, at + len(name))
            if span is not None and not taken.intersection(range(span.start, span.end)):
                found.append((span, name))
            at = doc.text.find(name, at + len(name))
    return found


def is_media_name(speaker: Speaker) -> bool:
    """Whether an organisation speaker's name marks it as a news medium ("Washington Post")."""
    words = {w.lower().strip("’'") for w in speaker.name.split()}
    return speaker.type == "organization" and bool(words & MEDIA_WORDS)


def _office_words(words: Span) -> list[str]:
    """The words of a title up to its first qualifier ("adviser" of "adviser to the head of ...",
    "prime minister" of "the prime minister of slovakia"); "head of state" stays whole."""
    found: list[str] = []
    for token in words:
        if token.lower_ in OFFICE_QUALIFIERS and not (found[-1:] == ["head"] and token.nbor(1).lower_ == "state"):
            break
        found.append(token.lower_)
    return found


def _held_by_another(before: list[str]) -> bool:
    """Whether the word before an office in a title makes it another office or its bearer no holder
    ("[prime] minister", "[deputy] head", "[vice] president", "[former] president")."""
    return bool(before) and (before[-1] in NOT_HOLDER_MODIFIERS or before[-1] == "prime")


def _qualifies(qualifier: str, title: str) -> bool:
    """Whether every word of a title's qualifier, joiners aside, is a word of the person's title: "to the
    head of the president's office" qualifies "adviser to the head of the office of the president"."""
    wanted = _title_word_set(qualifier) - TITLE_JOINERS
    return bool(wanted) and wanted <= _title_word_set(title)


def _title_word_set(words: str) -> set[str]:
    """The words of a lower-cased title, a possessive "'s" split off ("president's office" -> president,
    office)."""
    return set(words.replace("’s", " ").replace("'s", " ").split())


def _normalise_title(title: str) -> str:
    for long, short in TITLE_SYNONYMS.items():
        title = title.replace(long, short)
    return title


def title_words(ent: Span) -> tuple[Span, Span]:
    """The words naming a person's office before the name ("President of Ukraine", "Kremlin Press
    Secretary", "Adviser to the President of Ukraine on economic issues") and in an apposition after it
    (", the Prime Minister of Slovakia,"; never a clause: ", abandoning Russia's oil is a priority")."""
    doc = ent.doc
    start = _title_start(doc, ent.start, ent.start - _TITLE_WINDOW)
    # a lower-case qualifier inside the title ("... of Ukraine on economic issues Oleg Ustenko") when an
    # office word stands before it
    qualifier = _qualifier_start(doc, start, ent.start - _TITLE_WINDOW)
    if qualifier < start:
        earlier = _title_start(doc, qualifier, ent.start - _TITLE_WINDOW)
        if any(t.lower_ in OFFICIAL_TITLES for t in doc[earlier:qualifier]):
            start = earlier
    while start < ent.start and (doc[start].lower_ in TITLE_JOINERS or doc[start].lower_ in NOT_TITLE_OPENERS):
        start += 1
    before = doc[start:ent.start]
    after = _apposition(doc, ent.end)
    return before, after if after is not None else doc[ent.end:ent.end]


def _title_start(doc: Doc, start: int, limit: int) -> int:
    """Where the run of title tokens that ends before token ``start`` begins (not before ``limit``)."""
    while start > 0 and start > limit and _title_token(doc[start - 1]):
        start -= 1
    return start


def _qualifier_start(doc: Doc, start: int, limit: int) -> int:
    """Where a lower-case qualifier of an office that ends before token ``start`` begins ("on economic
    issues", "for foreign affairs": a preposition and up to three lower-case words; word shapes only, the
    whole article has no parse), or ``start`` when there is none."""
    for begin in range(start - 1, max(limit, start - 4, 0) - 1, -1):
        token = doc[begin]
        if not (token.is_lower and token.is_alpha) or token.lower_ in CLAUSE_WORDS:
            return start
        if token.lower_ in TITLE_QUALIFIER_PREPOSITIONS:
            return begin
    return start


def title_country(ent: Span, resolver: EntityResolver) -> str | None:
    """Country of a person's state office from their title words, when those name an office
    ("Russian President", "Kremlin Press Secretary", ", spokesperson of Ukraine's Foreign Ministry,")."""
    for words in title_words(ent):
        if not any(t.lower_ in OFFICIAL_TITLES for t in words):
            continue
        country = country_in(words, resolver)
        if country is not None:
            return country
    return None


def _title_token(token: Token) -> bool:
    if token.is_punct or "\n" in token.text:
        return False
    return (token.is_title or token.lower_ in OFFICIAL_TITLES or token.ent_type_ in _ORG_LABELS
            or token.lower_ in ("’s", "'s") or token.lower_ in TITLE_JOINERS)


def _apposition(doc: Doc, end: int) -> Span | None:
    """The apposition after a name (", the Adviser to the Head of the Office of the President of Ukraine,"),
    or None: no comma, no closing punctuation within the window, or a clause rather than an office."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    stop = next((i for i in range(end + 1, min(len(doc), end + 2 + _TITLE_WINDOW))
                 if doc[i].is_punct and doc[i].text != "’s"), None)
    if stop is None or stop == end + 1:
        return None
    words = doc[end + 1:stop]
    first = words[0]
    if any(t.lower_ in CLAUSE_WORDS for t in words) or (
            first.is_lower and first.lower_ not in APPOSITION_OPENERS and first.lower_ not in OFFICIAL_TITLES):
        return None  # ", abandoning Russia's oil is a priority", ", who heads ...": a clause (shapes only)
    return words


def country_in(words: Span, resolver: EntityResolver) -> str | None:
    """The country named in ``words``: a state body's country, a country name or a demonym."""
    for ent in _entities_within(words):
        if ent.label_ == "ORG":
            resolved = resolver.organization(ent.text)
            if resolved is not None and resolved[1] is not None:
                return resolved[1]
    for token in words:
        if token.ent_type_ in ("GPE", "NORP", "ORG") or token.is_title:
            code = country_code(token.text)
            if code is None and token.ent_type_ == "ORG":
                resolved = resolver.organization(token.text)
                code = resolved[1] if resolved is not None else None
            if code is not None:
                return code
    return None


def _entities_within(words: Span) -> list[Span]:
    """The entities lying wholly inside ``words``, as ``words.ents`` gives them, read from the span's own
    tokens: spaCy's ``Span.ents`` walks the whole doc on every call, which makes a long article quadratic."""
    doc = words.doc
    found: list[Span] = []
    index = words.start
    while index < words.end:
        token = doc[index]
        if token.ent_iob_ != "B":
            index += 1
            continue
        end = index + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= words.end:
            found.append(Span(doc, index, end, label=token.ent_type))
        index = end
    return found
