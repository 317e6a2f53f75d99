"""Body extraction on real pages: the archive against trafilatura alone and the page's plain text, same run.

    python scripts/eval_web_extraction.py [--data ../shared/bench/article-extraction] [--failures 10]

The data is Zyte's article-extraction benchmark (``ground-truth.json``: ``{sha256: {articleBody, url}}`` and
``html/<sha256>.html.gz``); research data, read in place and never copied into the project. The metric is the
benchmark's own: per page, true/false positives and false negatives over word 4-gram shingles (``\\w+``
tokens) of the extracted body against ``articleBody``, normalised to sum to 1; precision is the mean over the
pages that predicted any shingle, recall the mean over the pages with any shingle at all, F1 comes from the
two means.

Extractors, each timed in the same run:

- ``plain text``: the text of ``<body>`` without scripts, styles and templates (lxml's ``text_content``);
- ``trafilatura``: ``trafilatura.extract(html, include_comments=False)``, as the benchmark runs it;
- ``archive``: what the archive indexes: :func:`indexer.web.extract.extract_page`, then the enrichment's
  :func:`indexer.enrich.pipeline.prepare` (body cleaning, dateline removal) on its text;
- ``trafilatura + archive cleaning``: ``prepare`` on trafilatura's text, which isolates what the cleaning
  adds or drops from what ``extract_page`` decides (non-article pages, its own trafilatura settings).

Publication dates: the archive's date (``extract_page`` and ``prepare``) against the date written in the URL
and, separately, against the page's own metadata (``article:published_time``, ``itemprop=datePublished``,
JSON-LD ``datePublished``), for the pages that have one.

Furniture left: lines of an extractor's output that are not in the true body and use the words of site
furniture (newsletter, sign up, subscribe, donate, share this, follow us, read more, related, ...).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.enrich.pipeline import ArticleText, prepare  # noqa: E402
from indexer.web.extract import WebPage, extract_page  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "article-extraction"
SHINGLE_SIZE = 4

_TOKEN = re.compile(r"\w+")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([/_-])([01]?\d)\2([0-3]?\d)(?!\d)")
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
_META_DATE_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @name='datePublished']/@content"
    " | //*[@itemprop='datePublished']/@datetime"
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
#: Words of site furniture (newsletter and donation appeals, share prompts, link lists) in a line of output.
_FURNITURE_WORDS = re.compile(
    r"\b(?:newsletter|sign(?:ing)? up|subscribe|donat(?:e|ion)|share (?:this|on)|follow us|read more|related"
    r"|recommended|most read|click here|advertisement|cookies?)\b", re.IGNORECASE)


# --- the benchmark's metric -------------------------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Count the word ``size``-gram shingles of ``text`` (``\\w+`` tokens, case kept). A text of fewer than
    ``size`` tokens is one shorter shingle; an empty text has none."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1)))


def match_counts(true: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles of ``predicted`` against ``true``, normalised to sum to 1 (all 0 when both
    texts are empty), so that a long page weighs no more than a short one."""
    gold, found = shingles(true), shingles(predicted)
    tp = fp = fn = 0.0
    for key in gold.keys() | found.keys():
        tp += min(gold[key], found[key])
        fp += max(0, found[key] - gold[key])
        fn += max(0, gold[key] - found[key])
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision(tp: float, fp: float, fn: float) -> float:
    """Precision of one page's normalised counts (1.0 when nothing was wrong or missing)."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def page_recall(tp: float, fp: float, fn: float) -> float:
    """Recall of one page's normalised counts (1.0 when nothing was wrong or missing)."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


@dataclass(frozen=True)
class BodyScore:
    """Mean precision, mean recall and the F1 of the two means over a set of pages."""

    precision: float
    recall: float
    f1: float


def body_score(counts: Iterable[tuple[float, float, float]]) -> BodyScore:
    """The benchmark's score: precision averaged over pages that predicted something, recall over pages with
    a true body, F1 from the two averages (0 where there is nothing to average)."""
    counts = list(counts)
    precisions = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return BodyScore(precision, recall, f1)


def page_f1(true: str, predicted: str) -> float:
    """F1 of one page (the benchmark's per-page precision and recall)."""
    counts = match_counts(true, predicted)
    precision, recall = page_precision(*counts), page_recall(*counts)
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


# --- extractors --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveResult:
    """What the archive indexes for a page: the body, the publication date and where it came from, the
    canonical URL; or the reason the page was not taken as an article (body empty)."""

    body: str
    published: str | None = None
    published_source: str | None = None
    url: str | None = None
    not_article: str | None = None


