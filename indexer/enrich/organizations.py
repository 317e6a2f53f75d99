"""Organisations: canonical names, with the country of state bodies.

"Ukraine’s Foreign Ministry", "the Ukrainian Foreign Ministry" and "the Ministry of Foreign Affairs of
Ukraine" are one organisation, "Foreign Ministry of Ukraine" (UA). Known organisations have one name
(:mod:`indexer.enrich.aliases`), seats of government too where NER left them untagged (a spaCy
``PhraseMatcher`` of ``data/seats_of_government.tsv``), generic state bodies by the patterns of
``data/state_bodies.tsv``; an acronym that spells another organisation of the article ("WP" and
"The Washington Post") is that organisation; people, countries and places tagged ORG are not
organisations. Only state bodies carry a country: a newspaper named after a city is not that country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from indexer.enrich import geo, seats
from indexer.enrich.aliases import fold_name, organization_aliases
from indexer.enrich.entity_tables import read_table
from indexer.enrich.mentions import BODY, EntitySpan, clean_org_name, is_title_word, lower_case_words
from indexer.enrich.nlp import english_adjectives
from indexer.enrich.persons import split_person_tail

_ORG_LABELS = frozenset({"ORG", "FAC", "GPE", "NORP"})
#: Words that rank a title ("First Deputy", "Vice Speaker"): with titles only, no organisation.
_RANK_WORDS = frozenset({"first", "second", "vice", "co", "assistant", "executive"})

#: Generic state bodies: pattern (folded text) -> canonical body name, qualified by a country.
_BODIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{pattern})$"), name)
    for name, pattern in read_table("state_bodies.tsv", ("canonical", "pattern"))
)
_BODY_NAMES = frozenset(name for _, name in _BODIES)
_FRAGMENT_BEFORE = re.compile(r"\b[A-Z][\w-]+\s+of\s+(?:the\s+)?$")
_QUALIFIER_BEFORE = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})(?:'s|’s)?\s+$")
_OF_COUNTRY = re.compile(r"^(.+?)\s+of\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})$")
_LEADING_QUALIFIER = re.compile(r"^([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}?)(?:'s|’s)?\s+(.+)$")


@dataclass
class Organizations:
    """The organisations of one article: canonical (name, country) and surface name -> canonical."""

    found: dict[str, str | None] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    canonical_of: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    def resolve(self, text: str) -> tuple[str, str | None] | None:
        """(canonical name, country) for an organisation mention of this article, or None if not one."""
        name = clean_org_name(text)
        if name is None:
            return None
        if name in self.canonical_of:
            return self.canonical_of[name]
        resolved = [(name, _resolve_name(name, ""), BODY)]
        _qualify_bodies(resolved, [(c, country) for c, country in self.found.items()])
        _merge_acronyms(resolved, list(self.found.items()))
        canonical, country = resolved[0][1]
        if canonical in self.found:
            return canonical, self.found[canonical]
        if fold_name(name) in organization_aliases() or geo.METONYMS.get(fold_name(name)):
            return canonical, country
        return None


def extract_organizations(
    spans: Sequence[EntitySpan], texts: Sequence[str], is_person: Callable[[str], bool]
) -> Organizations:
    """Canonical organisations of one article from its NER spans.

    ``texts`` are the title and body the spans point into (for "Ukraine’s" before "Foreign Ministry");
    ``is_person`` tells whether a name is one of the article's persons (such mentions are dropped).
    Organisations only in the title count when the body has them too.
    """
    mentions: list[tuple[str, str, int]] = []  # (cleaned surface name, text before the span, source)
    lower_words = lower_case_words(tuple(texts))
    for span in spans:
        if span.label not in _ORG_LABELS:
            continue
        name = clean_org_name(span.text)
        if name is None:
            continue
        if span.label in ("GPE", "NORP") and fold_name(name) not in organization_aliases():
            continue
        if span.label == "ORG":
            trimmed = split_person_tail(name, is_person)
            if trimmed is None or _is_not_organization(trimmed, is_person):
                continue
            name = trimmed
            if " " not in name and not name.isupper() and fold_name(name) not in organization_aliases():
                word = name.lower()
                if word in lower_words or word in english_adjectives():
                    continue  # "Forum", "Council", "Humanitarian": an ordinary word, capitalised
        if span.label == "FAC" and fold_name(name) not in organization_aliases():
            continue
        source_text = texts[span.source] if span.source < len(texts) else ""
        before = source_text[max(0, span.start - 40) : span.start]
        if span.label == "ORG" and _FRAGMENT_BEFORE.search(before):
            continue  # "Order of the Sun": NER cut a longer name
        after = source_text[span.end : span.end + 12]
        if name.endswith(" Press") and after.lstrip().startswith("Secretary"):
            name = name[: -len(" Press")]
        mentions.append((name, before, span.source))

    mentions.extend(_untagged_metonyms(spans, texts))
    result = Organizations()
    resolved = [(name, _resolve_name(name, before), source) for name, before, source in mentions]
    _qualify_bodies(resolved, [found for _, found, _ in resolved])
    _merge_acronyms(resolved, [found for _, found, _ in resolved])
    _merge_short_forms(resolved)
    body = {canonical for _, (canonical, _), source in resolved if source == BODY}
    for name, (canonical, country), source in resolved:
        if (source != BODY and canonical not in body) or (canonical in _BODY_NAMES and country is None):
            continue  # title-only, or a generic body ("the Foreign Ministry") of no known country
        result.counts[canonical] += 1
        if result.found.get(canonical) is None:
            result.found[canonical] = country
        result.canonical_of[name] = (canonical, country)
    return result


def _is_not_organization(name: str, is_person: Callable[[str], bool]) -> bool:
    if is_person(name):
        return True
    key = fold_name(name)
    if key in organization_aliases() or key in geo.METONYMS:
        return False
    if all(is_title_word(w) or w.lower() in _RANK_WORDS for w in name.split()):
        return True  # a title alone ("First Deputy", "Defence Minister", "Dr")
    return bool(geo.country_names().get(key) or geo.demonyms().get(key) or geo.place(name))


def _resolve_name(name: str, before: str) -> tuple[str, str | None]:
    """Canonical (name, country) of one organisation name, looking at the words just before it."""
    key = fold_name(name)
    aliases = organization_aliases()
    if key in aliases:
        return aliases[key]
    metonym = geo.METONYMS.get(key)
    if metonym:
        return name, metonym
    body, country = _state_body(name, before)
    if body is not None:
        if country is None:
            return body, None
        return f"{body} of {geo.country_phrase_name(country)}", country
    return name, None


def _state_body(name: str, before: str) -> tuple[str | None, str | None]:
    """(generic body, country) when ``name`` is a state body ("Ukrainian Foreign Ministry"), else (None, None)."""
    text = name
    country: str | None = None
    of_match = _OF_COUNTRY.match(text)
    if of_match and geo.country_code(of_match.group(2)):
        text, country = of_match.group(1), geo.country_code(of_match.group(2))
    lead = _LEADING_QUALIFIER.match(text)
    if lead and geo.country_code(lead.group(1)) and not geo.METONYMS.get(fold_name(lead.group(1))):
        country = country or geo.country_code(lead.group(1))
        text = lead.group(2)
    body = _body_name(text)
    if body is None:
        return None, None
    if country is None:
        qualifier = _QUALIFIER_BEFORE.search(before)
        if qualifier:
            words = qualifier.group(1).split()
            for size in range(len(words), 0, -1):
                code = geo.country_code(" ".join(words[-size:]))
                if code and not geo.METONYMS.get(fold_name(" ".join(words[-size:]))):
                    country = code
                    break
    return body, country


def _body_name(text: str) -> str | None:
    key = fold_name(text)
    for pattern, name in _BODIES:
        if pattern.match(key):
            return name
    return None


def _qualify_bodies(
    resolved: list[tuple[str, tuple[str, str | None], int]], known: Sequence[tuple[str, str | None]]
) -> None:
    """Give an unqualified body ("the Foreign Ministry") the country of the article's one qualified one."""
    qualified: dict[str, set[tuple[str, str]]] = {}
    for canonical, country in known:
        if country is not None:
            for _, body in _BODIES:
                if canonical.startswith(body + " of "):
                    qualified.setdefault(body, set()).add((canonical, country))
    for index, (name, (canonical, country), source) in enumerate(resolved):
        if country is None and len(qualified.get(canonical, ())) == 1:
            resolved[index] = (name, next(iter(qualified[canonical])), source)


