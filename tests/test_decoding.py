"""Decoding: any text encoding becomes text (with a warning when not UTF-8), binary files are rejected, and
large files are read in bounded memory with exact line numbers."""

from __future__ import annotations

import codecs
import io
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from indexer.decoding import SAMPLE_BYTES, NotText, TextEncoding, detect_encoding, open_text, split_lines
from indexer.readers import ReadResult, read_file
from indexer.records import RawArticle, RecordError, RecordWarning

CAFE_TXT = "Café society returns to Paris\nLe café de Flore a rouvert ses portes après deux ans de travaux.\n"
EXCEL_CSV = (
    "title,text,source\r\n"
    "“Record” sales in December,\"Prices rose to 12 € a unit – a record, the retailer said.\",Reuters\r\n"
    "Heating costs,\"Households paid 1 200 € more, according to the “Which?” survey.\",AFP\r\n"
)
RUSSIAN_TXT = "Кремль опроверг сообщения о разговоре\nПесков заявил журналистам, что никакого разговора не было.\n"
GREEK_TXT = "Νέα μέτρα για την οικονομία\nΗ κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τα νοικοκυριά.\n"
JAPANESE_TXT = "東京で新しい政策\n政府は新しい経済政策を発表しました。専門家は慎重な見方を示しています。\n"


def _records(path: Path) -> list[ReadResult]:
    return list(read_file(path))


@pytest.mark.parametrize(
    ("name", "text", "data", "codec_note"),
    [
        ("latin1.txt", CAFE_TXT, CAFE_TXT.encode("latin-1"), "decoded as cp1252 (not UTF-8)"),
        ("utf8.txt", CAFE_TXT, CAFE_TXT.encode("utf-8"), None),
        ("utf8-bom.txt", CAFE_TXT, codecs.BOM_UTF8 + CAFE_TXT.encode("utf-8"), None),
        ("utf16le.txt", CAFE_TXT, codecs.BOM_UTF16_LE + CAFE_TXT.encode("utf-16-le"),
         "decoded as utf-16-le (not UTF-8, byte-order mark)"),
        ("utf16be.txt", CAFE_TXT, codecs.BOM_UTF16_BE + CAFE_TXT.encode("utf-16-be"),
         "decoded as utf-16-be (not UTF-8, byte-order mark)"),
        ("utf32le.txt", CAFE_TXT, codecs.BOM_UTF32_LE + CAFE_TXT.encode("utf-32-le"),
         "decoded as utf-32-le (not UTF-8, byte-order mark)"),
        ("utf32be.txt", CAFE_TXT, codecs.BOM_UTF32_BE + CAFE_TXT.encode("utf-32-be"),
         "decoded as utf-32-be (not UTF-8, byte-order mark)"),
        ("utf16le-nobom.txt", CAFE_TXT, CAFE_TXT.encode("utf-16-le"), "decoded as utf-16-le (not UTF-8)"),
        ("russian-1251.txt", RUSSIAN_TXT, RUSSIAN_TXT.encode("cp1251"), "decoded as cp1251 (not UTF-8)"),
        ("greek-1253.txt", GREEK_TXT, GREEK_TXT.encode("cp1253"), "decoded as cp1253 (not UTF-8)"),
        ("japanese-sjis.txt", JAPANESE_TXT, JAPANESE_TXT.encode("shift_jis"), "decoded as cp932 (not UTF-8)"),
    ],
)
def test_txt_in_any_encoding(tmp_path: Path, name: str, text: str, data: bytes, codec_note: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    records = _records(path)
    expected_head = [RecordWarning(str(path), 1, codec_note)] if codec_note else []
    assert records[: len(expected_head)] == expected_head
    (article,) = records[len(expected_head) :]
    assert isinstance(article, RawArticle)
    title, body = text.splitlines()
    assert (article.title, article.body, article.line) == (title, body, 1)


@pytest.mark.parametrize(
    ("name", "data", "note"),
    [
        ("excel-1252.csv", EXCEL_CSV.encode("cp1252"), "decoded as cp1252 (not UTF-8)"),
        ("excel-utf8-bom.csv", codecs.BOM_UTF8 + EXCEL_CSV.encode("utf-8"), None),
        ("excel-utf16le.csv", codecs.BOM_UTF16_LE + EXCEL_CSV.encode("utf-16-le"),
         "decoded as utf-16-le (not UTF-8, byte-order mark)"),
        ("excel-utf16be.csv", codecs.BOM_UTF16_BE + EXCEL_CSV.encode("utf-16-be"),
         "decoded as utf-16-be (not UTF-8, byte-order mark)"),
        ("excel-utf32le.csv", codecs.BOM_UTF32_LE + EXCEL_CSV.encode("utf-32-le"),
         "decoded as utf-32-le (not UTF-8, byte-order mark)"),
    ],
)
def test_csv_exports_in_any_encoding(tmp_path: Path, name: str, data: bytes, note: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    records = _records(path)
    expected_head = [RecordWarning(str(path), 1, note)] if note else []
    assert records[: len(expected_head)] == expected_head
    articles = records[len(expected_head) :]
    assert [(type(r).__name__, r.line) for r in articles] == [("RawArticle", 2), ("RawArticle", 3)]
    first, second = articles
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.title == "“Record” sales in December"
    assert first.body == "Prices rose to 12 € a unit – a record, the retailer said."
    assert (first.source, second.source) == ("Reuters", "AFP")
    assert second.body == "Households paid 1 200 € more, according to the “Which?” survey."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.jsonl", bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
         + bytes(range(256)) * 8, "binary file, not text (NUL bytes, and not UTF-16 or UTF-32 text)"),
        ("archive.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 8,
         "binary file, not text (NUL bytes, and not UTF-16 or UTF-32 text)"),
        ("nul.txt", b"Title\nBody with a \x00 NUL byte and nothing else odd.\n",
         "binary file, not text (NUL bytes, and not UTF-16 or UTF-32 text)"),
        ("noise.jsonl", bytes(range(1, 256)) * 8, "binary file, not text (no text encoding fits its bytes)"),
    ],
)
def test_binary_files_are_one_error(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert _records(path) == [RecordError(str(path), 0, reason)]


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (b"plain ASCII text\n", TextEncoding("utf-8")),
        (codecs.BOM_UTF8 + b"x", TextEncoding("utf-8", 3)),
        (codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), TextEncoding("utf-32-le", 4)),
        (codecs.BOM_UTF16_LE + "x".encode("utf-16-le"), TextEncoding("utf-16-le", 2)),
        ("Grüße aus München".encode("latin-1"), TextEncoding("cp1252", guessed=True)),
        (b"\x00\x01\x02\x03\xff\xfe\xfd", NotText("NUL bytes, and not UTF-16 or UTF-32 text")),
    ],
)
def test_detect_encoding(sample: bytes, expected: TextEncoding | NotText) -> None:
    assert detect_encoding(sample, complete=True) == expected