def archive_extract(html: str | bytes, url: str | None, fetched_at: str | None = None) -> ArchiveResult:
    """The archive's extraction of one page: :func:`extract_page`, then :func:`prepare` (cleaning, dateline
    removal) on its text, exactly as indexing does. A non-article page gives an empty body and the reason."""
    page = extract_page(html, url, fetched_at)
    if not isinstance(page, WebPage):
        return ArchiveResult(body="", url=page.url, not_article=page.reason)
    prepared = prepare(ArticleText(page.title, page.text, page.published))
    source = page.published_source if prepared.published == page.published else prepared.published_source
    return ArchiveResult(prepared.text, prepared.published, source, page.url)


def plain_text(html: str | bytes) -> str:
    """The text of the page's ``<body>`` (the whole document without one), scripts and styles removed."""
    tree = trafilatura.load_html(html)  # lxml's HTML parser, as trafilatura and the archive parse
    if tree is None:
        return ""
    for element in tree.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    body = tree.find("body")
    return str((body if body is not None else tree).text_content())


def cleaned(text: str) -> str:
    """``text`` as indexing keeps it: the enrichment's :func:`prepare` (cleaning, dateline removal)."""
    return prepare(ArticleText("", text)).text


def trafilatura_text(html: str | bytes) -> str:
    """``trafilatura.extract`` with the benchmark's settings (comments left out); empty when it finds none."""
    return trafilatura.extract(html, include_comments=False) or ""


# --- dates -------------------------------------------------------------------------------------------------


def url_day(url: str) -> str | None:
    """The ``YYYY-MM-DD`` day written in a URL's path (``/2019/11/19/``, ``2019-11-19``), or None."""
    match = _URL_DATE.search(url.split("?", 1)[0])
    if match is None:
        return None
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def metadata_day(html: str | bytes) -> str | None:
    """The publication day the page's metadata states (Open Graph ``article:published_time``, microdata or
    JSON-LD ``datePublished``), first found; None when it states none."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    values = [str(v) for v in tree.xpath(_META_DATE_XPATH)]
    values += [m for script in tree.xpath("//script[@type='application/ld+json']/text()")
               for m in _JSON_LD_DATE.findall(str(script))]
    for value in values:
        match = _ISO_DAY.search(value)
        if match:
            return match.group(0)
    return None


@dataclass
class DateTally:
    """How many pages have a reference date, and on how many the archive's date is that day."""

    with_reference: int = 0
    right: int = 0
    within_a_day: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, reference: str | None, found: str | None, label: str) -> None:
        """Count one page (nothing when it has no reference date); a date one day off (time zones: a URL
        carries the local day, metadata often the UTC time) counts as within a day, not as right."""
        if reference is None:
            return
        self.with_reference += 1
        if found == reference:
            self.right += 1
        if found is not None and abs((date.fromisoformat(found) - date.fromisoformat(reference)).days) <= 1:
            self.within_a_day += 1
        if found != reference:
            self.misses.append(f"{label}: found {found or 'none'}, reference {reference}")


# --- the run -----------------------------------------------------------------------------------------------


@dataclass
class ExtractorRun:
    """One extractor's per-page counts, outputs and the time it took."""

    name: str
    counts: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def load_pages(data: Path) -> tuple[dict[str, dict[str, str]], dict[str, bytes]]:
    """The ground truth and the raw HTML of every page it names (bytes, decoded by each extractor)."""
    truth: dict[str, dict[str, str]] = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    html = {key: gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()) for key in truth}
    return truth, html


def run_extractor(name: str, extract: Callable[[str, bytes], str], truth: dict[str, dict[str, str]],
                  html: dict[str, bytes]) -> ExtractorRun:
    """Run ``extract(key, html)`` on every page, timing only the extraction, and score each page."""
    run = ExtractorRun(name)
    for key, page in html.items():
        start = time.perf_counter()
        text = extract(key, page)
        run.seconds += time.perf_counter() - start
        run.outputs[key] = text
        run.counts[key] = match_counts(truth[key].get("articleBody", ""), text)
    return run


def _decoded(page: bytes) -> str:
    return page.decode("utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Score the three extractors and the archive's dates; print Markdown tables and the worst pages."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the benchmark folder")
    parser.add_argument("--failures", type=int, default=10, help="pages to list where the archive loses most")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"no ground-truth.json in {args.data}: pass --data PATH", file=sys.stderr)
        return 2
    truth, html = load_pages(args.data)
    archive: dict[str, ArchiveResult] = {}

    def run_archive(key: str, page: bytes) -> str:
        archive[key] = archive_extract(_decoded(page), truth[key].get("url"))
        return archive[key].body

    runs = [
        run_extractor("plain text (lxml, body)", lambda _k, p: plain_text(_decoded(p)), truth, html),
        run_extractor("trafilatura alone", lambda _k, p: trafilatura_text(_decoded(p)), truth, html),
        run_extractor("archive (extract_page + prepare)", run_archive, truth, html),
        run_extractor("trafilatura + archive cleaning (prepare)", lambda _k, p: cleaned(trafilatura_text(_decoded(p))),
                      truth, html),
    ]
    print(f"## Body extraction: {len(truth)} pages of {args.data.name}\n")
    print("| extractor | F1 | precision | recall | pages keeping furniture lines | pages/s |")
    print("|---|---|---|---|---|---|")
    for run in runs:
        score = body_score(run.counts.values())
        rate = len(html) / run.seconds if run.seconds else float("inf")
        leaky = sum(1 for k, text in run.outputs.items() if furniture_lines(text, truth[k].get("articleBody", "")))
        print(f"| {run.name} | {score.f1:.3f} | {score.precision:.3f} | {score.recall:.3f} | {leaky} | {rate:.1f} |")
    for key, text in runs[2].outputs.items():
        for line in furniture_lines(text, truth[key].get("articleBody", ""))[:3]:
            print(f"- archive keeps on {truth[key].get('url')}: {line[:120]!r}")
    print_dates(truth, html, archive)
    print_failures(truth, runs[1], runs[2], archive, args.failures)
    return 0