def _merge_acronyms(
    resolved: list[tuple[str, tuple[str, str | None], int]], known: Sequence[tuple[str, str | None]]
) -> None:
    """An all-capitals name that spells the initials of another organisation of the article is that one."""
    initials: dict[str, tuple[str, str | None]] = {}
    for canonical, country in known:
        words = [w for w in re.split(r"[\s-]+", canonical) if w and w[0].isupper()]
        if len(words) >= 2:
            initials.setdefault("".join(w[0] for w in words), (canonical, country))
    for index, (name, (canonical, _country), source) in enumerate(resolved):
        if canonical.isupper() and canonical in initials and initials[canonical][0] != canonical:
            resolved[index] = (name, initials[canonical], source)


def _merge_short_forms(resolved: list[tuple[str, tuple[str, str | None], int]]) -> None:
    """A name that ends a longer organisation name of the article ("Senate" when the article has "the U.S.
    Senate"), or one word that starts it ("Ford" and "Ford Motor"), is that organisation, when only one
    organisation matches."""
    longer_forms = {(name, found) for name, found, _ in resolved} | {(found[0], found) for _, found, _ in resolved}
    for index, (name, (canonical, _country), source) in enumerate(resolved):
        matches = {
            found
            for other, found in longer_forms
            if found[0] != canonical
            and len(other) > len(name)
            and (other.endswith(" " + name) or (" " not in name and other.startswith(name + " ")))
        }
        if len(matches) == 1:
            resolved[index] = (name, matches.pop(), source)


