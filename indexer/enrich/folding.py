"""The one folding of names for table look-ups: lower case, no accents, straight apostrophes, no leading "the".

:func:`fold` is what every table of the enrichment is keyed by (``geo.fold`` and ``aliases.fold_name`` are
this function); ``join_dots`` also writes initials and abbreviations one way ("U. S." and "U.S." -> "u.s.",
"J. R. R. Tolkien" -> "j.r.r.tolkien"), for the alias tables of persons and organisations.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def fold_uncached(text: str, *, join_dots: bool = False) -> str:
    """``text`` lower case, without accents, with straight apostrophes (’ ‘ -> '), without surrounding
    spaces or a leading "the ", inner spaces single; with ``join_dots`` no space after a dot either.

    Uncached, for building tables: the gazetteer's 130,000 one-off names would evict from :func:`fold`'s
    cache the names articles repeat.
    """
    if text.isascii():  # nothing to normalise (the gazetteer's 100,000 alternate names are ASCII)
        text = text.lower().strip()
    else:
        text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    if text.startswith("the "):
        text = text[4:]
    if join_dots:
        return " ".join(text.replace(".", ". ").split()).replace(". ", ".")
    return " ".join(text.split())


@lru_cache(maxsize=131072)
def fold(text: str, *, join_dots: bool = False) -> str:
    """:func:`fold_uncached`, cached (articles look the same names up many times)."""
    return fold_uncached(text, join_dots=join_dots)
