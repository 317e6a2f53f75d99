"""Find attribution relations (source, cue, content) in one parsed statement unit.

Patterns: the subject of a reporting verb ("Peskov said", "said Peskov", inverted or not), subjects
inherited along xcomp/advcl/conj ("..., telling AFP"), relative clauses ("Tykhyi, who confirmed"),
passive agents ("was criticised by X"), "according to X", and "no comment" phrases ("X did not respond to
a request for comment", "could not be reached for comment", "had no comment"). Content is the cue's
clausal complement, else the quote next to it, else what follows its colon.
This module says who and where; ``stance.py`` says which stance.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from indexer.enrich.attribution_colon import colon_attribution
from indexer.enrich.attribution_source import source_span, speaker_head
from indexer.enrich.attribution_types import CLOSE_QUOTES, OPEN_QUOTES, Attribution, Span
from indexer.enrich.light_verbs import light_object
from indexer.enrich.stance_lexicon import (
    CLAUSE_ONLY_VERBS,
    COGNITION_VERBS,
    CONDUIT_VERBS,
    LIGHT_ONLY_VERBS,
    REPORTING_VERBS,
    verb_lemma,
)

_CONSUMING_HEADS = frozenset({"decline", "refuse", "seem", "appear", "continue"})
_NEG_WORDS = frozenset({"not", "n't", "never", "neither", "nor", "no"})
#: A first-person subject inside the content is the speaker: "We support ..." is not someone else's report.
_FIRST_PERSON = frozenset({"i", "we"})


def verb_key(token: Token) -> str | None:
    """Lexicon key of a token used as a verb (reporting, stance or cognition), else None."""
    if not (token.tag_.startswith("VB") or token.pos_ in ("VERB", "AUX")):
        return None
    key = token.lemma_
    if key in LIGHT_ONLY_VERBS:
        return key if light_object(token) is not None else None  # "extended condolences", not "extended sanctions"
    return key if key in REPORTING_VERBS or key in COGNITION_VERBS else None


def find_attributions(unit: Doc) -> list[Attribution]:
    """All attributions in ``unit`` (a Doc with a dependency parse), in token order."""
    found: list[Attribution] = []
    cue_heads: set[int] = set()
    for token in unit:
        attribution = _verb_attribution(token) or _according_to(token)
        if attribution is None and (attribution := colon_attribution(token)) is not None:
            attribution = replace(attribution, nested=_has_nested_report(unit, attribution.content))
        if attribution is not None:
            found.append(attribution)
            cue_heads.add(attribution.cue_head)
    headline = _headline_attribution(unit, cue_heads)
    if headline is not None:
        found.append(headline)
        cue_heads.add(headline.cue_head)
    for token in unit:
        attribution = _no_comment_phrase(token, cue_heads)
        if attribution is not None:
            found.append(attribution)
            cue_heads.add(attribution.cue_head)
    return sorted(found, key=lambda a: a.cue[0])


def _verb_attribution(verb: Token) -> Attribution | None:
    key = verb_key(verb)
    if key is None:
        return None
    if verb.dep_ in ("amod", "compound", "nsubj", "dobj", "pobj", "nsubjpass") and verb.pos_ != "VERB":
        return None
    if verb.dep_ == "xcomp" and verb_key(verb.head) in _CONSUMING_HEADS:
        return None  # "declined to comment": the head is the cue
    if verb.dep_ == "auxpass" or _is_passive_without_agent(verb):
        return None
    if verb.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "ways to counter Iran", "a place to offer support": a purpose, nobody's words
    if key in COGNITION_VERBS and (verb.dep_ == "acl" or any(c.dep_ == "agent" for c in verb.children)):
        return None  # "the memo seen by Reuters": what someone saw, not what they think
    source = subject_of(verb)
    content = content_of(verb)
    if key in CLAUSE_ONLY_VERBS and not _reports_words(verb, content):
        return None  # "Ukraine continues to carry out reforms", "Russia found itself": acts, not reports
    cue_tokens = _cue_tokens(verb)
    return Attribution(
        key=key,
        cue=(min(cue_tokens), max(cue_tokens) + 1),
        cue_head=verb.i,
        source=source_span(source) if source is not None else None,
        source_head=speaker_head(source).i if source is not None else None,
        content=content,
        negated=is_negated(verb),
        nested=key in CONDUIT_VERBS or _has_nested_report(verb.doc, content),
    )


def _reports_words(verb: Token, content: Span | None) -> bool:
    """Whether a verb of ``CLAUSE_ONLY_VERBS`` reports words: a clause or parenthetical ("found that ...",
    "..., he continued."), an infinitive that is itself a report ("continued to insist that ...",
    "continued to criticize the deal"), an object denied with "no" ("found no evidence"), a colon after
    it, or content that is a quotation ("continued: “...”")."""
    if verb.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return True
    if any(c.dep_ == "xcomp" and c.i <= verb.i + 3 and verb_key(c) in REPORTING_VERBS
           and verb_key(c) not in _CONSUMING_HEADS for c in verb.children):
        return True  # "continued to insist", not "continued to refuse to fulfil" or "the discussion to defend"
    if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in verb.children):
        return True  # "an investigation found no such action": a finding that denies
    if verb.i + 1 < len(verb.doc) and verb.nbor(1).text == ":":
        return True
    return content is not None and content[0] > 0 and verb.doc[content[0] - 1].text in OPEN_QUOTES


def _is_passive_without_agent(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps and verb.lemma_ != "reach"


def _according_to(token: Token) -> Attribution | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = token.head
    clause = [t.i for t in head.subtree if not (token.left_edge.i <= t.i <= token.right_edge.i)]
    content = (min(clause), max(clause) + 1) if clause and head.i != token.i else None
    nested = head.i != token.i and (verb_key(head) in REPORTING_VERBS and subject_of(head) is not None)
    return Attribution(
        key="according to",
        cue=(token.i, to.i + 1),
        cue_head=token.i,
        source=source_span(pobj),
        source_head=speaker_head(pobj).i,
        content=content,
        negated=False,
        nested=nested or _has_nested_report(token.doc, content),
    )


def _headline_attribution(unit: Doc, cue_heads: set[int]) -> Attribution | None:
    """ "Conservative Icon Morton Blackwell Endorses Ted Cruz": in a title-case headline the tagger reads a
    capitalised reporting verb as part of a name. The first capitalised -s form of a reporting verb
    ("Praises", "Endorses", "Says") that no rule took as a cue, after two or more capitalised words, is
    the cue; those words (from the line start or a colon) are the source."""
    alpha = [t for t in unit if t.is_alpha]
    if not 3 <= len(alpha) <= _HEADLINE_MAX_WORDS or sum(t.is_title or t.is_upper for t in alpha) < 0.7 * len(alpha):
        return None
    for token in unit:
        lower = token.lower_
        if token.i in cue_heads or not token.is_title or not lower.endswith("s") or token.tag_.startswith("VB"):
            continue
        lemma = verb_lemma(lower)
        if lemma == lower or lemma not in REPORTING_VERBS:
            continue
        start = token.i
        while start > 0 and (unit[start - 1].is_title or unit[start - 1].is_upper) and unit[start - 1].is_alpha:
            start -= 1
        if token.i - start < 2 or (start > 0 and unit[start - 1].text not in (":", "\n")):
            return None
        end = token.i + 1
        while end < len(unit) and not unit[end].is_punct:
            end += 1
        return Attribution(
            key=lemma,
            cue=(token.i, token.i + 1),
            cue_head=token.i,
            source=(start, token.i),
            source_head=token.i - 1,
            content=(token.i + 1, end) if end > token.i + 1 else None,
            negated=False,
            nested=False,
        )
    return None


_HEADLINE_MAX_WORDS = 25


def _no_comment_phrase(token: Token, cue_heads: set[int]) -> Attribution | None:
    """ "had no comment", "was not available for comment", "could not be reached for comment"."""
    if token.lower_ not in ("comment", "comments") or token.pos_ == "VERB":
        return None
    governor = token.head
    for _ in range(3):
        if governor.pos_ in ("VERB", "AUX") or governor.dep_ == "ROOT":
            break
        governor = governor.head
    if governor.i in cue_heads:
        return None
    has_no = any(c.lower_ == "no" for c in token.children)
    if not (has_no or is_negated(governor) or governor.lower_ == "unavailable"):
        return None
    source = subject_of(governor, allow_passive=True)
    cue_tokens = [*_cue_tokens(governor), token.i]
    return Attribution(
        key="no comment",
        cue=(min(cue_tokens), max(cue_tokens) + 1),
        cue_head=governor.i,
        source=source_span(source) if source is not None else None,
        source_head=speaker_head(source).i if source is not None else None,
        content=None,
        negated=False,
        nested=False,
    )


def subject_of(verb: Token, allow_passive: bool = False, depth: int = 0) -> Token | None:
    """The token naming who performs ``verb`` as written: its subject (a relative pronoun stays one),
    passive agent, relative-clause antecedent, or (for a verb without one) the subject of the verb it
    hangs from via xcomp/advcl/conj."""
    subject_deps = ("nsubj", "nsubjpass") if allow_passive or verb.lemma_ == "reach" else ("nsubj",)
    for child in verb.children:
        if child.dep_ in subject_deps:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return verb.head
    if _is_misattached_report(verb) and depth < 3:
        return subject_of(verb.head.head, allow_passive, depth + 1)  # "He says X was Y and says Z"
    if verb.dep_ == "xcomp" and any(c.dep_ in ("dobj", "iobj") for c in verb.head.children):
        return None  # "urged locals to deny ...": the object does it, not the subject
    if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and verb.head.i != verb.i and depth < 3:
        if quoted(verb.doc, verb.i) and not quoted(verb.doc, verb.head.i):
            return None  # a subjectless verb inside a quotation does not take the reporter as its subject
        return subject_of(verb.head, allow_passive, depth + 1)
    return None


def quoted(doc: Doc, i: int) -> bool:
    """Whether token i lies inside a quotation."""
    straight = sum(1 for t in doc[:i] if t.text == '"')
    curly = sum(1 for t in doc[:i] if t.text == "“") - sum(1 for t in doc[:i] if t.text == "”")
    return straight % 2 == 1 or curly > 0


def is_negated(verb: Token) -> bool:
    """Whether ``verb`` is negated ("did not confirm", "would neither confirm nor deny", "never said")."""
    if any(c.dep_ == "neg" or (c.dep_ in ("preconj", "advmod") and c.lower_ in _NEG_WORDS) for c in verb.children):
        return True
    return verb.dep_ == "conj" and any(c.dep_ == "preconj" and c.lower_ == "neither" for c in verb.head.children)


def _cue_tokens(verb: Token) -> list[int]:
    tokens = [verb.i]
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt") and child.i < verb.i + 3:
            tokens.append(child.i)
        if child.dep_ == "xcomp" and verb_key(verb) in _CONSUMING_HEADS:
            tokens.extend(c.i for c in child.children if c.dep_ == "aux")
            tokens.append(child.i)
    return tokens


def content_of(verb: Token) -> Span | None:
    """Token span of what ``verb`` reports: its clausal complement, else the quote beside it, else the
    text after its colon (a quote introduced on the next line)."""
    doc = verb.doc
    clause: Span | None = None
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis") and child.i < verb.i and _is_own_report(child):
            continue  # "“...,” said X; he described ...": a second report, not what this one says
        if child.dep_ in ("ccomp", "parataxis") or (child.dep_ == "xcomp" and child.i > verb.i):
            clause = (child.left_edge.i, child.right_edge.i + 1)
            second = next((c for c in child.rights if _is_misattached_report(c)), None)
            if second is not None and child.i < second.left_edge.i:
                clause = (clause[0], _trim_right(doc, child.i + 1, second.left_edge.i))
            break
    if verb.dep_ in ("acl", "amod", "compound"):
        return clause  # "the call reported by the Post": the report is the noun it modifies
    for quote in (_quote_after(doc, verb.i), _quote_before(doc, verb.i)):
        if quote is not None and (clause is None or quote[0] <= clause[0] < quote[1]):
            return quote  # a quotation of several sentences is all content, not just its first clause
    if clause is not None:
        return clause
    colon = next((t.i for t in doc[verb.i + 1:] if t.text == ":"), None)
    if colon is not None and colon + 1 < len(doc):
        return colon + 1, len(doc)
    return None


def _is_misattached_report(verb: Token) -> bool:
    """Whether ``verb`` is a second report of the speaker that the parser hung on the first report's
    content ("He says [the response was to break them up] and says he introduced a bill"): a subjectless
    reporting verb conjoined to a clause that is itself the complement of a reporting verb."""
    head = verb.head
    return (verb.dep_ == "conj" and verb_key(verb) in REPORTING_VERBS and head.dep_ == "ccomp"
            and verb_key(head.head) in REPORTING_VERBS and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                                   for c in verb.children))


def _trim_right(doc: Doc, start: int, end: int) -> int:
    """``end`` moved left past punctuation, spaces and conjunctions, but not before ``start``."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    return end


