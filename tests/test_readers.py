"""Readers: every record becomes an article or an error naming file, line and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.readers import iter_records, read_file, title_from_body
from indexer.records import RawArticle, RecordError
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


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    (error,) = list(read_file(_write(tmp_path / "a.txt", b"Title\nok line\nbad \xff byte\n")))
    assert isinstance(error, RecordError) and error.line == 3 and "not valid UTF-8" in error.reason


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
        "unsupported file type '.docx'; expected one of .txt, .jsonl, .json, .csv",
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
