"""Countries and places an article refers to, from real news sentences (real spaCy model)."""

from __future__ import annotations

import pytest

from indexer.enrich import geo
from indexer.enrich.enricher import Enricher
from indexer.enrich.pipeline import ArticleText

pytestmark = pytest.mark.nlp
ENRICHER = Enricher(batch_size=16, processes=1)


def countries_and_places(body: str) -> tuple[list[str], list[tuple[str, str | None]]]:
    result = ENRICHER.enrich_one(ArticleText("", body, "2024-11-11"))
    return [c["code"] for c in result["countries"]], [(p["name"], p["country"]) for p in result["places"]]


@pytest.mark.parametrize(
    ("body", "codes", "places"),
    [
        # names, short forms and demonyms
        (
            "The U.S. and the UK imposed sanctions on Iran. Britain said Tehran must comply.",
            ["GB", "IR", "US"],
            [("Tehran", "IR")],
        ),
        (
            "Russian troops shelled Kharkiv and Odesa, Ukrainian officials said. British and American diplomats "
            "protested.",
            ["GB", "RU", "UA", "US"],
            [("Kharkiv", "UA"), ("Odesa", "UA")],
        ),
        # seats of government stand for the state, also where NER tags nothing
        ("The Kremlin, the White House and Downing Street issued statements.", ["GB", "RU", "US"], []),
        # an organisation's name does not leak a country
        ("The Washington Post reported the call, citing officials. The New York Times did not confirm it.", [], []),
        # supranational bodies and continents are not countries; a city is a place, not a country
        ("The EU and NATO condemned the attack; the UN Security Council met in New York.", [], [("New York", "US")]),
        ("Leaders from Europe, Africa and Asia met in the Middle East.", [], []),
        # a state body carries its country
        ("Ukraine’s Foreign Ministry denied the report.", ["UA"], []),
        # a person named like a country is not the country
        ("The film by Neil Jordan opened on Friday. Jordan said he was pleased.", [], []),
    ],
)
def test_countries_and_places(body: str, codes: list[str], places: list[tuple[str, str | None]]) -> None:
    assert countries_and_places(body) == (codes, places)


def test_country_names_are_the_usual_ones() -> None:
    result = ENRICHER.enrich_one(ArticleText("", "Russia, Ukraine, the US and South Korea met.", None))
    assert result["countries"] == [
        {"code": "KR", "name": "South Korea"},
        {"code": "RU", "name": "Russia"},
        {"code": "UA", "name": "Ukraine"},
        {"code": "US", "name": "United States"},
    ]


@pytest.mark.parametrize(
    ("mention", "code"),
    [
        ("U.S.", "US"), ("USA", "US"), ("Americans", "US"), ("Britain", "GB"), ("British", "GB"),
        ("Ukrainian", "UA"), ("Ukraine’s", "UA"), ("the Kremlin", "RU"), ("Downing Street", "GB"),
        ("Russian Federation", "RU"), ("Türkiye", "TR"), ("Côte d'Ivoire", "CI"),
        ("EU", None), ("NATO", None), ("Europe", None), ("us", None), ("Washington Post", None),
    ],
)  # fmt: skip
def test_country_code(mention: str, code: str | None) -> None:
    assert geo.country_code(mention) == code
