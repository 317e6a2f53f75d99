"""Turn the bytes of an input file into numbered lines of text, whatever the encoding, in bounded memory.

How the encoding is chosen, from a leading sample of the file (:data:`SAMPLE_BYTES`, 1 MiB):

1. A byte-order mark decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE. The mark is never part of the text.
2. Without one, a sample holding NUL bytes is UTF-16 or UTF-32 if charset-normalizer finds one of those,
   else the file is binary, not text.
3. A sample that decodes as UTF-8 is UTF-8 (pure ASCII included).
4. Otherwise windows-1252 (cp1252, what Excel and Windows tools write in Western locales) when
   charset-normalizer finds it plausible (it decodes and its mess ratio stays under the library's threshold),
   else charset-normalizer's best guess (Cyrillic, Greek, East Asian code pages...). No guess at all: binary.
   Short samples are ambiguous between the Western single-byte code pages; cp1252 wins that tie, so a
   Central European (cp1250) or Turkish (cp1254) file may be misread: the warning below names the codec used.

A file not read as UTF-8 or ASCII gets one :class:`RecordWarning` on line 1, ``decoded as cp1252 (not
UTF-8)``. A file that is not text gets a :class:`RecordError` on line 0, ``binary file, not text (...)``.

Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (counted in the file's own code units, so UTF-16 works) and keep
their ending. The file is read in chunks: memory holds one chunk plus the longest line, never the file.
The sample may not be representative: when a later line holds bytes the chosen codec cannot decode (say a
cp1252 "é" in a file whose first MiB was valid UTF-8), that line is still read, never dropped: the offending
bytes are read as cp1252 (Latin-1 for the five bytes cp1252 leaves undefined) for single-byte-unit codecs,
replaced by U+FFFD for UTF-16/UTF-32, and a :class:`RecordWarning` names the line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from indexer.records import RecordError, RecordWarning

SAMPLE_BYTES = 1 << 20
CHUNK_BYTES = 1 << 16

# Longest marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
WIDE_CODECS = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
WESTERN_DEFAULT = "cp1252"
_FALLBACK_ERRORS = "indexer-cp1252-fallback"


@dataclass(frozen=True)
class TextEncoding:
    """How a file's bytes become text: a Python codec (normalised name, e.g. ``utf-8``, ``cp1252``,
    ``utf-16-le``), the length of the byte-order mark to skip, and whether the codec was guessed."""

    codec: str
    bom_length: int = 0
    guessed: bool = False

    def is_utf8(self) -> bool:
        """True for UTF-8 and its subset ASCII: no warning needed."""
        return self.codec in ("utf-8", "ascii")

    def note(self) -> str:
        """The reason of the file-level warning for a file not read as UTF-8."""
        how = "" if self.guessed else ", byte-order mark"
        return f"decoded as {self.codec} (not UTF-8{how})"


@dataclass(frozen=True)
class NotText:
    """A sample that no text encoding explains: why."""

    reason: str


@dataclass(frozen=True)
class TextLine:
    """One line of a file: its 1-based number and its text, line ending included ("" ending on the last)."""

    number: int
    text: str


def _codec_name(name: str) -> str:
    return codecs.lookup(name).name


def detect_encoding(sample: bytes, *, complete: bool) -> TextEncoding | NotText:
    """Choose the encoding of a file from ``sample``, its first bytes (``complete``: the whole file).

    The rules are the module docstring's. Never raises.
    """
    for mark, codec in BYTE_ORDER_MARKS:
        if sample.startswith(mark):
            return TextEncoding(codec, len(mark))
    if b"\x00" in sample:
        usable = sample if complete else sample[: len(sample) - len(sample) % 4]
        wide = charset_normalizer.from_bytes(usable, cp_isolation=WIDE_CODECS).best()
        if wide is None:
            return NotText("NUL bytes, and not UTF-16 or UTF-32 text")
        return TextEncoding(_codec_name(wide.encoding), guessed=True)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return TextEncoding("utf-8")
    except UnicodeDecodeError:
        pass
    if not complete and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]
    if charset_normalizer.from_bytes(sample, cp_isolation=[WESTERN_DEFAULT]).best() is not None:
        return TextEncoding(WESTERN_DEFAULT, guessed=True)
    best = charset_normalizer.from_bytes(sample, cp_exclusion=WIDE_CODECS).best()
    if best is None:
        return NotText("no text encoding fits its bytes")
    return TextEncoding(_codec_name(best.encoding), guessed=True)


def _read_undecodable_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes a codec rejects, read one by one as cp1252 (else Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    text = []
    for byte in error.object[error.start : error.end]:
        try:
            text.append(bytes([byte]).decode(WESTERN_DEFAULT))
        except UnicodeDecodeError:
            text.append(chr(byte))
    return "".join(text), error.end


codecs.register_error(_FALLBACK_ERRORS, _read_undecodable_as_cp1252)


def split_lines(stream: BinaryIO, codec: str, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Yield the raw lines of ``stream`` (positioned after any byte-order mark), endings included.

    A line ends at the codec's own ``\\r\\n``, ``\\r`` or ``\\n`` code unit(s), aligned on the code-unit width
    (2 bytes for UTF-16, 4 for UTF-32). Memory: one chunk plus the longest line.
    """
    line_feed, carriage_return = "\n".encode(codec), "\r".encode(codec)
    width = len(line_feed)
    crlf = carriage_return + line_feed
    ending = re.compile(b"|".join(re.escape(unit) for unit in (crlf, carriage_return, line_feed)))
    buffer = bytearray()
    start = scan = 0
    at_end = False
    while True:
        match = ending.search(buffer, scan)
        while match is not None and (match.start() - start) % width:
            match = ending.search(buffer, match.start() + 1)
        # A carriage return at the end of the buffer may be the first half of a CRLF not fully read yet.
        waits_for_more = (match is not None and match.group() == carriage_return
                          and len(buffer) - match.end() < width)
        if match is not None and (at_end or not waits_for_more):
            yield bytes(buffer[start : match.end()])
            start = scan = match.end()
            continue
        if at_end:
            if start < len(buffer):
                yield bytes(buffer[start:])
            return
        del buffer[:start]
        scan = match.start() - start if match is not None else max(0, len(buffer) - len(crlf) + 1)
        start = 0
        chunk = stream.read(chunk_bytes)
        if chunk:
            buffer += chunk
        else:
            at_end = True