#: Tokens for the seat matcher: runs of word characters, any other character but a space, runs of two or more
#: spaces. A name matches where the text writes it with its single spaces, from and to a word boundary.
_TOKEN = re.compile(r"\w+|[^\w ]| {2,}")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _untagged_metonyms(spans: Sequence[EntitySpan], texts: Sequence[str]) -> list[tuple[str, str, int]]:
    """Seats of government NER left untagged ("Downing Street said"): mentions of that state body."""
    found: list[tuple[str, str, int]] = []
    for source, text in enumerate(texts):
        covered = [(s.start, s.end) for s in spans if s.source == source]
        for start, end in seat_mentions(text):
            if not any(begin < end and start < finish for begin, finish in covered):
                found.append((text[start:end], "", source))
    return found


def seat_mentions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name of ``seats.untagged_names()`` in ``text``, left to right: written exactly so
    ("Kremlin", "Downing Street"), not part of a longer word or a hyphenated word ("Kremlin-backed")."""
    if not any(name in text for name in seats.untagged_names()):
        return []  # the common case, without tokenising the text
    vocab, matcher = _seat_matcher()
    doc, offsets = _token_doc(vocab, text)
    found: list[tuple[int, int]] = []
    for match_id, first, last in sorted(matcher(doc), key=lambda match: (match[1], -match[2])):
        start, end = offsets[first][0], offsets[last - 1][1]
        if (
            text[start:end] == vocab.strings[match_id]
            and not (start > 0 and _WORD_OR_HYPHEN.match(text, start - 1))
            and not _WORD_OR_HYPHEN.match(text, end)
            and (not found or found[-1][1] <= start)
        ):
            found.append((start, end))
    return found


@cache
def _seat_matcher() -> tuple[Vocab, PhraseMatcher]:
    """A PhraseMatcher of the seats of government to find in untagged text (built once)."""
    vocab = Vocab()
    matcher = PhraseMatcher(vocab)
    for name in seats.untagged_names():
        matcher.add(name, [_token_doc(vocab, name)[0]])
    return vocab, matcher


def _token_doc(vocab: Vocab, text: str) -> tuple[Doc, list[tuple[int, int]]]:
    """``text`` as a Doc of :data:`_TOKEN` tokens, and each token's (start, end) in ``text``."""
    offsets = [match.span() for match in _TOKEN.finditer(text)]
    return Doc(vocab, words=[text[start:end] for start, end in offsets]), offsets
