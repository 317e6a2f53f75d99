"""Entity corrections without Elasticsearch: applying them to documents, the table, export and import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from indexer.corrections import (
    Correction,
    CorrectionError,
    CorrectionPlan,
    CorrectionsTable,
    apply_corrections,
    fold_name,
    new_correction,
)
from indexer.corrections.apply import corrected_json
from indexer.corrections.reapply import changed_names
from indexer.corrections.table import CorrectionsFileError
from newsarchive.config import PROJECT_ROOT


def correction(cid: int, action: str, name: str, target: str | None = None, entity_type: str = "person",
               active: bool = True) -> Correction:
    request = new_correction(action, entity_type, name, target)
    return Correction(id=cid, action=request.action, entity_type=request.entity_type, name=request.name,
                      target=request.target, note="", created_at="2026-12-07T00:00:00+00:00", active=active)


def statement(speaker: str, stance: str, speaker_type: str = "person") -> dict[str, Any]:
    return {"speaker": speaker, "speaker_type": speaker_type, "speaker_country": None, "stance": stance,
            "cue": "said", "evidence": f"{speaker} said", "start": 0, "end": 5, "target": None}


def document(persons: list[tuple[str, int]], statements: list[dict[str, Any]] | None = None,
             organizations: list[tuple[str, str | None]] | None = None) -> dict[str, Any]:
    said = statements or []
    return {
        "id": "a1",
        "content_hash": "h",
        "enrichment_version": 7,
        "persons": [{"name": name, "mentions": mentions} for name, mentions in persons],
        "organizations": [{"name": name, "country": country} for name, country in organizations or []],
        "statements": said,
        "speakers": sorted({s["speaker"] for s in said}),
        "speaker_stance": sorted({f"{s['speaker']}|{s['stance']}" for s in said}),
        "stances": sorted({s["stance"] for s in said}),
    }


MERGE = correction(1, "merge", "Zelensky", "Volodymyr Zelenskyy")
REJECT = correction(2, "reject", "Kepler")

CASES = [
    pytest.param(
        document([("Zelensky", 2), ("Joe Biden", 1)]), [MERGE],
        document([("Volodymyr Zelenskyy", 2), ("Joe Biden", 1)]), id="merge renames",
    ),
    pytest.param(
        document([("Volodymyr Zelenskyy", 3), ("Joe Biden", 1), ("ZELÉNSKY", 2)]), [MERGE],
        document([("Volodymyr Zelenskyy", 5), ("Joe Biden", 1)]), id="merge meets the canonical: mentions add up",
    ),
    pytest.param(
        document([("Zelensky", 2), ("Volodymyr Zelenskyy", 3)]), [MERGE],
        document([("Volodymyr Zelenskyy", 5)]), id="variant first: the canonical name wins at its place",
    ),
    pytest.param(
        document([("Kepler", 1), ("Joe Biden", 1)], [statement("Kepler", "denies"), statement("Joe Biden", "claims")]),
        [REJECT],
        document([("Joe Biden", 1)], [statement("Joe Biden", "claims")]),
        id="reject drops the person and its statements, stances recomputed",
    ),
    pytest.param(
        document([("Zelensky", 1)], [statement("Zelensky", "denies"), statement("Volodymyr Zelenskyy", "denies")]),
        [MERGE],
        document([("Volodymyr Zelenskyy", 1)],
                 [{**statement("Zelensky", "denies"), "speaker": "Volodymyr Zelenskyy"},
                  statement("Volodymyr Zelenskyy", "denies")]),
        id="merge renames speakers (the evidence stays as written)",
    ),
    pytest.param(
        document([("Kepler", 1)], [statement("Kepler", "claims", "organization")]), [REJECT],
        document([], [statement("Kepler", "claims", "organization")]),
        id="a person reject leaves an organisation speaker",
    ),
    pytest.param(
        document([], organizations=[("Gazprom", "RU"), ("Gazprom PJSC", None)]),
        [correction(3, "merge", "Gazprom PJSC", "Gazprom", "organization")],
        document([], organizations=[("Gazprom", "RU")]), id="organisations merge",
    ),
    pytest.param(
        document([("Zelensky", 1)]), [correction(1, "merge", "Zelensky", "Zelenskiy"),
                                      correction(2, "merge", "Zelenskiy", "Volodymyr Zelenskyy")],
        document([("Volodymyr Zelenskyy", 1)]), id="merges chain in id order",
    ),
    pytest.param(
        document([("Zelensky", 1)]), [correction(1, "merge", "Zelensky", "Volodymyr Zelenskyy", active=False)],
        document([("Zelensky", 1)]), id="inactive corrections do nothing",
    ),
    pytest.param(
        document([("Kepler", 1), ("kepler", 1)]), [correction(1, "rename", "Pluto", "Planet")],
        document([("Kepler", 1), ("kepler", 1)]), id="untouched documents stay as they were",
    ),
    pytest.param(
        document([("DALGLISH", 2)]), [correction(1, "rename", "DALGLISH", "Kenny Dalglish")],
        document([("Kenny Dalglish", 2)]), id="rename",
    ),
]


@pytest.mark.parametrize(("before", "corrections", "expected"), CASES)
def test_apply_corrections(before: dict[str, Any], corrections: list[Correction], expected: dict[str, Any]) -> None:
    frozen = json.dumps(before, sort_keys=True)
    assert apply_corrections(before, corrections) == expected
    assert json.dumps(before, sort_keys=True) == frozen  # the input is not modified


def test_corrected_json_keeps_the_text_when_nothing_changes() -> None:
    untouched = json.dumps(document([("Joe Biden", 1)]))
    plan = CorrectionPlan.compile([MERGE])
    assert corrected_json(untouched, plan) is untouched
    touched = json.dumps(document([("Zelensky", 1)]))
    assert json.loads(corrected_json(touched, plan))["persons"] == [{"name": "Volodymyr Zelenskyy", "mentions": 1}]


def test_fold_name_ignores_case_accents_and_spacing() -> None:
    assert fold_name("  Zelénsky\u00a0 VOLODYMYR ") == "zelensky volodymyr"
    assert fold_name("Čaputová") == "caputova"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("delete", "person", "A", None), "action"),
        (("merge", "place", "A", "B"), "type"),
        (("merge", "person", "  ", "B"), "name is empty"),
        (("merge", "person", "A", None), "needs a target"),
        (("reject", "person", "A", "B"), "takes no target"),
        (("rename", "person", "A", "A"), "the name itself"),
    ],
)
def test_invalid_corrections_are_refused(args: tuple[str, str, str, str | None], message: str) -> None:
    with pytest.raises(CorrectionError, match=message):
        new_correction(*args)


def test_changed_names_of_a_rollback_of_a_reject_point_at_the_store() -> None:
    before = CorrectionPlan.compile([MERGE, REJECT])
    after = CorrectionPlan.compile([MERGE])
    changed = changed_names(before, after)
    assert changed.rejected_before == {"person": {"kepler"}}
    assert not changed.in_index.get("person")
    rolled_merge = changed_names(CorrectionPlan.compile([MERGE]), CorrectionPlan.compile([]))
    assert rolled_merge.in_index == {"person": {"volodymyr zelenskyy"}}


def test_table_add_rollback_and_round_trip(tmp_path: Path) -> None:
    store = tmp_path / "store" / "documents.sqlite3"
    with CorrectionsTable(store) as table:
        merge = table.add(new_correction("merge", "person", "Zelensky", "Volodymyr Zelenskyy", "two spellings"))
        reject = table.add(new_correction("reject", "person", "Kepler"))
        table.add(new_correction("rename", "organization", "Gazprom PJSC", "Gazprom"))
        assert [c.id for c in table.active()] == [merge.id, reject.id, merge.id + 2]
        rolled = table.rollback(reject.id)
        assert not rolled.active and rolled.rolled_back_at
        with pytest.raises(CorrectionError, match="already rolled back"):
            table.rollback(reject.id)
        with pytest.raises(CorrectionError, match="no correction"):
            table.rollback(999)
        exported = tmp_path / "corrections.jsonl"
        assert table.export_jsonl(exported) == 3
        original = table.list_corrections()
        again = table.import_jsonl(exported)
        assert again.added == [] and again.unchanged == 3  # importing the same file twice changes nothing
    with CorrectionsTable(tmp_path / "other" / "documents.sqlite3") as fresh:
        imported = fresh.import_jsonl(exported)
        assert imported.added == original
        assert fresh.list_corrections() == original
        assert [c.id for c in fresh.active()] == [merge.id, merge.id + 2]


def test_import_names_every_bad_line_and_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.jsonl"
    lines = [
        json.dumps({"action": "merge", "type": "person", "name": "Zelensky", "target": "Volodymyr Zelenskyy"}),
        "{not json",
        json.dumps({"action": "merge", "type": "person", "name": "Kuleba"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"action": "reject", "type": "person", "name": "Kepler", "colour": "red"}),
        json.dumps({"id": -3, "action": "reject", "type": "person", "name": "Kepler"}),
        json.dumps({"action": "reject", "type": "person", "name": "Kepler"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with CorrectionsTable(tmp_path / "documents.sqlite3") as table:
        with pytest.raises(CorrectionsFileError) as raised:
            table.import_jsonl(path)
        assert table.list_corrections() == []
    problems = raised.value.problems
    assert [problem.split(": ", 1)[0] for problem in problems] == [f"{path}:{n}" for n in (2, 5, 6, 3, 7)]
    assert "not JSON" in problems[0] and "needs a target" in problems[3] and "colour" in problems[2]


def test_import_refuses_an_id_recorded_with_other_content(tmp_path: Path) -> None:
    with CorrectionsTable(tmp_path / "documents.sqlite3") as table:
        first = table.add(new_correction("reject", "person", "Kepler"))
        path = tmp_path / "edited.jsonl"
        path.write_text(json.dumps({"id": first.id, "action": "reject", "type": "person", "name": "Pluto"}) + "\n")
        with pytest.raises(CorrectionsFileError, match=rf"edited.jsonl:1: id {first.id} is recorded with other"):
            table.import_jsonl(path)


def test_the_corrections_package_and_the_curation_routes_import_no_nlp() -> None:
    code = ("import sys, indexer.corrections.service, indexer.corrections.listing, web.curation; "
            "bad = [m for m in sys.modules if m.startswith(('spacy', 'indexer.enrich.'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    assert out.stdout.strip() == "[]"
