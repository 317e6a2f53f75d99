"""A small hand-written corpus for the web tests, indexed into the real test node behind a throwaway alias.

The documents have the shape the indexer writes (``indexer.documents.build_document``: the enrichment
fields of ``indexer.enrich.types.Enrichment`` plus id, url, source, published and the derived
``speakers``/``speaker_stance``). Tests compute every expected count from :data:`WEB_DOCUMENTS`.
Other web test modules import the ``web_settings`` fixture from here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from elasticsearch import Elasticsearch, helpers

from newsarchive.config import Settings
from newsarchive.mapping import index_body

pytestmark = pytest.mark.es

XSS_TITLE = 'Officials deny <script>alert("x")</script> report & more'
FORMULA_TITLE = "=1+2 numbers of the week"

COUNTRY_NAMES = {
    "RU": "Russia",
    "UA": "Ukraine",
    "US": "United States",
    "CN": "China",
    "DE": "Germany",
}


def statement(
    speaker: str,
    stance: str,
    cue: str,
    evidence: str,
    *,
    content: str | None = None,
    direct: bool = False,
    resolved: bool = True,
    speaker_text: str | None = None,
    speaker_type: str = "person",
    country: str | None = None,
    target: str | None = None,
) -> dict[str, Any]:
    """One attribution (``indexer.enrich.types.Statement``); ``content`` must be part of ``evidence``. Offsets
    are relative to the evidence here; :func:`article` moves them into the article text."""
    content_start = evidence.index(content) if content is not None else None
    return {
        "speaker": speaker,
        "speaker_text": speaker_text if speaker_text is not None else speaker,
        "speaker_type": speaker_type if resolved else "unknown",
        "speaker_country": country,
        "resolved": resolved,
        "stance": stance,
        "cue": cue,
        "content": content,
        "direct": direct,
        "evidence": evidence,
        "start": 0,
        "end": len(evidence),
        "content_start": content_start,
        "content_end": content_start + len(content) if content is not None and content_start is not None else None,
        "target": target,
    }


def _placed(statement: dict[str, Any], text: str) -> dict[str, Any]:
    """``statement`` with its offsets moved to where its evidence stands in ``text`` (kept when absent)."""
    at = text.find(statement["evidence"])
    if at < 0:
        return statement
    moved = {**statement, "start": at, "end": at + len(statement["evidence"])}
    if statement["content_start"] is not None:
        moved["content_start"] = at + statement["content_start"]
        moved["content_end"] = at + statement["content_end"]
    return moved


def article(
    doc_id: str,
    title: str,
    text: str,
    *,
    published: str | None,
    source: str,
    persons: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
    organizations: tuple[str, ...] = (),
    statements: tuple[dict[str, Any], ...] = (),
    dates: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A complete indexed document as the indexer builds it."""
    return {
        "id": doc_id,
        "url": f"https://example.org/news/{doc_id}",
        "source": source,
        "title": title,
        "text": text,
        "published": published,
        "published_source": "metadata" if published else "none",
        "language": "en",
        "content_hash": uuid.uuid5(uuid.NAMESPACE_URL, doc_id).hex,
        "enrichment_version": 1,
        "indexed_at": "2025-01-01T00:00:00+00:00",
        "origin": {"file": "tests/test_web_corpus.py", "line": 1},
        "word_count": len(text.split()),
        "dates": list(dates),
        "persons": [{"name": p, "mentions": 1} for p in persons],
        "countries": [{"code": c, "name": COUNTRY_NAMES[c]} for c in countries],
        "places": [],
        "organizations": [{"name": o, "country": None} for o in organizations],
        "statements": [_placed(s, text) for s in statements],
        "stances": sorted({s["stance"] for s in statements}),
        "speakers": sorted({s["speaker"] for s in statements if s["resolved"]}),
        "speaker_stance": sorted({f"{s['speaker']}|{s['stance']}" for s in statements if s["resolved"]}),
    }


PESKOV_DENIAL = (
    "Kremlin Press Secretary Dmitry Peskov denied that there was any conversation between the two presidents."
)
XSS_QUOTE = "<script>alert('quote')</script> is fake news"
XSS_QUOTE_SENTENCE = f'Jane <Doe> said: "{XSS_QUOTE}."'

