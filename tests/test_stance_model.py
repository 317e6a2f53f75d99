"""The learned stance classifier (``indexer/enrich/stance_model.py``) and its training functions.

The model rows are statements of the seed articles (cue and content as the extractor cuts them); the
shipped model must be the one its training data makes (the data's SHA-256 is in its meta.json).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.enrich.stance_model import (
    MAX_INPUT_CHARS,
    learned_stance,
    measuring_with,
    model_input,
    model_meta,
    stance_scores,
)
from indexer.enrich.stance_training import (
    StanceExample,
    blind_batch_examples,
    data_digest,
    label_file_examples,
    predict,
    train_stance_model,
    training_cue,
    training_files,
)
from indexer.enrich.types import STANCES

ROOT = Path(__file__).resolve().parent.parent
TRAINING_FILES = [path for files in training_files(ROOT) for path in files]

pytestmark = pytest.mark.nlp


@pytest.mark.parametrize(("cue", "content", "expected"), [
    ("said", "“that the talks were constructive.”", "said | the talks were constructive."),
    ("Noted", "  whether   Kyiv\nwould agree", "noted | kyiv would agree"),
    ("said", ": «No.»", "said | no."),
])
def test_model_input_is_cue_and_content_normalised(cue: str, content: str, expected: str) -> None:
    assert model_input(cue, content) == expected


def test_model_input_is_capped() -> None:
    assert len(model_input("said", "word " * 1000)) == MAX_INPUT_CHARS


@pytest.mark.parametrize(("cue", "content", "expected"), [
    # president.gov.ua and Wikinews statements of the seeds
    ("said", "I am grateful to our partners for their support", "supports"),
    ("reiterated", "Russia had blocked Ukrainian ports, which made it impossible for Ukraine to export wheat",
     "claims"),
    ("said", "no traces of poison was found in his blood or urine", "denies"),
    ("has confirmed", "Germany has confirmed the provision of air defense systems for our country", "confirms"),
    # plain reports keep no stance
    ("said", "the meeting will take place on Friday in Geneva", None),
    ("told", "reporters that the train left at noon", None),
])
def test_learned_stance_of_real_statements(cue: str, content: str, expected: str | None) -> None:
    assert learned_stance(cue, content) == expected


def test_scores_are_a_distribution_over_the_stances() -> None:
    scores = stance_scores("said", "the sanctions are unacceptable")
    assert set(scores) == set(STANCES)
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-4)


def test_shipped_model_is_made_from_the_training_data_in_the_repository() -> None:
    meta = model_meta()
    assert meta["training_data_sha256"] == data_digest(TRAINING_FILES), (
        "training data changed: run scripts/train_stance_model.py and commit the model")
    assert 0.0 < float(meta["stance_threshold"]) <= 1.0
    batches = sum(len(blind_batch_examples(p)) for p in TRAINING_FILES if p.suffix == ".json")
    labelled = sum(len(label_file_examples(p)) for p in TRAINING_FILES if p.suffix == ".jsonl")
    assert meta["training_examples"] == batches + labelled


@pytest.mark.parametrize(("cue", "expected"), [
    ("President of Russia Vladimir Putin:", ":"), ("address", ":"), ("Speech", ":"), ("denied", "denied"),
])
def test_annotators_turn_cues_become_the_extractors_colon(cue: str, expected: str) -> None:
    assert training_cue(cue) == expected


def test_label_file_rows_need_a_known_stance(tmp_path: Path) -> None:
    path = tmp_path / "train-99.jsonl"
    rows = [{"cue": "said", "content": "it rained", "evidence": "It rained, he said.", "stance": "says"},
            {"cue": "said", "content": "x", "evidence": "x", "stance": "not_statement"},
            {"cue": "said", "content": "y", "evidence": "y", "stance": "shouts"}]
    path.write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n", "utf-8")
    assert [(e.cue, e.content, e.stance, e.group) for e in label_file_examples(path)] == [
        ("said", "it rained", "says", "train-99")]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    with pytest.raises(ValueError, match=r"train-99.jsonl:3: unknown stance 'shouts'"):
        label_file_examples(path)


def test_training_learns_a_separable_table_and_is_repeatable() -> None:
    rows = [("thanked", f"the {who} for their help", "supports") for who in ("doctors", "police", "allies", "donors")]
    rows += [("denied", f"the {what} had happened", "denies") for what in ("attack", "call", "meeting", "strike")]
    rows += [("said", f"the {what} would start on Monday", "says") for what in ("talks", "trial", "visit", "vote")]
    examples = [StanceExample(cue, content, stance, "table") for cue, content, stance in rows]  # type: ignore[arg-type]
    first = predict(train_stance_model(examples, epochs=20, hash_length=2**12), examples)
    second = predict(train_stance_model(examples, epochs=20, hash_length=2**12), examples)
    assert [label for label, _ in first] == [stance for _, _, stance in rows]
    assert first == second


def test_a_stand_in_model_decides_only_within_its_block() -> None:
    # a model that reads every plain report as opposing, at threshold 0: inside the block it decides
    rows = [("said", f"the {what} was a mistake", "opposes") for what in ("plan", "vote", "deal", "law")]
    rows += [("noted", f"the {what} was wrong", "opposes") for what in ("plan", "vote", "deal", "law")]
    model = train_stance_model([StanceExample(c, t, s, "table") for c, t, s in rows],  # type: ignore[arg-type]
                               epochs=10, hash_length=2**10)
    model.meta["stance_threshold"] = 0.0
    content = "the talks would resume on Monday"
    shipped = learned_stance("said", content)
    with measuring_with(model):
        assert learned_stance("said", content) == "opposes"
    assert learned_stance("said", content) == shipped
