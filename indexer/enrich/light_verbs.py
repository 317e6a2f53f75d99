"""Light verbs whose object says the stance: "expressed support", "voiced concern", "exchanged
congratulations", "extended condolences", "spoke in favour of" (the verbs and objects are data:
``light_verb`` and ``light_object`` in ``data/stance_words.tsv``)."""

from __future__ import annotations

from spacy.tokens import Token

from indexer.enrich.stance_lexicon import LIGHT_OBJECTS
from indexer.enrich.types import Stance


def object_stance(token: Token) -> Stance | None:
    """The stance a light verb's object gives, by its lemma or its form (None when it is no such object)."""
    return LIGHT_OBJECTS.get(token.lemma_.lower()) or LIGHT_OBJECTS.get(token.lower_)


def light_object(cue: Token) -> Token | None:
    """The object of a light verb that says its stance ("expressed support", "exchanged congratulations",
    "spoke in favour of"): a direct object, or the object of "in", with an :func:`object_stance`; else None."""
    for child in cue.children:
        if child.dep_ == "dobj":
            candidates = [child]
        elif child.dep_ == "prep" and child.lower_ == "in":
            candidates = [p for p in child.children if p.dep_ == "pobj"]
        else:
            continue
        for token in candidates:
            if object_stance(token) is not None:
                return token
    return None
