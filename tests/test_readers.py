"""Readers: every record becomes an article or an error naming file, line and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.readers import iter_records, read_file, record_from_mapping, title_from_body
from indexer.records import RawArticle, RecordError, RecordWarning
from newsarchive.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_txt_first_line_is_title(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "\nKremlin denies call\nFirst paragraph.\nSecond paragraph.\n")
    (article,) = list(read_file(path))
    assert isinstance(article, RawArticle)
    assert article.title == "Kremlin denies call"
    assert (article.body, article.line) == ("First paragraph.\nSecond paragraph.", 2)


def test_jsonl_bad_line_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    good = {"title": "One", "text": "Body one.", "published": "2024-11-11", "url": "https://example.org/1"}
    path = _write(tmp_path / "a.jsonl", json.dumps(good) + "\n{not json\n\n" + json.dumps({**good, "title": "Two"}))
    records = list(read_file(path))
    assert [type(r).__name__ for r in records] == ["RawArticle", "RecordError", "RawArticle"]
    error = records[1]
    assert isinstance(error, RecordError)
    assert error.line == 2 and error.file == str(path) and "invalid JSON" in error.reason
    assert error.message().startswith(f"{path}:2: invalid JSON")


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "No body"}, "no article text"),
        ({"title": "Empty body", "text": "   "}, "no article text"),
        ({"title": "Bad type", "text": ["a", "list"]}, "field 'text' must be a string"),
        (["not", "an", "object"], "expected a JSON object, got list"),
    ],
)
def test_jsonl_invalid_records(tmp_path: Path, record: object, reason: str) -> None:
    path = _write(tmp_path / "a.jsonl", json.dumps(record) + "\n")
    (error,) = list(read_file(path))
    assert isinstance(error, RecordError) and reason in error.reason and error.line == 1


def test_field_aliases_of_the_sample_csvs(tmp_path: Path) -> None:
    text = (
        "link,headline,date,summary,body\n"
        'https://x.org/a,"Head, line",2022-06-24T17:30:00Z,Lead.,"Body\nover two lines"\n'
    )
    path = _write(tmp_path / "press.csv", text)
    (article,) = list(read_file(path))
    assert isinstance(article, RawArticle)
    assert article.title == "Head, line"
    assert article.body == "Lead.\n\nBody\nover two lines"
    assert (article.published, article.url, article.line) == ("2022-06-24T17:30:00Z", "https://x.org/a", 2)


def test_csv_rows_keep_their_start_line_and_bad_rows_are_reported(tmp_path: Path) -> None:
    text = 'title,text\nA,"multi\nline"\nB,b,extra\nC,c\n'
    records = list(read_file(_write(tmp_path / "a.csv", text)))
    assert [(type(r).__name__, r.line) for r in records] == [("RawArticle", 2), ("RecordError", 4), ("RawArticle", 5)]
    assert isinstance(records[1], RecordError) and "3 fields, header has 2" in records[1].reason


def test_csv_without_body_column(tmp_path: Path) -> None:
    (error,) = list(read_file(_write(tmp_path / "a.csv", "title,author\nA,B\n")))
    assert isinstance(error, RecordError) and "no body column" in error.reason and error.line == 1


def test_text_that_is_not_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "Crème brûlée for the Élysée\nThe chef’s recipe, from 1962.\n".encode("cp1252"))
    records = list(read_file(path))
    assert records == [
        RecordWarning(str(path), 1, "decoded as cp1252 (not UTF-8)"),
        RawArticle(str(path), 1, "Crème brûlée for the Élysée", "The chef’s recipe, from 1962."),
    ]


BODY = "The minister said the talks would resume in Geneva next week."


@pytest.mark.parametrize(
    ("fields", "warnings", "expected"),
    [
        ({"url": {"a": 1}}, ["field 'url' must be a string, got dict (indexed without it)"], {"url": None}),
        ({"url": ["x"], "link": "https://x.org/a"}, ["field 'url' must be a string, got list (indexed without it)"],
         {"url": "https://x.org/a"}),
        ({"source": [1]}, ["field 'source' must be a string, got list (indexed without it)"], {"source": None}),
        ({"published": {}, "date": "2024-11-11"},
         ["field 'published' must be a string, got dict (indexed without it)"], {"published": "2024-11-11"}),
        ({"title": {"en": "Talks resume"}}, ["field 'title' must be a string, got dict (indexed without it)"],
         {"title": "The minister said the talks would resume in Geneva next week."}),
        ({"title": ["x"], "headline": "Talks resume"},
         ["field 'title' must be a string, got list (indexed without it)"], {"title": "Talks resume"}),
        ({"id": [7], "url": "https://x.org/b"}, ["field 'id' must be a string, got list (indexed without it)"],
         {"id": None, "url": "https://x.org/b"}),
        ({"summary": {"p": 1}, "source": {"name": "AFP"}},
         ["field 'summary' must be a string, got dict (indexed without it)",
          "field 'source' must be a string, got dict (indexed without it)"], {"body": BODY, "source": None}),
        ({"id": 42, "title": 3.5}, [], {"id": "42", "title": "3.5"}),
    ],
)
def test_a_bad_optional_field_keeps_the_article(
    tmp_path: Path, fields: dict[str, object], warnings: list[str], expected: dict[str, object]
) -> None:
    path = _write(tmp_path / "a.jsonl", json.dumps({"title": "Talks resume", "text": BODY, **fields}) + "\n")
    records = list(read_file(path))
    assert records[:-1] == [RecordWarning(str(path), 1, reason) for reason in warnings]
    article = records[-1]
    assert isinstance(article, RawArticle) and article.line == 1 and article.body == BODY
    assert {name: getattr(article, name) for name in expected} == expected


def test_bad_field_in_a_json_array_names_the_element(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.json", json.dumps([{"text": "a"}, {"text": "b", "url": 5.5, "source": {"x": 1}}]))
    records = list(read_file(path))
    assert [type(r).__name__ for r in records] == ["RawArticle", "RecordWarning", "RawArticle"]
    assert records[1] == RecordWarning(str(path), 2, "array element 2: field 'source' must be a string, got dict "
                                                     "(indexed without it)")
    assert isinstance(records[2], RawArticle) and (records[2].url, records[2].source) == ("5.5", None)


def test_record_from_mapping_returns_warnings_then_one_record() -> None:
    results = record_from_mapping({"text": BODY, "url": None, "link": {"href": "x"}}, "f.jsonl", 3, raw="{...}")
    assert results[0] == RecordWarning("f.jsonl", 3, "field 'link' must be a string, got dict (indexed without it)")
    assert isinstance(results[1], RawArticle) and results[1].url is None and len(results) == 2
    rejected = record_from_mapping({"title": {"x": 1}, "text": {"y": 2}}, "f.jsonl", 4)
    assert rejected == [RecordError("f.jsonl", 4, "field 'text' must be a string, got dict")]


def test_csv_rows_over_several_lines_keep_their_start_line_with_crlf(tmp_path: Path) -> None:
    text = ('title,text,url\r\n'
            'Talks resume,"First paragraph.\r\n\r\nSecond paragraph.",https://x.org/1\r\n'
            '"Storm, then floods","One line.",https://x.org/2\r\n'
            'Third,"Body\nwith a bare LF\nand another",https://x.org/3\r\n'
            'Fourth,Last.,https://x.org/4')
    records = list(read_file(_write(tmp_path / "a.csv", text.encode("utf-8"))))
    assert [(type(r).__name__, r.line) for r in records] == [("RawArticle", 2), ("RawArticle", 5),
                                                             ("RawArticle", 6), ("RawArticle", 9)]
    assert isinstance(records[0], RawArticle) and records[0].body == "First paragraph.\r\n\r\nSecond paragraph."
    assert isinstance(records[3], RawArticle) and records[3].url == "https://x.org/4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A pretty-printed object is one record.
        ('\n{\n  "title": "One",\n  "text": "Body one."\n}\n', [("RawArticle", 1)]),
        # JSON Lines in a .json file are streamed, with a bad line named.
        ('{"title": "One", "text": "a"}\n\n{broken\n{"title": "Two", "text": "b"}\n',
         [("RawArticle", 1), ("RecordError", 3), ("RawArticle", 4)]),
        # A first line that is not JSON on its own, and no JSON document either: JSON Lines with errors.
        ('{"title": "One",\n{"title": "Two", "text": "b"}\n', [("RecordError", 1), ("RawArticle", 2)]),
        # An array broken on its third line.
        ('\n[{"title": "One", "text": "a"},\n  {"title": }]\n', [("RecordError", 3)]),
    ],
)
def test_json_documents_and_json_lines(tmp_path: Path, text: str, expected: list[tuple[str, int]]) -> None:
    records = list(read_file(_write(tmp_path / "a.json", text)))
    assert [(type(r).__name__, r.line) for r in records] == expected


def test_json_array_names_the_element(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.json", json.dumps([{"title": "A", "text": "a"}, {"title": "B"}]))
    records = list(read_file(path))
    assert isinstance(records[0], RawArticle)
    assert isinstance(records[1], RecordError) and records[1].reason.startswith("array element 2:")


def test_missing_paths_and_unsupported_files_are_errors(tmp_path: Path) -> None:
    odd = _write(tmp_path / "notes.docx", "x")
    records = list(iter_records([tmp_path / "missing.jsonl", odd]))
    assert [r.reason for r in records if isinstance(r, RecordError)] == [
        "no such file or folder",
        "unsupported file type '.docx'; expected one of .txt, .jsonl, .json, .csv, .html, .htm, .warc, .warc.gz, "
        ".rss, .atom, .xml",
    ]


def test_missing_title_falls_back_to_first_sentence() -> None:
    assert title_from_body("Russia should move away from ultimatums. We need a compromise.") == (
        "Russia should move away from ultimatums."
    )
    long = "word " * 60
    assert title_from_body(long).endswith("…") and len(title_from_body(long)) <= 121


def test_all_seeds_are_readable() -> None:
    records = list(iter_records([SEEDS]))
    errors = [r.message() for r in records if isinstance(r, RecordError)]
    assert errors == []
    assert len(records) == 2092
    reference = next(
        r for r in records if isinstance(r, RawArticle) and r.title.startswith("Kremlin denies Putin-Trump")
    )
    assert reference.published == "2024-11-11"
