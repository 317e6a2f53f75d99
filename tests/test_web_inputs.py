"""Web inputs without Elasticsearch: extraction, canonical URLs, non-article pages, feeds, WARC files, and how
a feed entry and its page become one story."""

from __future__ import annotations

import gzip
import tracemalloc
from pathlib import Path

import pytest
from web_fixtures import WEB_FIXTURES, Fetch, fixture_bytes, write_warc

from indexer.documents import build_document
from indexer.enrich.pipeline import ArticleText, bare_enrichment
from indexer.identity import canonical_url, document_id
from indexer.readers import iter_input_files, iter_records, read_file
from indexer.records import RawArticle, RecordError, RecordSkipped
from indexer.web.canonical import canonical_page_url, clean_url, match_key
from indexer.web.extract import NotArticle, WebPage, extract_page, url_date
from indexer.web.feed_reader import parse_feed
from indexer.web.inputs import read_web_inputs
from indexer.web.warc_reader import WarcPayload, iter_warc
from web.provenance import provenance_view

HARBOUR_URL = "https://www.coastalherald.example/news/harbour-strike-ends-after-council-agrees-pay-deal"
FERRY_URL = "https://www.coastalherald.example/news/island-ferry-back-in-service-after-engine-repair"


def _page(name: str, url: str | None = None, fetched_at: str | None = None) -> WebPage:
    page = extract_page(fixture_bytes(name), url, fetched_at)
    assert isinstance(page, WebPage), page
    return page


def _skip_reason(name: str, url: str | None = None) -> str:
    page = extract_page(fixture_bytes(name), url)
    assert isinstance(page, NotArticle), page
    return page.reason


# --- extraction ---------------------------------------------------------------------------------------------


def test_article_page_main_text_without_boilerplate_and_metadata() -> None:
    page = _page("article_harbour.html")
    assert page.title == "Harbour strike ends after council agrees new pay deal"
    assert page.text.startswith("Dock workers at Port Ellison returned to work on Tuesday morning")
    assert page.text.endswith("would remain late until then.")
    assert page.text.count("\n\n") == 4  # five paragraphs, headline not repeated
    for boilerplate in ("Home", "About us", "Related stories", "Dockers vote to strike", "By Maria Lindqvist"):
        assert boilerplate not in page.text
    assert (page.author, page.site_name) == ("Maria Lindqvist", "The Coastal Herald")
    assert page.url == HARBOUR_URL  # rel=canonical, utm_* removed
    assert (page.published, page.published_source) == ("2024-03-05", "html")


def test_og_url_is_the_canonical_url_and_its_date_is_used_when_the_markup_has_none() -> None:
    page = _page("article_nodate.html", url="https://northshore.example/p/4711", fetched_at="2024-03-09T07:15:00Z")
    assert page.url == "https://northshore.example/2024/03/07/lifeboat-crew-rescues-two-kayakers-off-gull-point/"
    assert (page.published, page.published_source) == ("2024-03-07", "url")


def test_the_fetch_time_dates_a_page_with_no_other_date() -> None:
    page = _page("article_pier.html", "https://northshore.example/community/pier-shelters?utm_source=news",
                 fetched_at="2024-03-09T07:15:00Z")
    assert page.url == "https://northshore.example/community/pier-shelters"
    assert (page.published, page.published_source) == ("2024-03-09", "fetch")
    undated = _page("article_pier.html")
    assert (undated.url, undated.published, undated.published_source) == (None, None, None)


def test_a_markup_date_after_the_fetch_is_not_believed() -> None:
    page = _page("article_harbour.html", fetched_at="2024-03-01T00:00:00Z")
    assert page.published_source != "html"
    assert page.published is None or page.published <= "2024-03-01"


def test_url_date_reads_common_url_layouts() -> None:
    assert url_date("https://x.example/2024/03/05/story") == "2024-03-05"
    assert url_date("https://x.example/news/2024-3-5-story") == "2024-03-05"
    assert url_date("https://x.example/2024/13/45/story") is None
    assert url_date("https://x.example/story?id=20240305") is None


def test_extract_page_never_raises_on_junk() -> None:
    for junk in (b"", b"   ", b"\x00\xff\xfe binary", "<html><body></body></html>", b"<<<>>>"):
        result = extract_page(junk, "https://x.example/a")
        assert isinstance(result, NotArticle)
        assert result.reason


# --- canonical URLs and identity ----------------------------------------------------------------------------


