"""Errors of the index lifecycle (setup, re-index, rollback, prune)."""

from __future__ import annotations


class LifecycleError(RuntimeError):
    """The indices or aliases are not in a state the operation can work with; the message says why."""


class OutdatedMappingError(LifecycleError):
    """The live index was built with an older mapping than the code's; ``newsarchive reindex`` migrates it."""

    def __init__(self, index: str, index_version: int, code_version: int) -> None:
        super().__init__(
            f"the live index {index} has mapping version {index_version}, the code has {code_version}: "
            "run `newsarchive reindex` to build an index with the current mapping and switch to it"
        )
        self.index = index
        self.index_version = index_version
        self.code_version = code_version
