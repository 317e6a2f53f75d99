"""Reading the entity tables and word lists under ``indexer/enrich/data/``.

Each table is a UTF-8 tab-separated file: ``#`` lines first (what the table holds, where it came from, its
columns), then one line of column names, then one row per line. A cell that holds a list separates its items
with " | ". The modules that use a table (:mod:`~indexer.enrich.aliases`, :mod:`~indexer.enrich.geo`,
:mod:`~indexer.enrich.seats`, ...) read it through :func:`read_table` and derive their look-ups from the rows.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


class TableError(ValueError):
    """A data file that does not have its header, its columns or a well-formed row."""


@cache
def read_table(name: str, columns: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The rows of data file ``name`` (each a tuple of ``len(columns)`` cells, in file order).

    Raises :class:`TableError` when the file has no ``#`` header, when its column line is not ``columns``,
    or when a row has another number of cells or an empty first cell.
    """
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    if not table_header(name):
        raise TableError(f"{name}: no '#' header saying what the table holds")
    body = [line for line in lines if line and not line.startswith("#")]
    if not body or tuple(body[0].split("\t")) != columns:
        raise TableError(f"{name}: columns are not {columns}")
    rows = []
    for number, line in enumerate(body[1:], start=2):
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != len(columns) or not cells[0]:
            raise TableError(f"{name}: row {number} is not {len(columns)} cells: {line!r}")
        rows.append(cells)
    return tuple(rows)


def table_header(name: str) -> list[str]:
    """The ``#`` lines at the top of data file ``name``, without the ``#`` (empty when it has none)."""
    header = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:].strip())
    return header


def split_cell(cell: str) -> list[str]:
    """The items of a list cell ("a | b" -> ["a", "b"]); an empty cell has none."""
    return [item.strip() for item in cell.split("|") if item.strip()]


def data_files() -> list[str]:
    """The names of all data files, sorted."""
    return sorted(path.name for path in DATA_DIR.glob("*.tsv"))