def test_canonical_url_rules() -> None:
    import trafilatura

    def canonical(head: str, url: str | None) -> str | None:
        return canonical_page_url(trafilatura.load_html(f"<html><head>{head}</head><body><p>x</p></body></html>"),
                                  url)

    page_url = "https://www.site.example/news/a-story?utm_medium=email&page=2#comments"
    assert canonical("", page_url) == "https://www.site.example/news/a-story?page=2"
    assert canonical('<link rel="canonical" href="/news/a-story">', page_url) == "https://www.site.example/news/a-story"
    # a canonical naming the site's root on a deeper page is a template bug: the page's own URL wins
    assert canonical('<link rel="canonical" href="https://www.site.example/">', page_url) == \
        "https://www.site.example/news/a-story?page=2"
    assert canonical('<meta property="og:url" content="https://site.example/b?fbclid=1">', None) == \
        "https://site.example/b"
    assert canonical('<link rel="canonical" href="javascript:alert(1)">', None) is None
    assert clean_url("not a url") is None and match_key(None) is None


def test_feed_link_and_page_have_the_same_document_id() -> None:
    from_feed = "http://coastalherald.example/news/harbour-strike-ends-after-council-agrees-pay-deal/?utm_source=rss"
    assert match_key(from_feed) == match_key(HARBOUR_URL) == canonical_url(HARBOUR_URL)
    ids = {document_id(explicit_id=None, url=u, title="t", body="b") for u in (from_feed, HARBOUR_URL)}
    assert len(ids) == 1 and ids.pop().startswith("u-")


# --- pages that are not articles ----------------------------------------------------------------------------


def test_section_front_tag_page_and_error_pages_are_recognised() -> None:
    assert _skip_reason("section_business.html").startswith("section front or tag page (10 article links")
    assert _skip_reason("tag_ferries.html").startswith("section front or tag page (navigation URL")
    assert _skip_reason("not_found.html").startswith("error page (title 'Page not found")
    status = extract_page(fixture_bytes("article_harbour.html"), HARBOUR_URL, http_status=404)
    assert isinstance(status, NotArticle) and status.reason == "HTTP status 404"


def test_listing_types_and_near_empty_pages_are_not_articles() -> None:
    listing = ('<html><head><title>Search</title><script type="application/ld+json">{"@type": "SearchResultsPage"}'
               "</script></head><body><p>" + "result " * 80 + "</p></body></html>")
    assert extract_page(listing) == NotArticle("listing page (page type searchresultspage)", None)
    short = ("<html><head><title>Gallery</title></head><body><article><p>Photos of the regatta.</p></article>"
             "</body></html>")
    short_result = extract_page(short, "https://x.example/gallery/regatta")
    assert isinstance(short_result, NotArticle) and short_result.reason.startswith("main text too short")


def test_all_article_fixtures_are_articles() -> None:
    for path in sorted(WEB_FIXTURES.glob("article_*.html")):
        assert isinstance(extract_page(path.read_bytes()), WebPage), path.name


# --- feeds --------------------------------------------------------------------------------------------------


def test_rss_and_atom_entries() -> None:
    rss = parse_feed(fixture_bytes("coastal.rss"), "coastal.rss")
    assert rss is not None and [e.line for e in rss] == [1, 2]
    assert rss[0].url == HARBOUR_URL and rss[0].published == "2024-03-05T08:30:00Z"
    assert rss[1].summary.startswith("The central library will open on Sundays") and "<p>" not in rss[1].summary
    assert rss[1].summary.count("\n\n") == 1 and rss[1].feed_title == "The Coastal Herald - News"
    atom = parse_feed(fixture_bytes("northshore.atom"), "northshore.atom")
    assert atom is not None and atom[0].published == "2024-03-08T09:00:00Z"
    assert atom[0].url == "https://northshore.example/2024/03/08/town-band-wins-regional-contest/"
    assert parse_feed(b"<html><body><p>no feed</p></body></html>", "x.xml") is None
    assert parse_feed(b"<urlset><url><loc>https://x.example/</loc></url></urlset>", "sitemap.xml") is None


def test_folder_feed_entry_and_its_page_are_one_record(tmp_path: Path) -> None:
    for name in ("article_harbour.html", "coastal.rss", "northshore.atom"):
        (tmp_path / name).write_bytes(fixture_bytes(name))
    (tmp_path / "sitemap.xml").write_bytes(b"<urlset><url><loc>https://x.example/</loc></url></urlset>")
    records = list(iter_records([tmp_path]))
    articles = [r for r in records if isinstance(r, RawArticle)]
    assert [(Path(a.file).name, a.line, a.published_source) for a in articles] == [
        ("article_harbour.html", 1, "html"), ("coastal.rss", 2, "feed"), ("northshore.atom", 1, "feed")]
    assert articles[0].url == HARBOUR_URL and articles[0].body.startswith("Dock workers")
    library = articles[1]
    assert library.url == "https://www.coastalherald.example/news/library-extends-opening-hours-over-easter"
    assert library.title == "Library extends opening hours over Easter"
    assert library.body.startswith("The central library") and library.published == "2024-03-04T16:00:00Z"
    assert [r for r in records if isinstance(r, RecordSkipped)] == [
        RecordSkipped(str(tmp_path / "sitemap.xml"), 0, "not an RSS or Atom feed")]


