"""Score the archive's web ingest on the labelled pages of ``make_web_pages.py``: text, dates, duplicates, speed.

    python scripts/make_web_pages.py            # writes var/bench/web-pages
    python scripts/eval_web_pages.py [--data var/bench/web-pages] [--repeat 3]

The pages are ingested through the archive's own reader (:func:`indexer.readers.iter_records`) twice: as the
folder of ``.html`` files, and as one ``.warc.gz`` holding the same pages as HTTP responses (written here with
``warcio``: target URI = the page's URL, one record per page, fetch time fixed). Each record's body and date
go through the enrichment's :func:`indexer.enrich.pipeline.prepare`, as indexing does.

Printed, as Markdown:

- body precision / recall / F1 (the article-extraction benchmark's shingle metric) of the archive (WARC and
  HTML ingest), trafilatura alone and the page's plain text, and on how many pages furniture text (cookie
  banner, newsletter, donation appeal, share prompts, related and most-read links, comments) was kept;
- publication dates: the archive's day against the label, per template, with where it was found;
- duplicates: the labelled copies (``utm_*`` URL, AMP copy with a canonical link) given the same document id
  (:func:`indexer.documents.article_identity`) as their original, and distinct articles merged by mistake;
- pages per second: the reader over HTML files and over the WARC (extraction included, no Elasticsearch, no
  NLP), next to ``trafilatura.extract`` alone and ``trafilatura.extract`` + ``htmldate.find_date``, best of
  ``--repeat`` runs in the same process.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import htmldate
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "scripts"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from eval_web_extraction import body_score, match_counts, plain_text, trafilatura_text  # noqa: E402
from make_web_pages import FURNITURE  # noqa: E402

from indexer.documents import article_identity  # noqa: E402
from indexer.enrich.pipeline import ArticleText, prepare  # noqa: E402
from indexer.readers import iter_records  # noqa: E402
from indexer.records import RawArticle, RecordSkipped  # noqa: E402

DEFAULT_DATA = ROOT / "var" / "bench" / "web-pages"
FETCHED_AT = "2026-12-01T12:00:00Z"


@dataclass(frozen=True)
class Indexed:
    """What indexing keeps of one page: body and day after ``prepare``, the date's source, the document id;
    or the reason the reader skipped the page."""

    body: str = ""
    published: str | None = None
    published_source: str | None = None
    doc_id: str | None = None
    skipped: str | None = None


def write_warc(labels: list[dict[str, Any]], data: Path, target: Path) -> None:
    """Write every labelled page as one HTTP ``response`` record (in label order) to the ``.warc.gz``
    ``target``: URI = the label's URL, date = :data:`FETCHED_AT`."""
    writer_module = importlib.import_module("warcio.warcwriter")  # warcio ships no type information
    headers_module = importlib.import_module("warcio.statusandheaders")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as stream:
        writer = writer_module.WARCWriter(stream, gzip=True)
        for label in labels:
            payload = (data / label["file"]).read_bytes()
            http = headers_module.StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
                protocol="HTTP/1.1")
            record = writer.create_warc_record(label["url"], "response", payload=io.BytesIO(payload),
                                               http_headers=http, warc_headers_dict={"WARC-Date": FETCHED_AT})
            writer.write_record(record)


def ingest(path: Path) -> list[RawArticle | RecordSkipped]:
    """The articles and skips the archive's reader yields for ``path`` (errors and warnings left out)."""
    return [r for r in iter_records([path]) if isinstance(r, RawArticle | RecordSkipped)]


def indexed(record: RawArticle | RecordSkipped) -> Indexed:
    """What indexing keeps of one reader record."""
    if isinstance(record, RecordSkipped):
        return Indexed(skipped=record.reason)
    prepared = prepare(ArticleText(record.title, record.body, record.published))
    source = record.published_source if prepared.published_source == "metadata" else prepared.published_source
    return Indexed(prepared.text, prepared.published, source, article_identity(record)[0])


def by_label(labels: list[dict[str, Any]], records: list[RawArticle | RecordSkipped],
             key: Callable[[RawArticle | RecordSkipped], str]) -> dict[str, Indexed]:
    """Match reader records to label ids with ``key`` (a record's label id)."""
    known = {label["id"] for label in labels}
    return {key(r): indexed(r) for r in records if key(r) in known}


