"""Draw the search latency of ``scripts/bench_scale.py``'s figures against corpus size (PNG or SVG).

Two panels sharing a logarithmic x axis (articles): p50 and p95 latency of Elasticsearch alone, the JSON API
and the HTML page; the second panel adds load and re-index rates (documents/s).

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

TARGETS = (("es", "Elasticsearch alone"), ("api", "/api/search"), ("page", "search page"))


def sizes_of(results: dict[str, Any]) -> list[int]:
    """The corpus sizes measured, ascending."""
    return sorted(int(key) for key in results if key.isdigit() and "search" in results[key])


def plot(results: dict[str, Any], out: Path) -> None:
    """Write the figure for ``results`` (the JSON of bench_scale.py) to ``out`` (its suffix picks the format)."""
    sizes = sizes_of(results)
    figure, (latency, rates) = plt.subplots(1, 2, figsize=(11, 4.2))
    for key, label in TARGETS:
        for cut, style in (("p50", "-o"), ("p95", "--s")):
            values = [results[str(n)]["search"][key][cut] for n in sizes]
            latency.plot(sizes, values, style, label=f"{label} {cut}")
    latency.axhline(100, color="grey", linewidth=0.8, linestyle=":")
    latency.text(sizes[0], 102, "aim: page p95 < 100 ms", fontsize=8, color="grey")
    latency.set(xscale="log", xlabel="articles in the index", ylabel="latency (ms)",
                title="Search with facets: 12-query mix")
    latency.legend(fontsize=7)
    for key, label in (("baseline_docs_s", "helpers.bulk (baseline)"), ("reindex_docs_s", "reindex from store")):
        values = [max(results[str(n)][key]) for n in sizes]
        rates.plot(sizes, values, "-o", label=label)
    rates.set(xscale="log", xlabel="articles in the index", ylabel="documents/s (best run)",
              title="Load rate", ylim=(0, None))
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