def test_utf8_sample_cut_inside_a_character_is_still_utf8() -> None:
    sample = "é".encode() * 10
    assert detect_encoding(sample[:-1], complete=False) == TextEncoding("utf-8")
    assert detect_encoding(sample[:-1], complete=True) != TextEncoding("utf-8")


def test_cp1252_after_the_utf8_sample_is_read_with_a_warning_on_its_line(tmp_path: Path) -> None:
    good = json.dumps({"title": "Zürich talks", "text": "Délégués réunis à Zürich.", "url": "https://x.org/a"},
                      ensure_ascii=False).encode() + b"\n"
    count = SAMPLE_BYTES // len(good) + 10
    late = b'{"title": "Caf\xe9 prices", "text": "A caf\xe9 cr\xe8me now costs 4\x80."}\n'
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good * count + late + good)
    records = _records(path)
    assert sum(isinstance(r, RawArticle) for r in records) == count + 2
    index = next(i for i, r in enumerate(records) if isinstance(r, RecordWarning))
    warning, article = records[index], records[index + 1]
    assert warning == RecordWarning(str(path), count + 1, "line is not valid utf-8 (byte 0xe9 at byte 14 of the "
                                                          "line); read those bytes as cp1252")
    assert isinstance(article, RawArticle) and article.line == count + 1
    assert (article.title, article.body) == ("Café prices", "A café crème now costs 4€.")
    assert [r for r in records if isinstance(r, RecordError | RecordWarning)] == [warning]


@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252"])
@pytest.mark.parametrize("chunk_bytes", [1, 3, 4, 7, 64])
def test_split_lines_any_ending_any_chunking(codec: str, chunk_bytes: int) -> None:
    # "ਊ" is U+0A0A: in UTF-16 its bytes look like a line feed out of alignment; "\u2028" is not a line end.
    lines = ["one ਊ\r\n", "two\r", "three\u2028still three\n", "\n", "\r", "\r\n", "last without ending"]
    if codec == "cp1252":
        lines = [line.replace("ਊ", "é").replace("\u2028", "€") for line in lines]
    stream = io.BytesIO("".join(lines).encode(codec))
    got = [raw.decode(codec) for raw in split_lines(stream, codec, chunk_bytes=chunk_bytes)]
    assert got == lines


def test_open_text_names_binary_files_and_skips_the_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF16_BE + "title,text\r\nA,b\r\n".encode("utf-16-be"))
    with open_text(path) as text:
        assert not isinstance(text, RecordError)
        assert [(line.number, line.text) for line in text.lines()] == [(1, "title,text\r\n"), (2, "A,b\r\n")]


def _write_large(path: Path, target_bytes: int) -> int:
    paragraph = ("The finance ministry said on Tuesday that inflation slowed to 2.4% in November, the lowest "
                 "in three years, while unions called for talks on wages. ") * 8
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        if path.suffix == ".csv":
            out.write("id,title,text,url\n")
        while out.tell() < target_bytes:
            if path.suffix == ".csv":
                out.write(f'wire-{rows},"Inflation slows, report {rows}","{paragraph}\nSecond paragraph.",'
                          f"https://example.org/{rows}\n")
            else:
                out.write(json.dumps({"id": f"wire-{rows}", "title": f"Inflation slows, report {rows}",
                                      "text": paragraph, "url": f"https://example.org/{rows}"}) + "\n")
            rows += 1
    return rows


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_large_file_is_read_in_bounded_memory(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"wire{suffix}"
    rows = _write_large(path, 50 * 2**20)
    size = path.stat().st_size
    started = time.monotonic()
    tracemalloc.start()
    try:
        count = 0
        last_line = 0
        for record in read_file(path):
            assert isinstance(record, RawArticle), record
            count += 1
            last_line = record.line
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    print(f"{suffix}: {size / 2**20:.1f} MB file, {count} records, peak traced memory {peak / 2**20:.2f} MB, "
          f"{elapsed:.1f} s")
    assert count == rows
    # CSV rows span two lines each: the last one starts on line 2 * rows (the header is line 1).
    assert last_line == (2 * rows if suffix == ".csv" else rows)
    assert size > 50 * 2**20 and peak < 10 * 2**20
