"""Long texts through spaCy: split into windows at natural boundaries, run, merge back into one ``Doc``.

spaCy refuses a text over ``nlp.max_length`` characters (error E088, 1,000,000 by default) and its memory
grows with the text. A text longer than the window size is cut into windows of at most that many
characters, at the last paragraph end (blank line) in the second half of the window, else the last
sentence end there, else the last whitespace there, else hard at the limit. The windows concatenate to
the text exactly, and their docs are merged with ``Doc.from_docs(..., ensure_whitespace=False)``, which
joins the token texts and their trailing whitespace unchanged: the merged doc's text is the input text,
so every character offset (entities, sentences, statements' evidence) is an offset into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

#: A sentence end: closing punctuation, optional closing quotes or brackets, then one whitespace character.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_WHITESPACE = (" ", "\n", "\t")


def cut_point(text: str, start: int, limit: int) -> int:
    """Where the window of ``text`` starting at ``start`` ends (exclusive), at most ``limit`` characters on.

    The rest of the text when it fits; else just after the last blank line (``\\n\\n``) in the second
    half of the window, else just after the last sentence end there (punctuation, closing quotes, one
    whitespace character), else just after the last space, newline or tab there, else ``start + limit``.
    Always greater than ``start`` for a non-empty rest and ``limit >= 1``.
    """
    if limit < 1:
        raise ValueError(f"window limit must be at least 1, not {limit}")
    end = start + limit
    if end >= len(text):
        return len(text)
    low = start + limit // 2
    paragraph = text.rfind("\n\n", low, end)
    if paragraph >= 0:
        return paragraph + 2
    sentence_end = -1
    for match in _SENTENCE_END.finditer(text, low, end):
        sentence_end = match.end()
    if sentence_end > start:
        return sentence_end
    space = max(text.rfind(character, low, end) for character in _WHITESPACE)
    if space >= 0:
        return space + 1
    return end


def split_windows(text: str, limit: int) -> list[str]:
    """``text`` as consecutive windows of at most ``limit`` characters each, cut by :func:`cut_point`;
    ``"".join(windows) == text``. An empty text is one empty window."""
    windows: list[str] = []
    start = 0
    while True:
        end = cut_point(text, start, limit)
        windows.append(text[start:end])
        if end >= len(text):
            return windows
        start = end


def enriched_part(text: str, max_chars: int) -> str:
    """The start of ``text`` that is enriched: all of it up to ``max_chars`` characters; else the text up
    to the boundary :func:`cut_point` picks at or below ``max_chars`` (paragraph, else sentence, else word
    end), without trailing whitespace. Always a prefix of ``text``, so offsets into it are offsets into
    ``text``."""
    if len(text) <= max_chars:
        return text
    return text[: cut_point(text, 0, max_chars)].rstrip()


def merge_docs(docs: Sequence[Doc]) -> Doc:
    """One doc from the docs of consecutive windows: tokens, entities and sentence starts kept, character
    offsets shifted; its text is the windows' texts joined with nothing added."""
    if len(docs) == 1:
        return docs[0]
    merged = Doc.from_docs(list(docs), ensure_whitespace=False)
    if merged is None or len(merged.text) != sum(len(doc.text) for doc in docs):
        raise RuntimeError("merging window docs changed the text")
    return merged


def pipe_windowed(nlp: Language, texts: Sequence[str], batch_size: int, window_chars: int) -> list[Doc]:
    """The docs of ``texts``, in order. Texts of at most ``window_chars`` characters (and at most the
    model's ``max_length``) go through ``nlp.pipe`` together in batches of ``batch_size``, exactly as
    without windows; each longer text runs window by window (one window in memory at a time) and its
    window docs are merged (:func:`merge_docs`), so ``doc.text`` equals the text."""
    limit = min(window_chars, nlp.max_length)
    short = iter(nlp.pipe((text for text in texts if len(text) <= limit), batch_size=batch_size))
    docs: list[Doc] = []
    for text in texts:
        if len(text) <= limit:
            docs.append(next(short))
        else:
            docs.append(merge_docs(list(_window_docs(nlp, text, limit))))
    return docs


def _window_docs(nlp: Language, text: str, limit: int) -> Iterator[Doc]:
    return nlp.pipe(split_windows(text, limit), batch_size=1)
