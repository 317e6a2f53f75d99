"""Training the stance classifier of :mod:`indexer.enrich.stance_model` (used by
``scripts/train_stance_model.py``; never at run time).

Examples are (cue, content, stance, group) rows read from the project's own labels: the blind batches
(``tests/golden/statements_blind/batch-*.json``, gold statements with their cue and content) and the
stance labels of extracted statements (``training/stance_labels/*.jsonl``; rows labelled
``not_statement`` are left out). ``group`` names the file a row comes from, so figures can be measured
leaving one file out.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]

from indexer.enrich.stance_model import model_input
from indexer.enrich.types import STANCES, Stance

#: The read blind batches the shipped model trains on (``batch-NN.json``): every batch scored and read by
#: 2026-12-08 (1-26). A new blind batch is numbered after them and stays out of training until it is read.
TRAINED_BLIND_BATCHES = range(1, 27)


def training_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The blind batch files and the label files (``training/stance_labels/train-*.jsonl``, in name order)
    the shipped model is trained on, under the project root ``root``."""
    batches = [root / "tests" / "golden" / "statements_blind" / f"batch-{n:02d}.json" for n in TRAINED_BLIND_BATCHES]
    return batches, sorted((root / "training" / "stance_labels").glob("train-*.jsonl"))


@dataclass(frozen=True)
class StanceExample:
    """One labelled statement: its cue, its content, the stance a person gave it, where it is from, and
    (for extracted statements) the stance the rules alone gave it when it was labelled."""

    cue: str
    content: str
    stance: Stance
    group: str
    rule_stance: Stance | None = None


#: Annotators' cues for the sentences of a first-person text ("address", "Vladimir Putin:"): the extractor's
#: cue for those is ":" (a transcript turn or a title-named address).
_TURN_CUES = frozenset({"address", "speech", "video address", "remarks", "transcript"})


def training_cue(cue: str) -> str:
    """The cue as the extractor writes it: ":" for a speaker label or an address, else as given."""
    cue = cue.strip()
    return ":" if cue.endswith(":") or cue.lower() in _TURN_CUES else cue


def blind_batch_examples(path: Path) -> list[StanceExample]:
    """The gold statements of one blind batch file that have a stance and some content (or sentence); the
    cues of first-person texts become ":" (:func:`training_cue`)."""
    batch = json.loads(path.read_text("utf-8"))
    found = []
    for article in batch["articles"]:
        for statement in article["statements"]:
            content = statement.get("content") or statement.get("sentence") or ""
            if statement.get("stance") in STANCES and content:
                found.append(StanceExample(training_cue(statement.get("cue") or ""), content, statement["stance"],
                                           path.stem))
    return found


def label_file_examples(path: Path) -> list[StanceExample]:
    """The labelled extracted statements of one ``training/stance_labels`` file, without ``not_statement``
    rows; raises ValueError naming the file and line of a row whose stance is unknown."""
    found = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        row = json.loads(line)
        if row["stance"] == "not_statement":
            continue
        if row["stance"] not in STANCES:
            raise ValueError(f"{path}:{number}: unknown stance {row['stance']!r}")
        found.append(StanceExample(row.get("cue") or "", row.get("content") or row["evidence"], row["stance"],
                                   path.stem, row.get("rule_stance")))
    return found


def data_digest(paths: Iterable[Path]) -> str:
    """SHA-256 over the names and bytes of the training files (in name order)."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def train_stance_model(examples: Sequence[StanceExample], *, seed: int = 0, epochs: int = 12,
                       hash_length: int = 2**16) -> Language:
    """A blank English pipeline with one exclusive ``textcat`` (bag of unigrams and bigrams over
    :func:`model_input`) trained on ``examples``; the same examples and seed give the same weights."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": hash_length}})
    assert isinstance(textcat, TextCategorizer)
    for stance in STANCES:
        textcat.add_label(stance)
    data = [Example.from_dict(nlp.make_doc(model_input(e.cue, e.content)),
                              {"cats": {s: float(s == e.stance) for s in STANCES}}) for e in examples]
    optimizer = nlp.initialize(lambda: data)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(data)
        for batch in minibatch(data, size=16):  # type: ignore[no-untyped-call]
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def predict(nlp: Language, examples: Sequence[StanceExample]) -> list[tuple[Stance, float]]:
    """The most probable stance and its probability for each example."""
    found: list[tuple[Stance, float]] = []
    for doc in nlp.pipe(model_input(e.cue, e.content) for e in examples):
        best = max(doc.cats, key=lambda label: doc.cats[label])
        found.append((best, doc.cats[best]))  # type: ignore[arg-type]
    return found