def test_a_feed_date_fills_in_for_a_page_without_one(tmp_path: Path) -> None:
    (tmp_path / "ferry.html").write_bytes(fixture_bytes("article_ferry.html"))
    (tmp_path / "feed.rss").write_text(_rss([(FERRY_URL + "?utm_source=rss", "Ferry back", "Summary.",
                                              "Wed, 06 Mar 2024 06:00:00 GMT")]), encoding="utf-8")
    [article] = list(iter_records([tmp_path]))
    assert isinstance(article, RawArticle)
    assert (article.published, article.published_source, article.url) == ("2024-03-06T06:00:00Z", "feed", FERRY_URL)
    assert article.body.startswith("The island ferry Saint Brendan")


def test_a_feed_entry_without_summary_or_page_is_skipped_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "bare.rss"
    path.write_text(_rss([("https://x.example/a-b-c-d", "Only a title", "", None)]), encoding="utf-8")
    [skipped] = list(read_file(path))
    assert isinstance(skipped, RecordSkipped) and "has no summary" in skipped.reason


def _rss(items: list[tuple[str, str, str, str | None]]) -> str:
    from xml.sax.saxutils import escape

    body = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link><description>{escape(summary)}</description>"
        + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>"
        for link, title, summary, date in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{body}</channel></rss>'


# --- WARC files ---------------------------------------------------------------------------------------------


