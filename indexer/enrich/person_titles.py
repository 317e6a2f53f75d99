"""The words naming a person's office around a name, and the persons of a Doc with them.

"President of Ukraine Volodymyr Zelenskyy", "Adviser to the Head of the Office of the President of Ukraine
Mykhailo Podolyak", "Eduard Heger, the Prime Minister of Slovakia,": which words before and after a name are
its title (word shapes only: the whole article has no parse), which country a state title gives, and
where a Doc names its persons (entities, and full names NER left untagged). Used by
:mod:`indexer.enrich.attribution_memory` and the speaker resolvers.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from indexer.enrich.attribution_resolver import country_code
from indexer.enrich.stance_lexicon import (
    APPOSITION_OPENERS,
    CLAUSE_WORDS,
    NOT_TITLE_OPENERS,
    OFFICE_QUALIFIERS,
    OFFICIAL_TITLES,
    TITLE_JOINERS,
    TITLE_QUALIFIER_PREPOSITIONS,
    TITLE_SYNONYMS,
)
from indexer.enrich.types import EntityResolver

_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: How many tokens before a name its title may span ("Adviser to the Head of the President's Office").
_TITLE_WINDOW = 16


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


def _unlabelled_mentions(doc: Doc, mentions: list[tuple[Span, str]],
                         known: Iterable[str]) -> list[tuple[Span, str]]:
    """The places where a full name of ``mentions`` is written but NER tagged no entity ("This was stated by
    Adviser to the Head of the Office of the President of Ukraine Mykhailo Podolyak" with only a later
    "Mykhailo Podolyak" tagged): the introduction that gives the person's title; also the ``known`` names
    (a title's "Governor Igor Babushkin" when the text names him)."""
    taken = {token for span, _ in mentions for token in range(span.start, span.end)}
    text = doc.text  # built anew on every access: read once
    found = []
    for name in {name for _, name in mentions if " " in name} | {name for name in known if " " in name}:
        at = text.find(name)
        while at != -1:
            span = doc.char_span(at, at + len(name))
            if span is not None and not taken.intersection(range(span.start, span.end)):
                found.append((span, name))
            at = text.find(name, at + len(name))
    return found


def office_words(words: Span) -> list[str]:
    """The words of a title up to its first qualifier ("adviser" of "adviser to the head of ...",
    "prime minister" of "the prime minister of slovakia"); "head of state" stays whole."""
    found: list[str] = []
    for token in words:
        if token.lower_ in OFFICE_QUALIFIERS and not (found[-1:] == ["head"] and token.nbor(1).lower_ == "state"):
            break
        found.append(token.lower_)
    return found


def qualifies(qualifier: str, title: str) -> bool:
    """Whether every word of a title's qualifier, joiners aside, is a word of the person's title: "to the
    head of the president's office" qualifies "adviser to the head of the office of the president"."""
    wanted = _title_word_set(qualifier) - TITLE_JOINERS
    return bool(wanted) and wanted <= _title_word_set(title)


def _title_word_set(words: str) -> set[str]:
    """The words of a lower-cased title, a possessive "'s" split off ("president's office" -> president,
    office)."""
    return set(words.replace("’s", " ").replace("'s", " ").split())


def normalise_title(title: str) -> str:
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
