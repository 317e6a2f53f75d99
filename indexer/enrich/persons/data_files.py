"""The word lists and tables of person extraction, read from ``data/`` next to this module (cached).

Every data file starts with ``#`` header lines (what it holds, where it came from, its columns); a ``.txt``
file holds one item per line, a ``.tsv`` file one tab-separated row per line. Blank lines are skipped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: The folder of the data files.
DATA_DIR = Path(__file__).parent / "data"


def data_files() -> list[Path]:
    """Every data file of the package (``.txt`` and ``.tsv``), sorted by name."""
    return sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".txt", ".tsv"))


def header_lines(path: Path) -> list[str]:
    """The ``#`` lines a data file starts with, without the ``#`` and surrounding spaces."""
    header: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("#").strip())
    return header


def _rows(path: Path) -> list[str]:
    """The data lines of a file: no header or other ``#`` lines, no blank lines, no trailing whitespace."""
    lines = (line.rstrip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@cache
def word_list(name: str) -> frozenset[str]:
    """The items of ``data/<name>.txt``, one per line, as written (raises ``FileNotFoundError``)."""
    return frozenset(_rows(DATA_DIR / f"{name}.txt"))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/<name>.tsv``, each split at tabs, in file order (raises ``FileNotFoundError``)."""
    return tuple(tuple(line.split("\t")) for line in _rows(DATA_DIR / f"{name}.tsv"))
