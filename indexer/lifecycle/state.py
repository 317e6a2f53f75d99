"""The on-disk state of an unfinished re-index, so ``newsarchive reindex --resume`` can continue it.

One JSON file per read alias under ``<data_dir>/store``, replaced atomically (write, fsync, rename) at every
checkpoint. A lock file next to it keeps two re-indexes of the same alias from running at once.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from indexer.lifecycle.errors import LifecycleError
from newsarchive.config import Settings


@dataclass
class ReindexState:
    """Where an unfinished re-index stands.

    ``target``: the new physical index being loaded (never live while this state exists).
    ``enrichment_version``: with ``only_outdated``, documents below it are enriched again.
    ``phase``: ``enrich`` (re-running NLP into the store), ``load`` (copying the store into ``target``).
    ``enrich_after_id`` / ``load_after_id``: every id up to and including it is done in that phase.
    ``seq``: store write sequence the load has caught up to (writes after it are copied before the swap).
    ``failed_ids``: documents Elasticsearch refused; sent again on resume.
    """

    target: str | None = None
    phase: str = "load"
    re_enrich: bool = False
    only_outdated: bool = False
    enrichment_version: int | None = None
    enrich_after_id: str | None = None
    load_after_id: str | None = None
    seq: int = 0
    failed_ids: list[str] = field(default_factory=list)
    started_at: str = ""


def state_path(settings: Settings) -> Path:
    """The state file of re-indexes behind this settings' read alias."""
    return settings.data_dir / "store" / f"reindex-{settings.alias}.json"


def load_state(settings: Settings) -> ReindexState | None:
    """The saved state, or None when no re-index is unfinished. A corrupt file is a LifecycleError."""
    path = state_path(settings)
    if not path.exists():
        return None
    try:
        return ReindexState(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise LifecycleError(f"{path}: unreadable re-index state ({error}); delete it to start over") from error


def save_state(settings: Settings, state: ReindexState) -> None:
    """Write ``state`` atomically (a crash leaves either the old or the new file)."""
    path = state_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(dataclasses.asdict(state), handle)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def clear_state(settings: Settings) -> None:
    """Forget the unfinished re-index (after it finished, or was abandoned)."""
    state_path(settings).unlink(missing_ok=True)


@contextmanager
def reindex_lock(settings: Settings) -> Iterator[None]:
    """Hold the re-index lock of this alias; LifecycleError at once if another process holds it."""
    path = state_path(settings).with_suffix(".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise LifecycleError(f"another re-index of {settings.alias} is running (lock {path})") from error
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
