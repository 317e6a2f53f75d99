"""The source of an attribution as written: which token names the speaker, and the token span of the
source noun phrase (what PolNeAR calls the Source), trimmed of datelines, quotation marks, conjunctions
and circumstantial modifiers. Used by ``attribution.py``."""

from __future__ import annotations

from spacy import tokens
from spacy.tokens import Token

from indexer.enrich.attribution_types import CLOSE_QUOTES, OPEN_QUOTES, Span
from indexer.enrich.stance_lexicon import RELATIVE_PRONOUNS


def speaker_head(mention: Token) -> Token:
    """The token to read the speaker's name from: a relative pronoun gives way to its antecedent
    ("Tykhyi, who confirmed"), a common noun to a proper-noun apposition ("Trump's communications
    director, Steven Cheung," -> Cheung)."""
    if mention.lower_ in RELATIVE_PRONOUNS and mention.head.dep_ == "relcl":
        mention = mention.head.head
    if mention.pos_ == "PROPN":
        return mention
    return next((c for c in mention.children if c.dep_ == "appos" and c.pos_ == "PROPN"), mention)


def source_span(mention: Token) -> Span:
    """Token span of the source as written: the noun phrase of ``mention`` with its determiners,
    modifiers, appositions and relative clauses ("Trump campaign manager Kellyanne Conway", "Bill Frelick,
    refugee rights director at Human Rights Watch", "Mr. Stevens, who took aim at Rubio,"), without the
    punctuation at its ends, without a dateline, quotation or conjunction before it ("RENO, Nev. (AP) —
    Donald Trump", "While many Republicans") and without what follows a comma and only describes the
    moment or the person further: an age, a participial clause, a prepositional phrase ("Mona Lamberson,
    59, of North Philadelphia"; "Rubio, speaking at a rally"; "Trump, in Kentucky,")."""
    doc = mention.doc
    start, end = mention.left_edge.i, mention.right_edge.i + 1
    for token in doc[start:mention.i]:
        if token.text in _SPAN_BREAKS or token.text in _DASHES:
            start = token.i + 1
    for token in doc[mention.i + 1:end]:
        if token.text in _SPAN_BREAKS:
            end = token.i
            break
    for child in mention.rights:
        if child.i >= end:
            break
        before = child.left_edge.i - 1
        if before > mention.i and doc[before].text == "," and _is_loose_modifier(child):
            end = before
            break
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ in _LEADING_DEPS
                               or doc[start].lower_ in _LEADING_WORDS):
        start += 1
    return start, end


_SPAN_BREAKS = frozenset({":", ";", *OPEN_QUOTES, *CLOSE_QUOTES})
_DASHES = frozenset({"—", "–", "--"})
#: Words at the start of a source's subtree that belong to the clause, not the name ("While many
#: Republicans", "But Trump").
_LEADING_DEPS = frozenset({"cc", "mark", "preconj"})
_LEADING_WORDS = frozenset({"even", "just", "also", "still"})  # "Even Republicans who praised him"
_LOOSE_DEPS = frozenset({"acl", "advcl", "prep", "npadvmod", "advmod"})


def _is_loose_modifier(child: Token) -> bool:
    """Whether ``child`` (after a comma) adds circumstance rather than naming the source: a participial or
    adverbial clause, a prepositional phrase, an adverb, or an apposition that is a number (an age)."""
    return child.dep_ in _LOOSE_DEPS or (child.dep_ in ("appos", "npadvmod", "amod") and child.like_num)


#: Dependents that are not part of a speaker's name ("Peskov, [who said]", "the Ministry [in a statement]").
_NAME_DROP_DEPS = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl"})


def name_span(head: Token) -> tokens.Span:
    """The noun phrase that names the speaker: ``head`` with its modifiers, without appositions, relative
    clauses and prepositional phrases other than "of" ("the Ministry of Defence")."""
    keep = [head.i]
    for child in head.children:
        if child.dep_ in _NAME_DROP_DEPS or (child.dep_ == "prep" and child.lower_ != "of"):
            continue
        keep.extend(t.i for t in child.subtree)
    return head.doc[min(keep):max(keep) + 1]
