"""Names of the physical articles indices: ``<prefix>articles-v<mapping version>-<UTC timestamp>``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from newsarchive.config import Settings
from newsarchive.mapping import MAPPING_VERSION

_TIMESTAMP_FORMAT = "%Y%m%d%H%M%S%f"


@dataclass(frozen=True)
class IndexName:
    """A parsed physical index name."""

    name: str
    mapping_version: int
    timestamp: str  # UTC, %Y%m%d%H%M%S%f: sorts like the creation time


def physical_index_name(settings: Settings, now: datetime | None = None) -> str:
    """A new physical index name for the code's mapping version, stamped with ``now`` (UTC, microseconds)."""
    stamp = (now or datetime.now(UTC)).strftime(_TIMESTAMP_FORMAT)
    return f"{settings.index_prefix}articles-v{MAPPING_VERSION}-{stamp}"


def physical_index_pattern(settings: Settings) -> str:
    """Wildcard for every physical index of this prefix (filter matches with :func:`parse_index_name`)."""
    return f"{settings.index_prefix}articles-v*"


def parse_index_name(settings: Settings, name: str) -> IndexName | None:
    """Parse ``name`` as a physical index of this prefix; None when it is not one (other prefix, alias)."""
    match = re.fullmatch(rf"{re.escape(settings.index_prefix)}articles-v(\d+)-(\d{{20}})", name)
    if match is None:
        return None
    return IndexName(name=name, mapping_version=int(match.group(1)), timestamp=match.group(2))
