"""What a correction is: merge a variant into a canonical name, reject a false entity, or rename one.

Names are matched *folded* (:func:`fold_name`: Unicode compatibility form, accents dropped, case folded,
white space collapsed), so a correction of "Zelensky" also catches "ZELENSKY" and "Zelénsky".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

Action = Literal["merge", "reject", "rename"]
EntityType = Literal["person", "organization"]

ACTIONS: tuple[Action, ...] = ("merge", "reject", "rename")
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organization")
#: The longest name a facet keyword keeps (``ignore_above`` of the mapping).
MAX_NAME_LENGTH = 512
MAX_NOTE_LENGTH = 2000


class CorrectionError(ValueError):
    """A correction that cannot be recorded (unknown action or type, empty name, missing target, ...)."""


def fold_name(name: str) -> str:
    """The key two spellings of one name share: NFKD, combining marks dropped, case folded, white space
    collapsed (``"  Zelénsky "`` -> ``"zelensky"``)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True)
class Correction:
    """One recorded correction. ``target`` is the canonical (merge) or new (rename) name, None for a reject.
    ``active`` is False once rolled back (``rolled_back_at`` says when); corrections apply in ``id`` order."""

    id: int
    action: Action
    entity_type: EntityType
    name: str
    target: str | None
    note: str
    created_at: str
    active: bool = True
    rolled_back_at: str | None = None

    def describe(self) -> str:
        """One line for people: ``#3 merge person 'Zelensky' -> 'Volodymyr Zelenskyy'``."""
        arrow = f" -> {self.target!r}" if self.target is not None else ""
        state = "" if self.active else f" (rolled back {self.rolled_back_at or ''})".rstrip()
        return f"#{self.id} {self.action} {self.entity_type} {self.name!r}{arrow}{state}"

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines form (``type`` for ``entity_type``)."""
        return {
            "id": self.id,
            "action": self.action,
            "type": self.entity_type,
            "name": self.name,
            "target": self.target,
            "note": self.note,
            "created_at": self.created_at,
            "active": self.active,
            "rolled_back_at": self.rolled_back_at,
        }


@dataclass(frozen=True)
class CorrectionRequest:
    """A validated correction not yet recorded (no id, no time)."""

    action: Action
    entity_type: EntityType
    name: str
    target: str | None
    note: str = ""


def _clean_name(value: object, label: str) -> str:
    if not isinstance(value, str):
        raise CorrectionError(f"{label} must be text")
    cleaned = " ".join(value.split())
    if not cleaned:
        raise CorrectionError(f"{label} is empty")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise CorrectionError(f"{label} is longer than {MAX_NAME_LENGTH} characters")
    return cleaned


def new_correction(
    action: str, entity_type: str, name: object, target: object = None, note: object = ""
) -> CorrectionRequest:
    """Validate a correction: ``action`` merge|reject|rename, ``entity_type`` person|organization, a non-empty
    ``name``; a ``target`` for merge and rename (another name than ``name``, folded) and none for reject.
    White space inside names is collapsed. Raises :class:`CorrectionError` naming the first problem."""
    if action not in ACTIONS:
        raise CorrectionError(f"action {action!r} is none of {', '.join(ACTIONS)}")
    if entity_type not in ENTITY_TYPES:
        raise CorrectionError(f"type {entity_type!r} is none of {', '.join(ENTITY_TYPES)}")
    cleaned = _clean_name(name, "name")
    cleaned_target: str | None = None
    if action == "reject":
        if target not in (None, ""):
            raise CorrectionError("a reject takes no target")
    else:
        if target in (None, ""):
            raise CorrectionError(f"a {action} needs a target name")
        cleaned_target = _clean_name(target, "target")
        if fold_name(cleaned_target) == fold_name(cleaned) and cleaned_target == cleaned:
            raise CorrectionError(f"target {cleaned_target!r} is the name itself")
    if note is None:
        note = ""
    if not isinstance(note, str):
        raise CorrectionError("note must be text")
    if len(note) > MAX_NOTE_LENGTH:
        raise CorrectionError(f"note is longer than {MAX_NOTE_LENGTH} characters")
    return CorrectionRequest(
        action=action,
        entity_type=entity_type,
        name=cleaned,
        target=cleaned_target,
        note=note,
    )
