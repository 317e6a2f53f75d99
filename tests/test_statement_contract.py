"""Issue 18's statement contract: the shape of every statement, the stance words of plain reports, and the
article fields derived from statements (pure functions; sentences written in the style of news)."""

from __future__ import annotations

from typing import Any, get_type_hints

import pytest

from indexer.enrich.pipeline import ArticleText, enrich_texts
from indexer.enrich.stance_content import content_stance
from indexer.enrich.types import STANCE_BEARING, STANCES, Statement
from indexer.statement_fields import statement_fields


@pytest.mark.parametrize(("content", "stance"), [
    # thanks, praise, welcome: first person, or he/she/they of reported speech
    ("I am very grateful for the clear signal from our partners", "supports"),
    ("We would like to thank the people of Poland", "supports"),
    ("she was impressed with the speed of the reforms", "supports"),
    ("Thank you for giving us the opportunity to sign them", "supports"),
    ("our deepest sympathies go to the family", "supports"),
    # condemnation
    ("we strongly condemn the shelling of Kharkiv", "opposes"),
    ("the decision is unacceptable", "opposes"),
    ("Paris is mourning after this appalling attack", "opposes"),
    # negated or absent: no stance
    ("we do not support this plan", None),
    ("We are not grateful for the delay", None),
    ("the talks will continue next week", None),
    ("he would welcome", "supports"),
    ("", None),
])
def test_content_stance(content: str, stance: str | None) -> None:
    assert content_stance(content) == stance


def test_stances_end_with_says() -> None:
    assert STANCES[-1] == "says"
    assert "says" not in STANCE_BEARING and len(STANCE_BEARING) == 6


def _statement(speaker: str, stance: str, resolved: bool = True) -> dict[str, Any]:
    return {"speaker": speaker, "stance": stance, "resolved": resolved}


def test_statement_fields_keep_unresolved_speakers_out_of_the_facets() -> None:
    fields = statement_fields([
        _statement("Dmitry Peskov", "denies"),
        _statement("Dmitry Peskov", "says"),
        _statement("officials", "says", resolved=False),
        _statement("Kremlin", "supports"),
    ])
    assert fields == {
        "stances": ["denies", "says", "supports"],
        "speakers": ["Dmitry Peskov", "Kremlin"],
        "speaker_stance": ["Dmitry Peskov|denies", "Dmitry Peskov|says", "Kremlin|supports"],
    }


def test_statements_stored_before_issue_18_count_as_resolved() -> None:
    assert statement_fields([{"speaker": "Kremlin", "stance": "denies"}])["speakers"] == ["Kremlin"]


@pytest.mark.nlp
def test_every_statement_has_the_contract_shape() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said on Monday that “there was no conversation”. "
        "Officials said the talks would resume. Ukraine's Foreign Ministry denied the report. "
        "The spokesman added that the Kremlin does not comment on rumours."
    )
    (result,) = enrich_texts([ArticleText("Kremlin denies call", text)], batch_size=2)
    assert not isinstance(result, str)
    statements = result["statements"]
    assert statements
    keys = set(get_type_hints(Statement))
    for statement in statements:
        assert set(statement) == keys
        assert text[statement["start"]:statement["end"]] == statement["evidence"]
        if statement["content"] is not None:
            assert text[statement["content_start"]:statement["content_end"]] == statement["content"]
        assert statement["stance"] in STANCES
        assert (statement["target"] is None) or statement["stance"] != "says"
        assert statement["resolved"] or statement["speaker_type"] == "unknown"
    by_speaker = {(s["speaker"], s["stance"]) for s in statements}
    assert ("Dmitry Peskov", "denies") in by_speaker
    assert ("Foreign Ministry of Ukraine", "denies") in by_speaker
    assert ("Officials", "says") in by_speaker
    direct = [s for s in statements if s["direct"]]
    assert [s["content"] for s in direct] == ["there was no conversation"]
    assert result["stances"] == sorted({s["stance"] for s in statements})


def test_statement_units_setting_reaches_the_enricher_and_its_cache_key(tmp_path: Any) -> None:
    from indexer.enrich.enricher import Enricher
    from newsarchive.config import Settings

    assert Settings().enrich_statements == "speech"
    settings = Settings(enrich_statements="stance", cache_dir=tmp_path, enrich_processes=1)
    cheap = Enricher.from_settings(settings, use_cache=False)
    default = Enricher(processes=1)
    assert cheap.statement_units == "stance" and default.statement_units == "speech"
    article = ArticleText("Title", "Dmitry Peskov said the meeting would take place in Moscow.")
    assert cheap._cache_key(article) != default._cache_key(article)


@pytest.mark.nlp
def test_stance_units_find_plain_reports_only_beside_a_stance_cue() -> None:
    text = ("Dmitry Peskov said the meeting would take place in Moscow. "
            "Ukraine's Foreign Ministry denied the report.")
    (every,) = enrich_texts([ArticleText("T", text)], batch_size=2)
    (cheap,) = enrich_texts([ArticleText("T", text)], batch_size=2, statement_units="stance")
    assert not isinstance(every, str) and not isinstance(cheap, str)
    assert {(s["speaker"], s["stance"]) for s in every["statements"]} == {
        ("Dmitry Peskov", "says"), ("Foreign Ministry of Ukraine", "denies")}
    assert {(s["speaker"], s["stance"]) for s in cheap["statements"]} == {("Foreign Ministry of Ukraine", "denies")}


@pytest.mark.nlp
@pytest.mark.parametrize(("text", "content"), [
    # a cue's topic is its content when it has no clause or quote
    ("Vladimir Putin informed his counterpart about the progress of talks.", "the progress of talks"),
    ("Volodymyr Zelenskyy reported on the work of the ministry.", "the work of the ministry"),
    # when and where are no topic: without content a plain report is no statement
    ("Dmitry Peskov said on Monday.", None),
    ("Dmitry Peskov told the head of the ministry.", None),
])
def test_topic_as_content(text: str, content: str | None) -> None:
    (result,) = enrich_texts([ArticleText("T", text)], batch_size=2)
    assert not isinstance(result, str)
    assert [s["content"] for s in result["statements"]] == ([content] if content else [])


@pytest.mark.nlp
def test_content_starts_after_that() -> None:
    text = "Vladimir Putin noted that Russia is taking measures against sanctions."
    (result,) = enrich_texts([ArticleText("T", text)], batch_size=2)
    assert not isinstance(result, str)
    (statement,) = result["statements"]
    assert statement["content"] == "Russia is taking measures against sanctions"
    assert text[statement["content_start"]:statement["content_end"]] == statement["content"]