def _crawl(path: Path) -> list[str]:
    feed = _rss([(FERRY_URL + "?utm_source=rss&utm_medium=feed", "Island ferry back", "Ferry summary.",
                  "Wed, 06 Mar 2024 06:00:00 GMT"),
                 ("https://www.coastalherald.example/news/beach-cleanup-draws-two-hundred-volunteers",
                  "Beach clean-up draws two hundred volunteers",
                  "Two hundred people collected rubbish along the bay on Sunday.", "Sun, 03 Mar 2024 18:00:00 GMT")])
    return write_warc(path, [
        Fetch("https://www.coastalherald.example/news/rss", feed.encode(), "application/rss+xml"),
        Fetch(FERRY_URL + "?utm_source=rss", fixture_bytes("article_ferry.html")),
        Fetch("https://northshore.example/community/pier-shelters?utm_source=newsletter",
              fixture_bytes("article_pier.html"), date="2024-03-09T07:20:00Z"),
        Fetch("https://www.coastalherald.example/news/old-story", fixture_bytes("not_found.html"), status=404),
        Fetch("https://www.coastalherald.example/business/", fixture_bytes("section_business.html")),
        Fetch("https://www.coastalherald.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
    ])


def test_warc_pages_feeds_and_provenance(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    ids = _crawl(path)
    records = list(read_file(path))
    assert [type(r).__name__ for r in records] == ["RawArticle", "RawArticle", "RecordSkipped", "RecordSkipped",
                                                   "RawArticle"]
    ferry, pier, missing, front, cleanup = records
    assert isinstance(ferry, RawArticle) and isinstance(pier, RawArticle) and isinstance(cleanup, RawArticle)
    # the ferry page is in the WARC's own feed: one record, the page's text, the feed's date
    assert (ferry.url, ferry.published, ferry.published_source) == (FERRY_URL, "2024-03-06T06:00:00Z", "feed")
    assert ferry.body.startswith("The island ferry") and ferry.line == 5  # warcinfo, request, response, request
    assert (ferry.fetched_at, ferry.warc_file, ferry.warc_record) == ("2024-03-09T07:15:00Z", str(path), ids[1])
    assert (pier.url, pier.published, pier.published_source) == (
        "https://northshore.example/community/pier-shelters", "2024-03-09", "fetch")
    assert pier.warc_record == ids[2] and pier.source == "Northshore Gazette"
    assert isinstance(missing, RecordSkipped) and missing.reason == (
        "not an article: HTTP status 404 (https://www.coastalherald.example/news/old-story)")
    assert isinstance(front, RecordSkipped) and "section front or tag page" in front.reason
    # the other feed entry has no page in the input: indexed from the feed, with the feed record's provenance
    assert cleanup.body == "Two hundred people collected rubbish along the bay on Sunday."
    assert (cleanup.published_source, cleanup.warc_record, cleanup.line) == ("feed", ids[0], 3)


def test_a_damaged_warc_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    fetches = [Fetch(FERRY_URL, fixture_bytes("article_ferry.html")),
               Fetch(HARBOUR_URL, fixture_bytes("article_harbour.html"))]
    for name, cut_at in (("cut.warc", lambda data: data.rindex(b"WARC/1.") + 5),  # a broken header line
                         ("cut.warc.gz", lambda data: len(data) - 1500)):  # a gzip member cut short
        whole = tmp_path / f"whole-{name}"
        write_warc(whole, fetches)
        data = whole.read_bytes()
        cut = tmp_path / name
        cut.write_bytes(data[: cut_at(data)])
        records = list(read_file(cut))
        assert isinstance(records[0], RawArticle) and records[0].url == FERRY_URL, name
        assert isinstance(records[-1], RecordError) and records[-1].reason.startswith("damaged WARC file"), name
        assert len(records) == 2, records
    not_warc = tmp_path / "junk.warc.gz"
    not_warc.write_bytes(gzip.compress(b"this is not a WARC file at all\r\n\r\n"))
    [error] = list(read_file(not_warc))
    assert isinstance(error, RecordError) and error.reason == "not a WARC file (no WARC record found)"
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert [r.reason for r in read_file(empty) if isinstance(r, RecordError)] == [
        "not a WARC file (no WARC record found)"]


def test_warc_files_are_streamed_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    page = fixture_bytes("article_harbour.html") + b"<!--" + b"x" * 40_000 + b"-->"
    write_warc(path, [Fetch(f"https://www.coastalherald.example/news/story-{i}", page) for i in range(600)])
    tracemalloc.start()
    count = sum(1 for item in iter_warc(path) if isinstance(item, WarcPayload))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 600
    assert peak < 2_000_000, f"peak {peak:,} bytes for a WARC of {600 * len(page):,} bytes of pages"


# --- dispatch, documents, read side -------------------------------------------------------------------------


def test_web_suffixes_are_found_in_folders(tmp_path: Path) -> None:
    names = ["a.html", "b.HTM", "c.warc", "d.warc.gz", "e.rss", "f.atom", "g.xml", "h.txt", "i.gz", "j.png"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    found = [p.name for p in iter_input_files([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.html", "b.HTM", "c.warc", "d.warc.gz", "e.rss", "f.atom", "g.xml", "h.txt"]
    [error] = list(iter_input_files([tmp_path / "i.gz"]))
    assert isinstance(error, RecordError) and "unsupported file type" in error.reason


def test_web_inputs_come_after_the_others_and_every_file_yields_something(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(fixture_bytes("not_found.html"))
    (tmp_path / "b.txt").write_text("Title\nBody text.\n", encoding="utf-8")
    records = list(read_web_inputs([tmp_path / "a.html"]))
    assert [type(r).__name__ for r in records] == ["RecordSkipped"]
    assert [Path(r.file).name for r in iter_records([tmp_path])] == ["b.txt", "a.html"]


@pytest.mark.parametrize("hint", ["html", "url", "feed", "fetch"])
def test_the_document_says_where_the_date_came_from_and_keeps_the_provenance(hint: str) -> None:
    article = RawArticle(file="crawl.warc.gz", line=5, title="T", body="Some body text.", published="2024-03-06",
                         url=FERRY_URL, published_source=hint, fetched_at="2024-03-09T07:15:00Z",
                         warc_file="crawl.warc.gz", warc_record="<urn:uuid:1>")
    document = build_document(article, bare_enrichment(ArticleText("T", "Some body text.", "2024-03-06"), 1000))
    assert (document["published"], document["published_source"]) == ("2024-03-06", hint)
    assert document["provenance"] == {"fetched_at": "2024-03-09T07:15:00Z", "warc_file": "crawl.warc.gz",
                                      "warc_record": "<urn:uuid:1>"}
    view = provenance_view(document)
    assert view is not None and (view.url, view.warc_record, view.published_source) == (FERRY_URL, "<urn:uuid:1>",
                                                                                          hint)


def test_other_inputs_have_no_provenance_and_a_bad_web_date_is_not_credited_to_the_page() -> None:
    plain = RawArticle(file="a.jsonl", line=1, title="T", body="Body.", published="2024-03-06")
    document = build_document(plain, bare_enrichment(ArticleText("T", "Body.", "2024-03-06"), 1000))
    assert "provenance" not in document and document["published_source"] == "metadata"
    assert provenance_view(document) is None
    bad = RawArticle(file="a.html", line=1, title="T", body="Body.", published="soon", published_source="html")
    document = build_document(bad, bare_enrichment(ArticleText("T", "Body.", "soon"), 1000))
    assert (document["published"], document["published_source"]) == (None, "none")
