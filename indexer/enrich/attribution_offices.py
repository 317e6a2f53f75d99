"""Speakers named by an office: the holder of a state office the article names ("the President of Russia",
a bare "the President"), and a role introduced before ("the spokesman" after "spokesman Dmitry Peskov")."""

from __future__ import annotations

from spacy.tokens import Token

from indexer.enrich.attribution_memory import Speaker, SpeakerMemory
from indexer.enrich.attribution_source import name_span
from indexer.enrich.office_holders import named_holder, office_named
from indexer.enrich.person_titles import country_in
from indexer.enrich.types import EntityResolver

_OFFICE_HEADS = frozenset({"president", "minister", "chancellor", "premier", "head"})


def office_holder(head: Token, resolver: EntityResolver, memory: SpeakerMemory) -> Speaker | None:
    """ "the President of Russia", "the Russian President", "the President": the holder of that office the
    article names, when it names exactly one (``office_holders``); a bare title, of any country, and only a
    holder the text gives no other title ("Dmitry Medvedev, Deputy Chairman of the Security Council" is not
    "the Prime Minister", "Former President Petro Poroshenko" not "the President")."""
    if head.lower_ not in _OFFICE_HEADS:
        return None
    span = name_span(head)
    # the office must be the head noun: "the Head of the President's Office" is not the President
    words = [t.lower_ for t in span if t.i <= head.i]
    if head.i + 2 < span.end and (head.nbor(1).lower_, head.nbor(2).lower_) == ("of", "state"):
        words += ["of", "state"]
    office = office_named(" ".join(words))
    if office is None:
        return None
    country = country_in(span, resolver)

    def named(holder: str) -> str | None:
        name = resolver.named_person(holder)
        return name if name is not None and (country is not None or memory.may_hold(name, office)) else None

    name = named_holder(office, country, named)
    return Speaker(name, "person", country) if name is not None else None


def introduced_role(head: Token, memory: SpeakerMemory, offset: int) -> Speaker | None:
    """ "the Head of the Office of the President", "the spokesman": the person introduced before with that
    title (a definite common-noun phrase only)."""
    span = name_span(head)
    if span[0].lower_ != "the" or head.pos_ == "PRON" or len(span) < 2:
        return None
    return memory.introduced_as(offset + span[0].idx, span[1:].text)