class TextFile:
    """An open input file read as numbered lines of text.

    Warnings (the file-level encoding note, lines that needed a fallback) gather in a queue; a reader takes
    them with :meth:`take_warnings` before yielding each record, so each warning precedes the record it
    belongs to.
    """

    def __init__(self, path: Path, stream: BinaryIO, encoding: TextEncoding) -> None:
        self.path = path
        self.encoding = encoding
        self._stream = stream
        self._warnings: list[RecordWarning] = []
        if not encoding.is_utf8():
            self._warnings.append(RecordWarning(str(path), 1, encoding.note()))

    def take_warnings(self) -> list[RecordWarning]:
        """The warnings gathered since the last call, oldest first."""
        taken, self._warnings = self._warnings, []
        return taken

    def lines(self) -> Iterator[TextLine]:
        """Yield the file's lines once, from the start, decoded; queue a warning for any line needing the
        fallback described in the module docstring."""
        codec = self.encoding.codec
        self._stream.seek(self.encoding.bom_length)
        single_byte_units = len("\n".encode(codec)) == 1
        for number, raw in enumerate(split_lines(self._stream, codec), start=1):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                if single_byte_units:
                    text = raw.decode(codec, errors=_FALLBACK_ERRORS)
                    how = "read those bytes as cp1252"
                else:
                    text = raw.decode(codec, errors="replace")
                    how = "replaced them with U+FFFD"
                self._warnings.append(RecordWarning(
                    str(self.path), number,
                    f"line is not valid {codec} (byte 0x{raw[exc.start]:02x} at byte {exc.start} of the line); {how}",
                ))
            yield TextLine(number, text)


@contextmanager
def open_text(path: Path) -> Iterator[TextFile | RecordError]:
    """Open ``path`` for reading as text: a :class:`TextFile`, or a :class:`RecordError` (line 0) when the file
    is binary. ``OSError`` propagates (the caller reports it)."""
    with path.open("rb") as stream:
        sample = stream.read(SAMPLE_BYTES)
        encoding = detect_encoding(sample, complete=len(sample) < SAMPLE_BYTES)
        if isinstance(encoding, NotText):
            yield RecordError(str(path), 0, f"binary file, not text ({encoding.reason})")
        else:
            yield TextFile(path, stream, encoding)
