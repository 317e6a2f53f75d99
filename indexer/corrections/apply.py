"""Apply corrections to a built document (pure: no I/O, the input is never modified).

Corrections apply one after the other in ``id`` order, so they chain: merging "Zelensky" into "Zelenskiy"
and later "Zelenskiy" into "Volodymyr Zelenskyy" sends all three spellings to the last. A
:class:`CorrectionPlan` compiles that chain once into one look-up per entity type (folded name -> final name,
or rejected), so applying it to a document costs one dictionary look-up per name.

What changes in a document:

- ``persons`` (person corrections) and ``organizations`` (organisation corrections): a merged or renamed
  entry takes the target name; when it meets an entry of the same (folded) name, the two become one
  (``mentions`` added; an organisation keeps the first known ``country``); a rejected entry is dropped;
- ``statements``: the speaker of a statement whose ``speaker_type`` (``person`` when absent) matches the
  correction's type is renamed; a statement whose speaker is rejected is dropped;
- when a statement changed: ``speakers``, ``speaker_stance`` and ``stances`` are recomputed from the
  statements by :func:`indexer.statement_fields.statement_fields`, as ``build_document`` derives them.

A document no correction touches comes back equal to the input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from indexer.corrections.model import Correction, EntityType, fold_name
from indexer.statement_fields import statement_fields

#: The outcome of a rejected name in a plan.
REJECTED = None


@dataclass(frozen=True)
class CorrectionPlan:
    """Active corrections compiled: per entity type, folded original name -> final name (None: rejected).
    Names absent from a table are left as they are."""

    tables: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)

    @classmethod
    def compile(cls, corrections: Iterable[Correction]) -> CorrectionPlan:
        """The plan of the *active* corrections among ``corrections``, applied in ``id`` order."""
        tables: dict[str, dict[str, str | None]] = {}
        for correction in sorted((c for c in corrections if c.active), key=lambda c: c.id):
            table = tables.setdefault(correction.entity_type, {})
            key = fold_name(correction.name)
            outcome = correction.target if correction.action != "reject" else REJECTED
            for original, current in list(table.items()):  # names already corrected into this one follow it
                if current is not REJECTED and fold_name(current) == key:
                    table[original] = outcome
            if key not in table:  # a name corrected earlier into another one no longer carries this name
                table[key] = outcome
        return cls({entity_type: table for entity_type, table in tables.items() if table})

    def __bool__(self) -> bool:
        return bool(self.tables)

    def lookup(self, entity_type: str, name: str) -> tuple[bool, str | None]:
        """``(corrected, outcome)``: whether ``name`` of this type is corrected, and its final name (None:
        rejected)."""
        table = self.tables.get(entity_type)
        if not table:
            return False, name
        key = fold_name(name)
        if key not in table:
            return False, name
        return True, table[key]

    def names(self, entity_type: EntityType) -> set[str]:
        """Every folded name this plan corrects for ``entity_type``."""
        return set(self.tables.get(entity_type, {}))


def apply_corrections(
    document: Mapping[str, Any], corrections: CorrectionPlan | Sequence[Correction]
) -> dict[str, Any]:
    """``document`` with ``corrections`` (a plan, or corrections to compile; inactive ones are ignored)
    applied to its persons, organisations and statements (see the module docstring). Returns a new dict;
    the input is not modified."""
    plan = corrections if isinstance(corrections, CorrectionPlan) else CorrectionPlan.compile(corrections)
    result = dict(document)
    if not plan:
        return result
    for entity_field, entity_type in (("persons", "person"), ("organizations", "organization")):
        entries = document.get(entity_field)
        if isinstance(entries, list) and entity_type in plan.tables:
            corrected = _correct_entries(entries, entity_type, plan)
            if corrected is not None:
                result[entity_field] = corrected
    statements = document.get("statements")
    if isinstance(statements, list):
        corrected_statements = _correct_statements(statements, plan)
        if corrected_statements is not None:
            result["statements"] = corrected_statements
            result.update(statement_fields(corrected_statements))
    return result


def _correct_entries(entries: list[Any], entity_type: str, plan: CorrectionPlan) -> list[Any] | None:
    """The corrected entries, or None when none changed."""
    changed = False
    out: list[dict[str, Any]] = []
    renamed: list[bool] = []
    position: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            out.append(entry)
            renamed.append(False)
            continue
        corrected, outcome = plan.lookup(entity_type, entry["name"])
        if corrected and outcome is REJECTED:
            changed = True
            continue
        is_renamed = corrected and outcome != entry["name"]
        new_entry = {**entry, "name": outcome} if is_renamed else entry
        key = fold_name(str(new_entry["name"]))
        earlier = position.get(key)
        if earlier is not None and (is_renamed or renamed[earlier]):
            out[earlier] = _meet(out[earlier], new_entry, take_name=is_renamed and not renamed[earlier])
            renamed[earlier] = True
            changed = True
            continue
        changed = changed or is_renamed
        position.setdefault(key, len(out))
        out.append(new_entry)
        renamed.append(is_renamed)
    return out if changed else None


def _meet(kept: dict[str, Any], other: dict[str, Any], *, take_name: bool) -> dict[str, Any]:
    """Two entries of one entity in one article become one, at the first one's place: mentions added,
    missing details filled in; with ``take_name`` the other's name (the one a correction gave) wins."""
    merged = dict(kept)
    if take_name:
        merged["name"] = other["name"]
    if isinstance(kept.get("mentions"), int) and isinstance(other.get("mentions"), int):
        merged["mentions"] = kept["mentions"] + other["mentions"]
    for key, value in other.items():
        if merged.get(key) in (None, "") and value not in (None, ""):
            merged[key] = value
    return merged


def _correct_statements(statements: list[Any], plan: CorrectionPlan) -> list[Any] | None:
    """The corrected statements, or None when none changed."""
    changed = False
    out: list[Any] = []
    for statement in statements:
        if not isinstance(statement, dict) or not isinstance(statement.get("speaker"), str):
            out.append(statement)
            continue
        speaker_type = statement.get("speaker_type") or "person"
        corrected, outcome = plan.lookup(str(speaker_type), statement["speaker"])
        if not corrected or outcome == statement["speaker"]:
            out.append(statement)
        elif outcome is REJECTED:
            changed = True
        else:
            out.append({**statement, "speaker": outcome})
            changed = True
    return out if changed else None


def corrected_json(text: str, plan: CorrectionPlan) -> str:
    """A stored document's JSON text with ``plan`` applied: the same text when nothing changed (so a
    re-index without corrections still sends the stored bytes as they are), else the corrected document."""
    if not plan:
        return text
    document = json.loads(text)
    corrected = apply_corrections(document, plan)
    if corrected == document:
        return text
    return json.dumps(corrected, ensure_ascii=False, separators=(",", ":"))


def corrected_documents(documents: Iterable[Mapping[str, Any]], plan: CorrectionPlan) -> list[dict[str, Any]]:
    """Every document of ``documents`` with ``plan`` applied."""
    return [apply_corrections(document, plan) for document in documents]
