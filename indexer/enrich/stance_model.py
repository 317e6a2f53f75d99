"""The learned part of the stance: a text classifier over a statement's cue and content.

The rules of :mod:`indexer.enrich.stance` decide first. Where they find no stance in a plain report
("said that ...", "noted: ...") the classifier reads the cue and the reported words and may name one
("said the relations were very constructive" supports); below its threshold the statement stays ``says``.

The model is a spaCy ``textcat`` (bag of unigrams and bigrams, exclusive classes) trained by
``scripts/train_stance_model.py`` on labels this project made itself (``training/stance_labels/`` and the
read blind batches), over seed articles licensed CC BY; it ships in ``data/stance_model/`` and is never
trained at run time. Its ``meta.json`` records the threshold, the figures measured when it was trained and
the SHA-256 of the data it was trained on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from indexer.enrich.types import STANCE_BEARING, STANCES, Stance

MODEL_DIR = Path(__file__).resolve().parent / "data" / "stance_model"
#: Characters of content the classifier reads (a transcript turn can be pages long).
MAX_INPUT_CHARS = 600
_LEADING = re.compile(r"^[\s“”\"'‘’«»:,–—-]*(?:(?:that|whether|if)\s+)?", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def model_input(cue: str, content: str) -> str:
    """The text the classifier reads for one statement: "<cue> | <content>", lower-cased, the content
    without a leading "that" or quotation marks, whitespace collapsed, at most MAX_INPUT_CHARS long."""
    words = _SPACE.sub(" ", _LEADING.sub("", content)).strip(" “”\"'‘’«»")
    return f"{_SPACE.sub(' ', cue).strip().lower()} | {words.lower()}"[:MAX_INPUT_CHARS]


@cache
def load_stance_model(path: Path = MODEL_DIR) -> Language:
    """The shipped classifier (loaded once per process and path); raises OSError when it is missing."""
    if not (path / "meta.json").is_file():
        raise OSError(f"{path}: no stance model (run scripts/train_stance_model.py)")
    return spacy.load(path)


#: A model that stands in for the shipped one in this process (see :func:`measuring_with`).
_STAND_IN: list[Language] = []


@contextmanager
def measuring_with(model: Language) -> Iterator[None]:
    """Within the block, this process classifies with ``model`` (its ``stance_threshold`` in its meta)
    instead of the model at ``MODEL_DIR``: for measuring a model trained without the labels it is scored on
    (``scripts/cv_statements_blind.py``). Indexing never uses it."""
    _STAND_IN.append(model)
    try:
        yield
    finally:
        _STAND_IN.remove(model)


def _model(path: Path) -> Language:
    return _STAND_IN[-1] if _STAND_IN and path == MODEL_DIR else load_stance_model(path)


def model_meta(path: Path = MODEL_DIR) -> dict[str, Any]:
    """The model's ``meta.json`` (threshold under ``stance_threshold``, training figures, data hash)."""
    return dict(load_stance_model(path).meta)


def stance_scores(cue: str, content: str, path: Path = MODEL_DIR) -> dict[Stance, float]:
    """The classifier's probability of each stance for one statement (they sum to 1)."""
    cats = _model(path)(model_input(cue, content)).cats
    return {stance: float(cats.get(stance, 0.0)) for stance in STANCES}


def learned_stance(cue: str, content: str, path: Path = MODEL_DIR) -> Stance | None:
    """The stance-bearing stance the classifier names for a plain report, when it is the most probable
    label and its probability reaches the model's ``stance_threshold``; None otherwise (``says``)."""
    scores = stance_scores(cue, content, path)
    best = max(scores, key=lambda stance: scores[stance])
    threshold = float(_model(path).meta.get("stance_threshold", 1.0))
    if best in STANCE_BEARING and scores[best] >= threshold:
        return best
    return None
