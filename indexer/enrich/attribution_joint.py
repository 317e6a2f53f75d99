"""Speakers that are the parties of a conversation together, or a state by its "side".

In a call or meeting summary ("Vladimir Putin had a telephone conversation with President of France
Emmanuel Macron. ... The leaders expressed support for ..."), "the leaders", "the two Presidents", "the
parties", "both sides" and "both" stand for the two persons the opening names: the statement is made by
each of them (a joint :class:`Speaker` with ``members``). "The Ukrainian side" is the state Ukraine.
Named sources joined by "and" ("Ukraine and Poland condemned", "Emmanuel Macron and Olaf Scholz welcomed")
speak each too (:func:`with_conjuncts`).
The nouns are data (``data/joint_speakers.tsv``); a number other than two ("the three leaders"), a
possessive or a qualifier ("the leaders of the G7", "EU leaders") names someone else and gives nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Token

from indexer.enrich.attribution_memory import Speaker, SpeakerMemory
from indexer.enrich.attribution_resolver import country_code
from indexer.enrich.attribution_source import name_span
from indexer.enrich.entity_tables import TableError, read_table
from indexer.enrich.geo import capital_country, country_display_name

_KINDS = ("pair", "side")
_PAIR_WORDS = frozenset({"the", "both", "two"})


@cache
def _joint_nouns() -> dict[str, str]:
    table = {row[0]: row[1] for row in read_table("joint_speakers.tsv", ("noun", "kind"))}
    bad = {noun: kind for noun, kind in table.items() if kind not in _KINDS}
    if bad:
        raise TableError(f"joint_speakers.tsv: unknown kinds {bad}")
    return table


def joint_speaker(head: Token, memory: SpeakerMemory, offset: int) -> Speaker | None:
    """The speaker a source head stands for as a party of the article's conversation (``offset``: the
    head's character offset in the article): both persons of the opening for a plural "leaders",
    "parties" or "both"; the state for "the <country adjective> side"; None otherwise."""
    kind = _joint_nouns().get(head.lemma_.lower()) or _joint_nouns().get(head.lower_)
    if kind == "side":
        return _state_side(head)
    if kind != "pair" or not _only_the_two(head):
        return None
    pair = memory.opening_pair(offset)
    if pair is None:
        return None
    first, second = pair
    return Speaker(f"{first.name} and {second.name}", "person", None, members=pair)


def _only_the_two(head: Token) -> bool:
    """Whether the head names the two parties and no one else: "both" alone, or a plural noun with only
    "the", "both" or "two" before it and nothing after it."""
    if head.lower_ == "both":
        return True
    if head.tag_ != "NNS":
        return False
    before = [c for c in head.children if c.i < head.i]
    after = [c for c in head.children if c.i > head.i and c.dep_ in ("prep", "amod", "compound", "appos", "nmod")
             and not _of_state(c)]
    return bool(before) and not after and all(c.lower_ in _PAIR_WORDS for c in before)


def _of_state(token: Token) -> bool:
    """ "of state" / "of government" after "heads": part of the title, not a qualifier."""
    return token.lower_ == "of" and any(p.dep_ == "pobj" and p.lower_ in ("state", "government")
                                        and not list(p.children) for p in token.children)


def _state_side(head: Token) -> Speaker | None:
    """ "the Ukrainian side" -> the state Ukraine (as an organisation speaker with its country)."""
    if head.tag_ != "NN":
        return None
    for child in head.children:
        if child.dep_ in ("amod", "compound") and child.i < head.i:
            code = country_code(child.text)
            if code is not None:
                return state_speaker(code)
    return None


def state_speaker(code: str) -> Speaker:
    """The state of alpha-2 ``code`` as a speaker: an organisation under the country's display name."""
    return Speaker(country_display_name(code), "organization", code)


#: Entity labels of a conjoined source that speaks with the first ("Baku and Yerevan confirmed").
_CONJUNCT_LABELS = frozenset({"PERSON", "ORG", "GPE"})


def with_conjuncts(head: Token, speaker: Speaker, resolve: Callable[[Token], Speaker | None]) -> Speaker:
    """``speaker`` (of the source ``head``) joined by the named sources coordinated with it ("Emmanuel
    Macron, Olaf Scholz and Joe Biden welcomed", "Ukraine and Poland condemned"): a joint speaker whose
    members each make the statement; ``speaker`` alone when no conjunct is a named person, organisation or
    state that ``resolve`` (the source resolution of one token) resolves. A name with "of" in it is one
    name ("the High Court of England and Wales"); a capital NER tagged as a person's name beside a place
    is the capital ("Baku and [Yerevan]")."""
    doc = head.doc
    if any(t.lower_ == "of" for t in name_span(head)):
        return speaker
    named = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    members = [speaker]
    for token in (head, *head.conjuncts):
        if token.pos_ != "PROPN" or token.ent_type_ not in _CONJUNCT_LABELS:
            continue
        if token is not head and named is not None and named.start <= token.i < named.end:
            continue  # one name: "the Islamic State of Iraq and the Levant"
        other = _capital_for_name(token) or (resolve(token) if token is not head else speaker)
        if other is not None and other.resolved and not other.members and other.name not in {
                m.name for m in members}:
            members.append(other)
    if len(members) == 1:
        return speaker
    return Speaker(" and ".join(m.name for m in members), speaker.type, None, members=tuple(members))


def _capital_for_name(token: Token) -> Speaker | None:
    """The state of a capital NER tagged as a person's name among coordinated places ("Baku and Yerevan")."""
    if token.ent_type_ != "PERSON" or not any(c.ent_type_ == "GPE" for c in token.conjuncts):
        return None
    code = capital_country(token.text)
    return state_speaker(code) if code is not None else None