WEB_DOCUMENTS: list[dict[str, Any]] = [
    article(
        "kremlin-denies-call",
        "Kremlin denies Putin-Trump phone call took place",
        "On 11 November, the Kremlin officially denied a report of a phone call between Russian President "
        "Vladimir Putin and US President-elect Donald Trump. " + PESKOV_DENIAL + "\n"
        "Ukraine's Foreign Ministry spokesperson Heorhii Tykhyi said reports that Ukraine was informed in "
        "advance were false. Steven Cheung declined to comment on private calls. "
        'Officials said the story was "pure fiction".',
        published="2024-11-11",
        source="Kyiv Independent",
        persons=("Dmitry Peskov", "Vladimir Putin", "Donald Trump", "Heorhii Tykhyi", "Steven Cheung"),
        countries=("RU", "UA", "US"),
        organizations=("Kremlin", "The Washington Post"),
        statements=(
            statement(
                "Dmitry Peskov",
                "denies",
                "denied",
                PESKOV_DENIAL,
                content="there was any conversation between the two presidents",
                speaker_text="Kremlin Press Secretary Dmitry Peskov",
                country="RU",
                target="phone call",
            ),
            statement(
                "Heorhii Tykhyi",
                "denies",
                "said",
                "Ukraine's Foreign Ministry spokesperson Heorhii Tykhyi said reports that Ukraine was informed in "
                "advance were false.",
                content="reports that Ukraine was informed in advance were false",
                country="UA",
                target="reports",
            ),
            statement(
                "Steven Cheung",
                "no_comment",
                "declined to comment",
                "Steven Cheung declined to comment on private calls.",
                country="US",
            ),
            statement(
                "officials",
                "says",
                "said",
                'Officials said the story was "pure fiction".',
                content="pure fiction",
                direct=True,
                resolved=False,
                speaker_text="Officials",
            ),
        ),
        dates=("2024-11-07", "2024-11-11"),
    ),
    article(
        "peskov-confirms-visit",
        "Peskov confirms preparations for a visit",
        "Dmitry Peskov confirmed on Tuesday that preparations for the visit were under way. The visit of "
        'Vladimir Putin is expected in spring. "We are ready for talks," Peskov said.',
        published="2024-10-02",
        source="Wire Service",
        persons=("Dmitry Peskov", "Vladimir Putin"),
        countries=("RU", "CN"),
        organizations=("Kremlin",),
        statements=(
            statement(
                "Dmitry Peskov",
                "confirms",
                "confirmed",
                "Dmitry Peskov confirmed on Tuesday that preparations for the visit were under way.",
                content="preparations for the visit were under way",
                country="RU",
                target="the visit",
            ),
            statement(
                "Dmitry Peskov",
                "says",
                "said",
                '"We are ready for talks," Peskov said.',
                content="We are ready for talks,",
                direct=True,
                speaker_text="Peskov",
                country="RU",
            ),
        ),
        dates=("2024-10-01",),
    ),
    article(
        "peskov-sanctions",
        "Peskov says sanctions will not change course",
        "Dmitry Peskov claimed that Western sanctions would not change the course of Russia. Peskov rejected "
        "the price cap. Olaf Scholz disagreed in Berlin.",
        published="2023-03-15",
        source="Wire Service",
        persons=("Dmitry Peskov", "Olaf Scholz"),
        countries=("RU", "DE"),
        organizations=("European Union",),
        statements=(
            statement(
                "Dmitry Peskov",
                "claims",
                "claimed",
                "Dmitry Peskov claimed that Western sanctions would not change the course of Russia.",
                content="Western sanctions would not change the course of Russia",
                country="RU",
                target="sanctions",
            ),
            statement(
                "Dmitry Peskov",
                "opposes",
                "rejected",
                "Peskov rejected the price cap.",
                speaker_text="Peskov",
                country="RU",
                target="the price cap",
            ),
            statement(
                "Olaf Scholz",
                "opposes",
                "disagreed",
                "Olaf Scholz disagreed in Berlin.",
                country="DE",
                target="sanctions",
            ),
        ),
    ),
    article(
        "zelenskyy-candidate-status",
        "Ukraine has gained the status of a candidate for EU membership",
        "Good evening, great people of our state! Volodymyr Zelenskyy said the decision of the European "
        "Council was historic. The phone call with Olaf Scholz was productive.",
        published="2022-06-23",
        source="president.gov.ua",
        persons=("Volodymyr Zelenskyy", "Olaf Scholz"),
        countries=("UA", "DE"),
        organizations=("European Union", "European Council"),
        statements=(
            statement(
                "Volodymyr Zelenskyy",
                "says",
                "said",
                "Good evening, great people of our state!",
                content="Good evening, great people of our state!",
                direct=True,
                country="UA",
            ),
            statement(
                "Volodymyr Zelenskyy",
                "supports",
                "said",
                "Volodymyr Zelenskyy said the decision of the European Council was historic.",
                content="the decision of the European Council was historic",
                country="UA",
                target="the decision of the European Council",
            ),
        ),
        dates=("2022-06-23",),
    ),
    article(
        "brics-meeting",
        "BRICS+ meeting",
        "Taking part in the BRICS+ meeting were President of the People's Republic of China Xi Jinping and "
        "President of Russia Vladimir Putin. Putin spoke about a phone call with partners.",
        published="2022-06-24",
        source="kremlin.ru",
        persons=("Vladimir Putin", "Xi Jinping"),
        countries=("RU", "CN"),
        organizations=("BRICS",),
    ),
    article(
        "magnitogorsk-collapse",
        "Magnitogorsk apartment building collapses after explosion",
        "An apartment building collapsed in Magnitogorsk, a city in the Ural region of Russia. President "
        "Vladimir Putin was briefed by Yevgeny Zinichev.",
        published="2019-01-04",
        source="Wikinews",
        persons=("Vladimir Putin", "Yevgeny Zinichev"),
        countries=("RU",),
    ),
    article(
        "xss-title",
        XSS_TITLE,
        'The <b>ministry</b> denied the report. Officials said "<img src=x onerror=alert(1)>" was not a quote. '
        + XSS_QUOTE_SENTENCE,
        published="2020-05-05",
        source="Wikinews",
        persons=("Jane <Doe>",),
        countries=("US",),
        statements=(
            statement(
                "Jane <Doe>",
                "denies",
                "denied",
                "The <b>ministry</b> denied the report.",
                content="the report",
                country="US",
                target="the report",
            ),
            statement(
                "Jane <Doe>",
                "says",
                "said",
                XSS_QUOTE_SENTENCE,
                content=XSS_QUOTE,
                direct=True,
                country="US",
            ),
        ),
    ),
    article(
        "formula-title",
        FORMULA_TITLE,
        "A weekly summary of numbers, published as a spreadsheet by the statistics office.",
        published="2021-02-01",
        source="Notes",
        countries=("DE",),
    ),
    article(
        "undated-note",
        "Undated note about a phone call",
        "A short note without a publication date mentions a phone call in Kyiv.",
        published=None,
        source="Notes",
        countries=("UA",),
    ),
]