def best_time(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` timed runs of ``run``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def furniture_kept(text: str, label_text: str) -> list[str]:
    """The furniture phrases present in ``text`` that the article itself does not contain."""
    return [phrase for phrase in FURNITURE if phrase in text and phrase not in label_text]


def print_text_scores(labels: list[dict[str, Any]], outputs: dict[str, dict[str, str]]) -> None:
    """Body P/R/F1 and furniture kept, one row per extractor."""
    print(f"## Body text: {len(labels)} pages\n")
    print("| extractor | F1 | precision | recall | pages keeping furniture |")
    print("|---|---|---|---|---|")
    for name, texts in outputs.items():
        score = body_score(match_counts(label["text"], texts.get(label["id"], "")) for label in labels)
        leaky = [label["id"] for label in labels if furniture_kept(texts.get(label["id"], ""), label["text"])]
        print(f"| {name} | {score.f1:.3f} | {score.precision:.3f} | {score.recall:.3f} | {len(leaky)} |")
    archive = next(iter(outputs.values()))
    for label in labels:
        kept = furniture_kept(archive.get(label["id"], ""), label["text"])
        if kept:
            print(f"- archive keeps furniture on {label['id']} ({label['template']}): {', '.join(kept[:5])}")


def print_dates(labels: list[dict[str, Any]], pages: dict[str, Indexed]) -> None:
    """The archive's day against the label's, per template, and where the archive found it."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    misses = []
    for label in labels:
        page = pages.get(label["id"], Indexed(skipped="not read"))
        total[label["template"]] += 1
        sources[page.published_source or "none"] += 1
        if page.published == label["published"]:
            right[label["template"]] += 1
        else:
            misses.append(f"- {label['id']} ({label['template']}, date in {', '.join(label['date_in'])}): "
                          f"found {page.published or 'none'} ({page.published_source}), label {label['published']}")
    print(f"\n## Publication date: {sum(right.values())} / {len(labels)} right; "
          f"sources {dict(sorted(sources.items()))}\n")
    print("| template | right / pages |")
    print("|---|---|")
    for template in sorted(total):
        print(f"| {template} | {right[template]} / {total[template]} |")
    print("\n".join(misses))


def print_duplicates(labels: list[dict[str, Any]], runs: dict[str, dict[str, Indexed]]) -> None:
    """Labelled copies given their original's document id, and distinct articles sharing an id."""
    copies = [label for label in labels if label["duplicate_of"]]
    article_of = {label["id"]: label["duplicate_of"] or label["id"] for label in labels}
    print(f"\n## Duplicates: {len(copies)} labelled copies\n")
    print("| ingest | copies found (same id as the original) | distinct articles merged |")
    print("|---|---|---|")
    for name, pages in runs.items():
        found = [c for c in copies if c["id"] in pages and pages[c["id"]].doc_id is not None
                 and pages[c["id"]].doc_id == pages.get(c["duplicate_of"], Indexed()).doc_id]
        members: dict[str, set[str]] = defaultdict(set)
        for page_id, page in pages.items():
            if page.doc_id is not None:
                members[page.doc_id].add(article_of[page_id])
        merged = sum(len(articles) - 1 for articles in members.values() if len(articles) > 1)
        print(f"| {name} | {len(found)} / {len(copies)} | {merged} |")
        for copy in copies:
            if copy not in found:
                print(f"  - {name}: {copy['id']} ({copy['template']}, {copy['url']}) not matched to "
                      f"{copy['duplicate_of']}")


def main(argv: list[str] | None = None) -> int:
    """Ingest the labelled pages, score text, dates and duplicates, time the readers and the libraries."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="output folder of make_web_pages.py")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per reader/library (best counts)")
    args = parser.parse_args(argv)
    labels_path = args.data / "labels.json"
    if not labels_path.is_file():
        print(f"no labels.json in {args.data}: run scripts/make_web_pages.py first", file=sys.stderr)
        return 2
    labels: list[dict[str, Any]] = json.loads(labels_path.read_text(encoding="utf-8"))["pages"]
    html = {label["id"]: (args.data / label["file"]).read_bytes() for label in labels}
    warc = args.data / "warc" / "pages.warc.gz"
    write_warc(labels, args.data, warc)
    order = [label["id"] for label in labels]

    html_records = ingest(args.data / "pages")
    warc_records = ingest(warc)
    runs = {
        "WARC (reader)": by_label(labels, warc_records, lambda r: order[r.line - 1] if r.line <= len(order) else ""),
        "HTML files (reader)": by_label(labels, html_records, lambda r: Path(r.file).stem),
    }
    skipped = {name: [f"{k}: {p.skipped}" for k, p in pages.items() if p.skipped] for name, pages in runs.items()}
    outputs = {f"archive, {name}": {k: p.body for k, p in pages.items()} for name, pages in runs.items()}
    outputs["trafilatura alone"] = {k: trafilatura_text(v) for k, v in html.items()}
    outputs["plain text (lxml, body)"] = {k: plain_text(v) for k, v in html.items()}
    print_text_scores(labels, outputs)
    for name, notes in skipped.items():
        for note in notes:
            print(f"- {name} skipped {note}")
    print_dates(labels, runs["WARC (reader)"])
    print_duplicates(labels, runs)

    pages = list(html.values())
    timings = {
        "archive reader, HTML files": best_time(lambda: ingest(args.data / "pages"), args.repeat),
        "archive reader, WARC": best_time(lambda: ingest(warc), args.repeat),
        "trafilatura.extract": best_time(lambda: [trafilatura.extract(p) for p in pages], args.repeat),
        "trafilatura.extract + htmldate.find_date": best_time(
            lambda: [(trafilatura.extract(p), htmldate.find_date(p)) for p in pages], args.repeat),
    }
    print(f"\n## Speed: {len(pages)} pages, best of {args.repeat}\n")
    print("| run | pages/s |")
    print("|---|---|")
    for name, seconds in timings.items():
        print(f"| {name} | {len(pages) / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
