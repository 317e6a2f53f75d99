"""Document identity: canonical URLs and ids make writes idempotent."""

from __future__ import annotations

import pytest

from indexer.identity import canonical_url, content_hash, document_id


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://en.wikinews.org//wiki/Magnitogorsk", "https://en.wikinews.org/wiki/Magnitogorsk"),
        ("HTTP://WWW.Example.org:80/a/b/?utm_source=x&b=2&a=1#top", "https://example.org/a/b?a=1&b=2"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("http://en.kremlin.ru/events/president/news/68700?fbclid=abc", "https://en.kremlin.ru/events/president/news/68700"),
        ("ftp://example.org/file", None),
        ("not a url", None),
        ("/relative/path", None),
    ],
)
def test_canonical_url(url: str, canonical: str | None) -> None:
    assert canonical_url(url) == canonical


def test_same_article_same_id_whatever_the_url_spelling() -> None:
    a = document_id(explicit_id=None, url="https://example.org/story?utm_medium=feed", title="T", body="B")
    b = document_id(explicit_id=None, url="http://www.example.org/story/", title="Other", body="Other")
    assert a == b and a.startswith("u-")


def test_content_hash_id_without_url_ignores_whitespace() -> None:
    a = document_id(explicit_id=None, url=None, title="Title", body="Some  body\ntext")
    b = document_id(explicit_id=None, url="", title=" Title", body="Some body text ")
    c = document_id(explicit_id=None, url=None, title="Title", body="Other body")
    assert a == b != c and a.startswith("c-")


def test_explicit_id_wins() -> None:
    assert document_id(explicit_id=" abc-1 ", url="https://example.org/x", title="T", body="B") == "abc-1"


def test_content_hash_includes_the_date() -> None:
    assert content_hash("T", "B", "2024-11-11") != content_hash("T", "B", None)
