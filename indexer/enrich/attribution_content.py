"""The content of a cue that has no clause or quotation of its own: its topic, or what it takes a side on.

``attribution.content_of`` finds the words said when a cue has a clausal complement, a quotation beside
it or a colon. Many cues have none: "informed his counterpart about the progress of talks" (a topic),
"commended the government's decision to establish a national carrier", "thanked Seoul for supporting
Ukraine", "the claim was denied by the ministry" (an object). These functions give such an attribution
its content span (token offsets of the unit Doc), so that a quote search matches what was commended,
thanked for or denied.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from indexer.enrich.attribution import verb_key
from indexer.enrich.attribution_types import Attribution
from indexer.enrich.light_verbs import object_stance
from indexer.enrich.stance_lexicon import OBJECT_PREPOSITIONS, REPORTING_VERBS, TOPIC_PREPOSITIONS

#: Entity types that are when or where, not what ("said on Monday", "reported on 11 November").
_NOT_TOPICS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC", "FAC"})
#: Dependents of a cue that are what it takes a side on: "thanked [Seoul]", "called [it] [a retrograde step]".
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})


def with_topic(unit: Doc, attribution: Attribution) -> Attribution:
    """The attribution with the cue's topic as its content when it has no clause or quote: "informed his
    counterpart about the progress of talks", "reported on the work" (what was said, reported). A direct
    object alone is no content for a plain report ("noted the importance of ...": measured on the read
    blind batches, taking it made more wrong statements than right ones; see :func:`with_object`)."""
    cue = unit[attribution.cue_head]
    # the topic hangs on the cue, or on whom it was said to ("informed [his counterpart about the talks]")
    heads = [cue, *(c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i)]
    prep = next((c for h in heads for c in h.children if c.dep_ == "prep" and c.i > cue.i
                 and c.lower_ in TOPIC_PREPOSITIONS and (h is cue or c.lower_ != "of")
                 and _has_topic_object(c)), None)
    if prep is None:
        return attribution
    return replace(attribution, content=(prep.i + 1, prep.right_edge.i + 1))


def with_object(unit: Doc, attribution: Attribution) -> Attribution:
    """The attribution with what its cue takes a side on as content, for a stance-bearing cue that has no
    clause, quote or topic: the cue's object with the prepositional phrases right after it ("commended
    [the decision to establish a national carrier]", "thanked [Seoul for supporting Ukraine]",
    "expressed [condolences on the passing of ...]"), else the subject of a passive cue ("[the claim] was
    denied by ..."). Never the source's words; the attribution unchanged when there is no such span.
    Only for cues with a stance: a plain report keeps no statement for its object alone."""
    cue = unit[attribution.cue_head]
    span = _object_span(cue) or _passive_subject_span(cue)
    if span is None:
        return attribution
    source = attribution.source
    if source is not None and span[0] < source[1] and source[0] < span[1]:
        return attribution
    return replace(attribution, content=span)


def _object_span(cue: Token) -> tuple[int, int] | None:
    """Token span of the cue's object and the phrases after it that belong to it, or None (also for a lone
    pronoun: "denied it" gives nothing to search). A relative clause that reports speech is not part of it
    ("praised Zelenskyy, who said ...": someone else's words); any other is ("thanked the countries that
    transfer weapons")."""
    kept: list[Token] = []
    for child in cue.rights:
        if _is_object_part(child):
            kept.append(child)
        elif kept and not child.is_punct:
            break  # "commended the decision, noting that ...": the object ends before the next clause
    if not kept:
        return None
    start, end = kept[0].left_edge.i, kept[-1].right_edge.i + 1
    relative = next((c for part in kept for c in part.children if c.dep_ == "relcl" and _reports_words(c)), None)
    if relative is not None:
        end = min(end, relative.left_edge.i)
        while end > start and cue.doc[end - 1].is_punct:
            end -= 1
    if kept[0].dep_ == "prep":
        start += 1  # "support [for] Ukraine's sovereignty": the words after the preposition
    if end - start == 1 and cue.doc[start].pos_ == "PRON":
        return None
    return (start, end) if end > start else None


def _reports_words(verb: Token) -> bool:
    """Whether a clause reports what someone said: a reporting verb with a clause of its own ("who said
    that the war will end"), not one with an object ("that support Ukraine")."""
    return verb_key(verb) in REPORTING_VERBS and any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def _is_object_part(token: Token) -> bool:
    """An object of the cue, or a prepositional phrase of what it is about ("for supporting Ukraine"); "in"
    only before a stance object ("spoke in favour of"), never a place or a medium ("in a statement")."""
    if token.dep_ in _OBJECT_DEPS:
        return True
    if token.dep_ != "prep" or not _has_topic_object(token):
        return False
    if token.lower_ == "in":
        return any(p.dep_ == "pobj" and object_stance(p) is not None for p in token.children)
    return token.lower_ in OBJECT_PREPOSITIONS


def _has_topic_object(prep: Token) -> bool:
    """Whether a preposition has an object that is not a when or where ("on Monday", "in Kyiv")."""
    return any(p.dep_ in ("pobj", "pcomp") and p.ent_type_ not in _NOT_TOPICS for p in prep.children)


def _passive_subject_span(cue: Token) -> tuple[int, int] | None:
    """Token span of the passive subject before the cue ("[the claim] was denied"), unless a pronoun."""
    subject = next((c for c in cue.lefts if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return subject.left_edge.i, subject.right_edge.i + 1
