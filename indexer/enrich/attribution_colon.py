"""Speakers named before a colon: "Peskov: “There was no conversation.”", a transcript's "President of
Russia Vladimir Putin: ..." (also when a greeting follows or a heading is glued before it)."""

from __future__ import annotations

from spacy.tokens import Token

from indexer.enrich.attribution_source import source_span, speaker_head
from indexer.enrich.attribution_types import OPEN_QUOTES, Attribution, Span
from indexer.enrich.stance_lexicon import COLON_LABELS, GREETING_WORDS, TITLE_JOINERS


def colon_attribution(colon: Token) -> Attribution | None:
    """ "Peskov: “There was no conversation.”" -- a name, a colon and what the named one said, with no
    verb before the colon (a verb there is the cue itself: "Peskov said:"). A person's label followed by a
    greeting ("Vladimir Putin: Colleagues, good afternoon.") opens a transcript turn with no content (no
    statement). ``nested`` is left False: the caller reads whether the content reports someone else's."""
    if colon.text != ":" or colon.i + 1 >= len(colon.doc):
        return None
    start = colon.sent.start
    before = colon.doc[start:colon.i]
    if before and (len(before) > 12 or any(t.pos_ in ("VERB", "AUX") for t in before)):
        start = _glued_label_start(colon)
        before = colon.doc[start:colon.i]
    if not before or len(before) > 12 or any(t.pos_ in ("VERB", "AUX") for t in before):
        return None
    roots = [t for t in before if not (start <= t.head.i < colon.i) or t.head.i == t.i]
    head = next((t for t in roots if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
    if head is None or any(t.like_num or t.lower_ in ("a.m.", "p.m.") for t in before):
        return None  # "12:50 p.m.:" is a time, not a source
    if head.lower_ in COLON_LABELS or (head.lemma_ in COLON_LABELS and head.pos_ == "NOUN"):
        return None  # "Editor's note:", "CORRECTION:", "Q:": a label, not a speaker
    if head.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in head.children):
        return None  # "The result:", "His final assessment:": an announcement, not a headline's speaker
    end = len(colon.doc)
    while end > colon.i + 1 and (colon.doc[end - 1].is_punct or colon.doc[end - 1].is_space):
        end -= 1
    if end <= colon.i + 1:
        return None
    said = colon.doc[colon.i + 1:end]
    content: Span | None = (colon.i + 1, end)
    if not any(t.pos_ in ("VERB", "AUX") or t.text in OPEN_QUOTES or t.text == "‘" for t in said):
        if not (before[-1].ent_type_ == "PERSON" and any(t.lower_ in GREETING_WORDS for t in said)):
            return None  # "Clinton: 1,769.", "Joe Biden: Early years and career": no words said
        content = None  # "Vladimir Putin: Colleagues, good afternoon.": a transcript turn opens, no statement
    return Attribution(
        key=":",
        cue=(colon.i, colon.i + 1),
        cue_head=colon.i,
        source=source_span(head),
        source_head=speaker_head(head).i,
        content=content,
        negated=False,
        nested=False,
        label=start > colon.sent.start,
    )


#: Tags of a finite verb: words before a name and colon that make it an object ("He told Vladimir Putin:").
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _glued_label_start(colon: Token) -> int:
    """Where a speaker label glued to what precedes it in its sentence begins ("... heads of defence industry
    enterprises President of Russia Vladimir Putin:", "<…> Vladimir Putin:"): the run of capitalised words
    and title joiners before the colon ending in a person's name, when no finite verb stands before it;
    else the sentence start."""
    sent_start, at = colon.sent.start, colon.i
    if at == 0 or colon.nbor(-1).ent_type_ != "PERSON":
        return sent_start
    while at > sent_start and colon.i - at < 12 and (
            colon.doc[at - 1].is_title or colon.doc[at - 1].ent_type_ == "PERSON"
            or (colon.doc[at - 1].lower_ in TITLE_JOINERS and at - 1 > sent_start and colon.doc[at - 2].is_title)):
        at -= 1
    if any(t.tag_ in _FINITE for t in colon.doc[sent_start:at]):
        return sent_start
    return at