def names(document: dict[str, Any], field: str) -> list[str]:
    """The entity names of ``field`` (persons, countries, organizations) of a test document."""
    return [item["name"] for item in document[field]]


def index_documents(es: Elasticsearch, settings: Settings, documents: list[dict[str, Any]]) -> str:
    """Create a physical index with the project's mapping behind ``settings.alias`` and load
    ``documents`` (refreshed, searchable on return). Returns the physical index name."""
    index = f"{settings.index_prefix}articles-webtest-{uuid.uuid4().hex[:6]}"
    es.indices.create(index=index, aliases={settings.alias: {}}, **index_body())
    actions = ({"_index": index, "_id": d["id"], "_source": d} for d in documents)
    ok, errors = helpers.bulk(es, actions, refresh="wait_for", raise_on_error=False)
    assert not errors, errors
    assert ok == len(documents)
    return index


@pytest.fixture(scope="session")
def web_settings(es_settings: Settings, es_client: Elasticsearch) -> Iterator[Settings]:
    """Settings whose alias holds :data:`WEB_DOCUMENTS` (session-wide; the pages only read)."""
    # Modules importing this fixture each get their own instance: a prefix of its own keeps them apart.
    prefix = f"{es_settings.index_prefix}web{uuid.uuid4().hex[:6]}-"
    settings = es_settings.model_copy(update={"index_prefix": prefix})
    index = index_documents(es_client, settings, WEB_DOCUMENTS)
    yield settings
    es_client.options(ignore_status=404).indices.delete(index=index)


def test_corpus_is_indexed_whole_behind_the_alias(web_settings: Settings, es_client: Elasticsearch) -> None:
    assert es_client.count(index=web_settings.alias)["count"] == len(WEB_DOCUMENTS)
    assert es_client.indices.exists_alias(name=web_settings.alias)


def test_corpus_documents_have_exactly_the_mapped_fields() -> None:
    from newsarchive.mapping import mapped_fields

    for document in WEB_DOCUMENTS:  # none was read from the web: no provenance
        assert set(document) == mapped_fields() - {"provenance"}, document["id"]
