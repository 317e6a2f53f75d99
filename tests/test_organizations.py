"""Organisations: canonical names, with the country of state bodies (real spaCy model)."""

from __future__ import annotations

import pytest

from indexer.enrich.enricher import Enricher
from indexer.enrich.mentions import BODY, entity_spans
from indexer.enrich.nlp import load_model
from indexer.enrich.pipeline import ArticleText, extract_entities, pipeline_components
from indexer.enrich.resolver import ArticleResolver

pytestmark = pytest.mark.nlp
ENRICHER = Enricher(batch_size=16, processes=1)


def organizations(body: str, title: str = "") -> list[tuple[str, str | None]]:
    result = ENRICHER.enrich_one(ArticleText(title, body, "2024-11-11"))
    return [(o["name"], o["country"]) for o in result["organizations"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one ministry, three ways of writing it
        (
            "Ukraine’s Foreign Ministry denied the report. Later the Ukrainian Foreign Ministry spokesperson "
            "Oleg Nikolenko said the Foreign Ministry had not been informed.",
            [("Foreign Ministry of Ukraine", "UA")],
        ),
        (
            "The Ministry of Foreign Affairs of Ukraine summoned the ambassador.",
            [("Foreign Ministry of Ukraine", "UA")],
        ),
        ("Russia's Defence Ministry said the strikes hit military targets.", [("Defence Ministry of Russia", "RU")]),
        # an acronym that spells another organisation of the article is that organisation
        (
            "Ukraine denied another part of WP's report. The Washington Post cited unnamed sources.",
            [("Washington Post", None)],
        ),
        # well-known organisations have one name; news agencies and papers carry no country
        (
            "Reuters cited AFP and the Associated Press (AP).",
            [("Associated Press", None), ("AFP", None), ("Reuters", None)],
        ),
        (
            "The EU and NATO condemned the attack; the UN Security Council met in New York.",
            [("European Union", None), ("NATO", None), ("UN Security Council", None)],
        ),
        # seats of government are state bodies with their country
        (
            "The Kremlin, the White House and Downing Street issued statements.",
            [("Downing Street", "GB"), ("Kremlin", "RU"), ("White House", "US")],
        ),
        # short forms of a longer name in the article
        (
            "Nancy Pelosi sent the articles to the U.S. Senate. The Senate will hold a trial.",
            [("United States Senate", "US")],
        ),
        # company forms go ("Chrysler Corp" is "Chrysler"); one word that starts a longer name is that name
        (
            "General Motors Corp and Chrysler Corp cut prices, and Ford Motor Co followed. Chrysler said sales "
            "rose; Ford declined to comment.",
            [("Chrysler", None), ("Ford Motor", None), ("General Motors", None)],
        ),
        # central banks and regulators carry their country
        (
            "The Bank of England and the Bundesbank left rates unchanged, the SEC said.",
            [("Bank of England", "GB"), ("Deutsche Bundesbank", "DE"), ("Securities and Exchange Commission", "US")],
        ),
        # people and countries tagged ORG are not organisations
        ("Trump's team said they don't comment. Donald Trump left.", []),
        # state companies from the alias table, with their country; NER's "persons" among them are none
        (
            "Alexei Likhachev said Rosatom and Gazprombank had signed the deal. The state corporations "
            "Gazprom, Rosneft and Naftogaz were not involved.",
            [("Gazprom", "RU"), ("Naftogaz of Ukraine", "UA"), ("Rosneft", "RU")],
        ),
        # nor titles alone; a metonym stays
        (
            "He said Detective Inspector Steven Jones would lead. The Detective Inspector said more, the Kremlin said.",
            [("Kremlin", "RU")],
        ),
    ],
)
def test_organizations(body: str, expected: list[tuple[str, str | None]]) -> None:
    assert organizations(body) == expected


def test_resolver_maps_mentions_to_the_article_entities() -> None:
    body = (
        "On 11 November, the Kremlin officially denied the report of a call between Russian President Vladimir "
        "Putin and Donald Trump. Kremlin Press Secretary Dmitry Peskov said there was no conversation. "
        "Ukraine’s Foreign Ministry refuted another claim."
    )
    nlp = load_model(*pipeline_components())
    entities = extract_entities(entity_spans(nlp(body), BODY), ("", body))
    resolver = ArticleResolver(entities.persons, entities.organizations)
    assert resolver.person("Peskov") == "Dmitry Peskov"
    assert resolver.person("Putin") == "Vladimir Putin"
    assert resolver.person("President Putin’s") == "Vladimir Putin"
    assert resolver.person("the Kremlin") is None
    assert resolver.organization("the Kremlin") == ("Kremlin", "RU")
    assert resolver.organization("the Ukrainian Foreign Ministry") == ("Foreign Ministry of Ukraine", "UA")
    assert resolver.organization("the Foreign Ministry") == ("Foreign Ministry of Ukraine", "UA")
    assert resolver.organization("Dmitry Peskov") is None
