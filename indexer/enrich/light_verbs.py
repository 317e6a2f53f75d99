"""Light verbs whose object says the stance: "expressed support", "voiced concern", "exchanged
congratulations", "extended condolences", "spoke in favour of" (the verbs and objects are data:
``light_verb`` and ``light_object`` in ``data/stance_words.tsv``)."""

from __future__ import annotations

from spacy.tokens import Token

from indexer.enrich.stance_lexicon import LIGHT_OBJECTS


def light_object(cue: Token) -> Token | None:
    """The object of a light verb that says its stance ("expressed support", "exchanged congratulations",
    "spoke in favour of"): a direct object, or the object of "in", among ``LIGHT_OBJECTS``; else None."""
    for child in cue.children:
        candidates = [child] if child.dep_ == "dobj" else [
            p for p in child.children if p.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "in" else []
        for token in candidates:
            if token.lemma_.lower() in LIGHT_OBJECTS or token.lower_ in LIGHT_OBJECTS:
                return token
    return None
