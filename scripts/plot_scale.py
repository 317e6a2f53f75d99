"""Draw the search latency of ``scripts/bench_scale.py``'s figures against corpus size (PNG or SVG).

Two panels with a logarithmic x axis (articles): p50 and p95 latency of the search page for each
configuration measured (as found, and after each tuning), and the load rates (documents/s) of the baseline
and of ``reindex``.

    python scripts/plot_scale.py var/bench/scale/results.json docs/bench/scale-latency.png
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

#: Search figures of a size, as bench_scale.py stores them: the run itself ("search") and later runs of the
#: same index after a tuning ("search_after", "search_after_2shards"; scripts/bench_search.py --json).
SERIES = (
    ("search", "as found: 1 shard, facets under filter aggregations", "o", "-"),
    ("search_after", "facets without filter at top level, 1 shard", "s", "-"),
    ("search_after_2shards", "facets without filter at top level, 2 shards", "D", "-"),
)


def sizes_of(results: dict[str, Any]) -> list[int]:
    """The corpus sizes measured, ascending."""
    return sorted(int(key) for key in results if key.isdigit() and "search" in results[key])


def plot(results: dict[str, Any], out: Path) -> None:
    """Write the figure for ``results`` (the JSON of bench_scale.py) to ``out`` (its suffix picks the format):
    the page's p50 and p95 against corpus size for each series present, and the load rates."""
    sizes = sizes_of(results)
    figure, (latency, rates) = plt.subplots(1, 2, figsize=(11, 4.4))
    for key, label, marker, _style in SERIES:
        present = [n for n in sizes if key in results[str(n)]]
        if not present:
            continue
        for cut, style in (("p95", "-"), ("p50", ":")):
            values = [results[str(n)][key]["page"][cut] for n in present]
            latency.plot(present, values, marker=marker, linestyle=style, label=f"{label}, page {cut}")
    latency.axhline(100, color="grey", linewidth=0.8, linestyle="--")
    latency.text(sizes[0], 103, "aim: page p95 < 100 ms", fontsize=8, color="grey")
    latency.set(xscale="log", xlabel="articles in the index", ylabel="latency (ms)",
                title="Search page, 12 queries with facets")
    latency.legend(fontsize=6.5)
    for key, label in (("baseline_docs_s", "helpers.bulk (baseline)"), ("reindex_docs_s", "reindex from store")):
        values = [max(results[str(n)][key]) for n in sizes]
        rates.plot(sizes, values, "-o", label=label)
    rates.set(xscale="log", xlabel="articles loaded", ylabel="documents/s (best run)", title="Load rate",
              ylim=(0, None))
    rates.legend(fontsize=8)
    figure.suptitle(results.get("machine", ""), fontsize=8)
    figure.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=110)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, help="JSON written by scripts/bench_scale.py")
    parser.add_argument("out", type=Path, help="image to write (.png or .svg)")
    args = parser.parse_args(argv)
    plot(json.loads(args.results.read_text()), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
