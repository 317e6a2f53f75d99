"""Peak memory of ``newsarchive index`` against the size of its input file (issue 15: flat memory).

Writes JSON Lines and CSV files of the requested sizes by cycling the articles of a corpus (default: the
project's ``seeds/``; each copy gets its own id, so every record is a document of its own), then runs
``newsarchive index`` on each file as a user would, sampling the resident memory of the command and its
enrichment workers (``/proc``) four times a second. Each run starts with an empty enrichment cache and index:
the corpus's distinct articles are enriched by the worker processes, their repeats come from the cache, so
the run measures reading, NLP, documents, bulk writes and the store, with NLP only once per distinct text.

    python scripts/bench_index_memory.py --sizes-mb 20 200 --formats jsonl csv

Needs Elasticsearch (``NEWSARCHIVE_ES_URL`` or the local node, as ``newsarchive index`` does). Indices use
the prefix ``bench-mem-`` and are deleted at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from indexer.readers import iter_records  # noqa: E402
from indexer.records import RawArticle  # noqa: E402
from newsarchive.config import load_settings  # noqa: E402

CLI = str(Path(sys.executable).with_name("newsarchive"))
FIELDS = ("id", "title", "text", "published", "url", "source")


def _articles(corpus: list[Path]) -> list[RawArticle]:
    return [record for record in iter_records(corpus) if isinstance(record, RawArticle)]


def _rows(articles: list[RawArticle]) -> Iterator[dict[str, str]]:
    n = 0
    while True:
        for article in articles:
            yield {"id": f"mem-{n:08d}", "title": article.title, "text": article.body,
                   "published": article.published or "", "url": article.url or "", "source": article.source or ""}
            n += 1


def write_corpus(path: Path, articles: list[RawArticle], size_bytes: int) -> int:
    """Write records cycled from ``articles`` until the file reaches ``size_bytes``; return how many."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS) if path.suffix == ".csv" else None
        if writer is not None:
            writer.writeheader()
        for row in _rows(articles):
            if handle.tell() >= size_bytes:
                break
            if writer is not None:
                writer.writerow(row)
            else:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _tree_rss_kb(root: int) -> tuple[int, int]:
    """(resident kB of ``root``, resident kB of ``root`` and all its descendants)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, parent = int(entry), int(fields.get("PPid", "0").strip())
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return rss.get(root, 0), total


@dataclass
class Run:
    """One measured ``index`` run."""

    path: Path
    records: int
    seconds: float
    peak_main_mb: float
    peak_tree_mb: float
    summary: str


def measure(path: Path, records: int, env: dict[str, str]) -> Run:
    """Run ``newsarchive index`` on ``path`` and sample its memory until it ends."""
    started = time.monotonic()
    process = subprocess.Popen([CLI, "index", "--no-progress", str(path)], env=env, cwd=PROJECT_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peaks = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            main, tree = _tree_rss_kb(process.pid)
            peaks[0], peaks[1] = max(peaks[0], main), max(peaks[1], tree)
            time.sleep(0.25)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = process.communicate()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"index failed on {path} with status {process.returncode}: {out}")
    return Run(path, records, time.monotonic() - started, peaks[0] / 1024, peaks[1] / 1024,
               out.strip().splitlines()[-1] if out.strip() else "")


def main() -> None:
    """Write the files, index each, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, nargs="+", default=[PROJECT_ROOT / "seeds"])
    parser.add_argument("--sizes-mb", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--formats", nargs="+", default=["jsonl", "csv"], choices=["jsonl", "csv"])
    parser.add_argument("--workdir", type=Path, default=PROJECT_ROOT / "var" / "bench" / "memory")
    args = parser.parse_args()

    settings = load_settings()
    args.workdir.mkdir(parents=True, exist_ok=True)
    articles = _articles(args.corpus)
    env = dict(os.environ)  # the user's NEWSARCHIVE_* settings (ES URL, heap ...) apply, as for `index`
    runs: list[Run] = []
    try:
        for fmt in args.formats:
            for size in args.sizes_mb:
                path = args.workdir / f"corpus-{size}mb.{fmt}"
                records = write_corpus(path, articles, size * 1024 * 1024)
                run_env = {**env, "NEWSARCHIVE_INDEX_PREFIX": f"bench-mem-{fmt}-{size}-",
                           "NEWSARCHIVE_CACHE_DIR": str(args.workdir / f"cache-{fmt}-{size}"),
                           "NEWSARCHIVE_DATA_DIR": str(args.workdir / f"data-{fmt}-{size}")}
                run = measure(path, records, run_env)
                print(f"{path.name}: {run.summary} in {run.seconds:.0f} s, peak RSS main {run.peak_main_mb:.0f} MB, "
                      f"with workers {run.peak_tree_mb:.0f} MB", flush=True)
                runs.append(run)
                path.unlink()
    finally:
        _delete_indices(settings.es_url)
    print(f"\ncorpus: {', '.join(map(str, args.corpus))} ({len(articles)} distinct articles, cycled)\n")
    print("| file | size | records | time | docs/s | peak RSS, index process | peak RSS, with enrichment workers |")
    print("|---|---|---|---|---|---|---|")
    for run in runs:
        size_mb = run.path.name.split("-")[1].split("mb")[0]
        print(f"| {run.path.suffix[1:]} | {size_mb} MB | {run.records} | {run.seconds:.0f} s | "
              f"{run.records / run.seconds:.0f} | {run.peak_main_mb:.0f} MB | {run.peak_tree_mb:.0f} MB |")


def _delete_indices(es_url: str | None) -> None:
    from elasticsearch import Elasticsearch

    from newsarchive.es_client import resolve_es_url

    client = Elasticsearch(es_url or resolve_es_url(load_settings()), request_timeout=60)
    names = list(client.indices.get(index="bench-mem-*", expand_wildcards="all", allow_no_indices=True).body)
    for name in names:
        client.indices.delete(index=name)
    client.close()


if __name__ == "__main__":
    main()
