"""Person extraction as named stages (issue 19): the declared order, each stage by name, what each main stage
finds or removes in real sentences (the real spaCy model), the corpus-rules switch, and the data files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import indexer.enrich.persons as persons_package
from indexer.enrich.aliases import person_surface_names
from indexer.enrich.cache import EnrichmentCache
from indexer.enrich.enricher import Enricher
from indexer.enrich.mentions import BODY, TITLE, EntitySpan, entity_spans
from indexer.enrich.nlp import load_model
from indexer.enrich.persons import FILTERS, SOURCES, PersonMention, extract_persons, stage_named
from indexer.enrich.persons.alias_table import alias_table_matches
from indexer.enrich.persons.data_files import data_files, header_lines, table, word_list
from indexer.enrich.persons.ner_spans import read_article
from indexer.enrich.pipeline import ArticleText, extract_entities, pipeline_components
from newsarchive.config import Settings

pytestmark = pytest.mark.nlp

LINE_UP = "New Zealand: 15 - Christian Cullen, 14 - Jeff Wilson, 13 - Walter Little, 12 - Frank Bunce"
SCORECARD = "England first innings\nM. Atherton c Inzamam-ul-Haq b Mushtaq Ahmed 31\nN. Hussain lbw b Wasim Akram 12"
LINE_UP_NAMES = {"Jeff Wilson": 1, "Walter Little": 1, "Frank Bunce": 1}
PLAIN = "Vladimir Putin met Joe Biden in Geneva on Wednesday."


def _spans(title: str, body: str) -> list[EntitySpan]:
    nlp = load_model(*pipeline_components())
    return entity_spans(nlp(title), TITLE) + entity_spans(nlp(body), BODY)


def _persons(title: str, body: str, corpus_rules: bool = True) -> dict[str, int]:
    entities = extract_entities(_spans(title, body), (title, body), corpus_rules)
    return dict(entities.persons.counts)


def _persons_without(monkeypatch: pytest.MonkeyPatch, stage: str, title: str, body: str) -> dict[str, int]:
    """The persons of the article with the stage called ``stage`` left out of its list."""
    monkeypatch.setattr(persons_package, "SOURCES", tuple(s for s in SOURCES if s.name != stage))
    monkeypatch.setattr(persons_package, "FILTERS", tuple(s for s in FILTERS if s.name != stage))
    return _persons(title, body)


def test_declared_order() -> None:
    assert [s.name for s in SOURCES] == [
        "ner_spans",
        "shaped_names",
        "scorecards",
        "office_holders",
        "mistagged",
        "split_spans",
        "alias_table",
        "repeated_surnames",
        "list_lines",
        "line_ups",
    ]
    assert [s.name for s in FILTERS] == [
        "results_tables",
        "non_person_context",
        "upper_case",
        "body_first_word",
        "things_and_common_words",
        "overlaps",
    ]
    assert [s.name for s in (*SOURCES, *FILTERS) if s.corpus] == ["scorecards", "line_ups", "results_tables"]


def test_every_stage_is_reachable_by_name_and_says_what_it_does() -> None:
    stages = (*SOURCES, *FILTERS)
    assert len({s.name for s in stages}) == len(stages)
    for stage in stages:
        assert stage_named(stage.name) is stage
        assert len(stage.description) > 40, stage.name
    with pytest.raises(KeyError):
        stage_named("no_such_stage")


@pytest.mark.parametrize(
    ("stage", "title", "body", "with_stage", "without_stage"),
    [
        ("ner_spans", "", PLAIN, {"Vladimir Putin": 1, "Joe Biden": 1}, {}),
        (
            "shaped_names",
            "",
            "4 - Kimiko Sato (Japan) beat Olga Petrenko (Ukraine) 6-2 7-5",
            {"Kimiko Sato": 1, "Olga Petrenko": 1},
            {"Olga Petrenko": 1},
        ),
        (
            "scorecards",
            "",
            SCORECARD,
            {"M. Atherton": 1, "Inzamam-ul-Haq": 1, "Mushtaq Ahmed": 1, "N. Hussain": 1, "Wasim Akram": 1},
            {"M. Atherton": 1, "Mushtaq Ahmed": 1, "N. Hussain": 1, "Wasim Akram": 1},
        ),
        (
            "office_holders",
            "",
            '"We spoke today with Chancellor Scholz about Nord Stream 2," the President said.',
            {"Olaf Scholz": 1},
            {},
        ),
        (
            "mistagged",
            "",
            "US President-elect Donald Trump’s team said they don't comment on private calls. "
            "Trump's spokesman Steven Cheung declined to say more.",
            {"Donald Trump": 2, "Steven Cheung": 1},
            {"Donald Trump": 1, "Steven Cheung": 1},
        ),
        (
            "split_spans",
            "",
            "Member of the National Scout Organization of Ukraine Natalia Strokan said that the year was hard.",
            {"Natalia Strokan": 1},
            {},
        ),
        (
            "alias_table",
            "",
            "They walked the Poltava Way with Volodymyr Zelenskyy.",
            {"Volodymyr Zelenskyy": 1},
            {},
        ),
        (
            "repeated_surnames",
            "DALGLISH SAD OVER RESULT",
            "Kenny Dalglish said he was sad. Dalglish blamed the referee.",
            {"Kenny Dalglish": 3},
            {"Kenny Dalglish": 2},
        ),
        (
            "list_lines",
            "",
            "Leading scores: 70 Tim Herron, Duffy Waldorf, Davis Love, Anders Forsbrand",
            {"Tim Herron": 1, "Duffy Waldorf": 1, "Davis Love": 1, "Anders Forsbrand": 1},
            {"Tim Herron": 1, "Duffy Waldorf": 1, "Davis Love": 1},
        ),
        ("line_ups", "", LINE_UP, LINE_UP_NAMES, {}),
    ],
)
def test_what_each_source_finds(
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
    title: str,
    body: str,
    with_stage: dict[str, int],
    without_stage: dict[str, int],
) -> None:
    assert _persons(title, body) == with_stage
    assert _persons_without(monkeypatch, stage, title, body) == without_stage


@pytest.mark.parametrize(
    ("stage", "title", "body", "with_stage", "without_stage"),
    [
        (
            "results_tables",
            "",
            "Alex Zanardi (Italy), Reynard Honda, 53.980\nJimmy Vasser (U.S.), Reynard Honda, 54.012",
            {"Alex Zanardi": 1, "Jimmy Vasser": 1},
            {"Alex Zanardi": 1, "Reynard Honda": 2, "Jimmy Vasser": 1},
        ),
        (
            "results_tables",
            "",
            "David Sesa (Servette) scored twice and Tomasz Moskal (Slask Wroclaw) once.",
            {"David Sesa": 1, "Tomasz Moskal": 1},
            {"David Sesa": 1, "Servette": 1, "Tomasz Moskal": 1},
        ),
        (
            "non_person_context",
            "",
            "Everton striker Duncan Ferguson scored. Everton won.",
            {"Duncan Ferguson": 1},
            {"Duncan Ferguson": 1, "Everton": 1},
        ),
        (
            "upper_case",
            "DALGLISH SAD OVER RESULT",
            "Kenny Dalglish said he was sad. Dalglish blamed the referee.",
            {"Kenny Dalglish": 3},
            {"Kenny Dalglish": 2},
        ),
        (
            "body_first_word",
            "",
            "The President met President of Transneft Nikolai Tokarev. Transneft Nikolai Tokarev said. "
            "Nikolai Tokarev added.",
            {"Nikolai Tokarev": 3},
            {"Transneft Nikolai Tokarev": 2, "Nikolai Tokarev": 1},
        ),
        (
            "overlaps",
            "",
            "4 - Kimiko Sato (Japan) beat Olga Petrenko (Ukraine) 6-2 7-5",
            {"Kimiko Sato": 1, "Olga Petrenko": 1},
            {"Kimiko Sato": 2, "Olga Petrenko": 2},
        ),
    ],
)
def test_what_each_filter_removes(
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
    title: str,
    body: str,
    with_stage: dict[str, int],
    without_stage: dict[str, int],
) -> None:
    assert _persons(title, body) == with_stage
    assert _persons_without(monkeypatch, stage, title, body) == without_stage


def test_things_and_common_words_filter_on_its_own() -> None:
    body = "Colleagues, Vladimir Putin spoke of a Greater Eurasia and of the Poltava Way."
    article = read_article([], ("", body))
    candidates = [
        PersonMention(name, body.index(name), body.index(name) + len(name), BODY)
        for name in ("Colleagues", "Vladimir Putin", "Greater Eurasia", "Poltava Way")
    ]
    kept = stage_named("things_and_common_words").run(article, candidates)
    assert [m.name for m in kept] == ["Vladimir Putin"]


def test_corpus_rules_off_drops_sports_layouts_only() -> None:
    assert _persons("", LINE_UP, corpus_rules=False) == {}
    assert "Inzamam-ul-Haq" not in _persons("", SCORECARD, corpus_rules=False)
    assert _persons("", PLAIN, corpus_rules=False) == _persons("", PLAIN) == {"Vladimir Putin": 1, "Joe Biden": 1}
    spans = _spans("", LINE_UP)
    assert dict(extract_persons(spans, ("", LINE_UP), corpus_rules=False).counts) == {}
    assert dict(extract_persons(spans, ("", LINE_UP)).counts) == {
        "Jeff Wilson": 1,
        "Walter Little": 1,
        "Frank Bunce": 1,
    }


def test_corpus_rules_switch_reaches_the_enricher_and_its_cache_key(tmp_path: Path) -> None:
    settings = Settings(enrich_corpus_rules=False, cache_dir=tmp_path, enrich_processes=1)
    assert Enricher.from_settings(settings, use_cache=False).corpus_rules is False
    article = ArticleText("Rugby", LINE_UP, "1996-08-30")
    cache = EnrichmentCache(tmp_path / "enrich")
    with Enricher(processes=1, cache=cache) as on:
        assert {p["name"] for p in on.enrich_one(article)["persons"]} == set(LINE_UP_NAMES)
    with Enricher(processes=1, cache=cache, corpus_rules=False) as off:
        assert off._cache_key(article) != on._cache_key(article)
        assert off.enrich_one(article)["persons"] == []  # not the cached result with the rules on
    cache.close()


def test_settings_read_the_switch_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().enrich_corpus_rules is True
    monkeypatch.setenv("NEWSARCHIVE_ENRICH_CORPUS_RULES", "false")
    assert Settings().enrich_corpus_rules is False


def test_data_files_have_headers_and_load() -> None:
    files = data_files()
    assert len(files) >= 10
    for path in files:
        header = header_lines(path)
        assert len(header) >= 3, path.name
        assert header[1].startswith("Source:") and header[2].startswith("Columns:"), path.name
        rows = table(path.stem) if path.suffix == ".tsv" else tuple((item,) for item in word_list(path.stem))
        assert rows, path.name
        assert all(all(cell and cell == cell.strip() for cell in row) for row in rows), path.name
    assert {"kim", "li", "park"} <= word_list("east_asian_surnames")
    assert dict((a, b) for a, b in table("directions")) == {"N": "North", "S": "South", "E": "East", "W": "West"}


@pytest.mark.parametrize(
    "text",
    [
        "Joe Biden-led talks",
        "Joseph R. Biden Jr.'s plan and Joe Biden",
        "(Joe Biden) and -Joe Biden and xJoe Biden",
        "Joe  Biden, Joe\nBiden, JOE BIDEN",
        "Joseph R. Biden Jr.x met Vladimir Vladimirovich Putin",
        "",
    ],
)
def test_alias_table_matcher_finds_what_the_old_pattern_found(text: str) -> None:
    names = sorted({n for n in person_surface_names() if " " in n}, key=len, reverse=True)
    old = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    assert alias_table_matches(text) == [m.span() for m in old.finditer(text)]