def _is_own_report(token: Token) -> bool:
    key = verb_key(token)
    return key in REPORTING_VERBS and any(c.dep_ == "nsubj" for c in token.children)


def _opens(doc: Doc, j: int) -> bool:
    """Whether token j opens a quotation (a straight quote opens when an even number precede it)."""
    if doc[j].text == '"':
        return sum(1 for t in doc[:j] if t.text == '"') % 2 == 0
    return doc[j].text in OPEN_QUOTES


def _closes(doc: Doc, j: int) -> bool:
    if doc[j].text == '"':
        return sum(1 for t in doc[:j] if t.text == '"') % 2 == 1
    return doc[j].text in CLOSE_QUOTES


def _quote_after(doc: Doc, i: int) -> Span | None:
    for j in range(i + 1, min(len(doc), i + 12)):
        if _opens(doc, j):
            end = next((k for k in range(j + 1, len(doc)) if _closes(doc, k)), len(doc))
            return (j + 1, end) if end > j + 1 else None
        if doc[j].text in (".", ";") or (doc[j].pos_ == "VERB" and doc[j].dep_ not in ("amod", "acl")):
            return None
    return None


def _quote_before(doc: Doc, i: int) -> Span | None:
    close = next((k for k in range(i - 1, max(-1, i - 8), -1) if _closes(doc, k)), None)
    if close is None:
        return None
    opening = next((k for k in range(close - 1, -1, -1) if _opens(doc, k)), None)
    if opening is None or close - opening < 2:
        return None
    return opening + 1, close


def _has_nested_report(doc: Doc, content: Span | None) -> bool:
    """Whether the content's main clause is itself someone's report ("said that Reuters reported ..."),
    which makes the outer speaker a conduit; reports deeper down ("despite X claiming") do not count, nor
    does the speaker's own first person ("said: “We support your intention”" is the speaker's stance)."""
    if content is None:
        return False
    start, end = content
    roots = [t for t in doc[start:end] if not (start <= t.head.i < end) or t.head.i == t.i]
    heads = [*roots, *(c for r in roots for c in r.children if c.dep_ == "conj" and start <= c.i < end)]
    return any(
        verb_key(t) in REPORTING_VERBS and verb_key(t) not in CONDUIT_VERBS and not is_negated(t)
        and any(c.dep_ == "nsubj" and c.lower_ not in _FIRST_PERSON for c in t.children)
        for t in heads
    )