def print_dates(truth: dict[str, dict[str, str]], html: dict[str, bytes], archive: dict[str, ArchiveResult]) -> None:
    """The archive's publication dates against the URL's and the metadata's day, where the page has one."""
    by_url, by_meta = DateTally(), DateTally()
    sources: Counter[str] = Counter()
    for key in html:
        url = truth[key].get("url", "")
        found = archive[key].published
        sources[archive[key].published_source or "none"] += 1
        label = url + (" (not an article)" if archive[key].not_article else "")
        by_url.add(url_day(url), found, label)
        by_meta.add(metadata_day(html[key]), found, label)
    print(f"\n## Publication date (archive), sources: {dict(sorted(sources.items()))}\n")
    print("| reference | pages with one | archive's date is that day | within a day |")
    print("|---|---|---|---|")
    for name, tally in (("date in the URL", by_url), ("date in the metadata", by_meta)):
        share = tally.right / tally.with_reference if tally.with_reference else 0.0
        print(f"| {name} | {tally.with_reference} | {tally.right} ({share:.0%}) | {tally.within_a_day} |")
    for name, tally in (("URL", by_url), ("metadata", by_meta)):
        for miss in tally.misses:
            print(f"- date differs from the {name}: {miss}")


def print_failures(truth: dict[str, dict[str, str]], baseline: ExtractorRun, archive_run: ExtractorRun,
                   archive: dict[str, ArchiveResult], limit: int) -> None:
    """The pages where the archive's F1 falls furthest below trafilatura's, with what it dropped."""
    losses = []
    for key in archive_run.outputs:
        gold = truth[key].get("articleBody", "")
        delta = page_f1(gold, baseline.outputs[key]) - page_f1(gold, archive_run.outputs[key])
        losses.append((delta, key))
    losses.sort(reverse=True)
    worse = [(d, k) for d, k in losses if d > 0.001]
    better = sum(1 for d, _k in losses if d < -0.001)
    print(f"\n## Per page: archive below trafilatura on {len(worse)} pages, above on {better}\n")
    lowest = sorted(archive_run.counts, key=lambda k: page_f1(truth[k].get("articleBody", ""), archive_run.outputs[k]))
    for key in lowest[:limit]:
        counts = archive_run.counts[key]
        f1 = page_f1(truth[key].get("articleBody", ""), archive_run.outputs[key])
        print(f"- lowest archive F1: {truth[key].get('url')}: F1 {f1:.3f}, precision {page_precision(*counts):.3f}, "
              f"recall {page_recall(*counts):.3f}")
    for delta, key in worse[:limit]:
        result = archive[key]
        print(f"- {truth[key].get('url')}: F1 -{delta:.3f}"
              + (f" (not an article: {result.not_article})" if result.not_article else ""))
        for paragraph in dropped_paragraphs(baseline.outputs[key], archive_run.outputs[key])[:3]:
            kept = "in the true body" if _in_gold(paragraph, truth[key].get("articleBody", "")) else "not in it"
            print(f"  - dropped ({kept}): {paragraph[:140]!r}")


def furniture_lines(output: str, gold: str) -> list[str]:
    """Lines of ``output`` that are not in the true body ``gold`` and use the words of site furniture."""
    return [line.strip() for line in dropped_paragraphs(output, gold) if _FURNITURE_WORDS.search(line)]


def dropped_paragraphs(kept_by_baseline: str, kept_by_archive: str) -> list[str]:
    """Lines of the baseline's text whose words the archive's text does not contain in that order."""
    archive_words = " ".join(_TOKEN.findall(kept_by_archive))
    dropped = []
    for line in kept_by_baseline.splitlines():
        words = " ".join(_TOKEN.findall(line))
        if words and words not in archive_words:
            dropped.append(line.strip())
    return dropped


def _in_gold(paragraph: str, gold: str) -> bool:
    return " ".join(_TOKEN.findall(paragraph)) in " ".join(_TOKEN.findall(gold))


if __name__ == "__main__":
    sys.exit(main())
