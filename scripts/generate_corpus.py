"""Scale the project's seed articles up to a benchmark corpus of index-ready documents (JSON Lines).

The seeds (``seeds/*.jsonl``: title, text, published, url, source) are cycled; each copy gets its own id,
URL, publication day (spread over 2015-2024) and a text cut to at most ``--max-chars`` at a paragraph end.
Enrichment is synthetic but shaped exactly like the indexer's (``indexer.documents.build_document``):
persons, countries and organisations named in the text from a fixed list of well-known ones, plus a long
tail of generated person names (so facets have thousands of values, as a real archive has), and
statements with stances. The output is for load and latency benchmarks, not for judging extraction.

    python scripts/generate_corpus.py --count 100000 --out var/bench/corpus-100k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = PROJECT_ROOT / "seeds"

KNOWN_PERSONS = [
    "Vladimir Putin",
    "Volodymyr Zelenskyy",
    "Dmitry Peskov",
    "Joe Biden",
    "Donald Trump",
    "Xi Jinping",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Sergey Lavrov",
    "Dmytro Kuleba",
    "Recep Tayyip Erdogan",
    "Narendra Modi",
    "Boris Johnson",
    "Angela Merkel",
    "Antony Blinken",
    "Jens Stoltenberg",
    "Ursula von der Leyen",
    "Alexander Lukashenko",
    "Kassym-Jomart Tokayev",
    "Mario Draghi",
    "Andrzej Duda",
    "Justin Trudeau",
    "Fumio Kishida",
    "Mikhail Mishustin",
    "Sergei Shoigu",
    "Denys Shmyhal",
    "Andriy Yermak",
    "Charles Michel",
]
KNOWN_COUNTRIES = {
    "Russia": "RU",
    "Ukraine": "UA",
    "United States": "US",
    "China": "CN",
    "Germany": "DE",
    "France": "FR",
    "United Kingdom": "GB",
    "Poland": "PL",
    "Turkey": "TR",
    "India": "IN",
    "Belarus": "BY",
    "Kazakhstan": "KZ",
    "Italy": "IT",
    "Japan": "JP",
    "Canada": "CA",
    "Brazil": "BR",
    "Iran": "IR",
    "Israel": "IL",
    "Syria": "SY",
    "Egypt": "EG",
    "Australia": "AU",
    "Spain": "ES",
    "Sweden": "SE",
    "Finland": "FI",
    "Georgia": "GE",
}
KNOWN_ORGS = [
    "NATO",
    "European Union",
    "United Nations",
    "Kremlin",
    "BRICS",
    "IMF",
    "World Bank",
    "OSCE",
    "G20",
    "European Commission",
    "Security Council",
    "Gazprom",
    "Reuters",
    "WHO",
    "European Council",
]
FIRST_NAMES = [
    "Anna",
    "Boris",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ivan",
    "Julia",
    "Kofi",
    "Lena",
    "Marta",
    "Nikolai",
    "Olga",
    "Pavel",
    "Rosa",
    "Sergio",
    "Tanya",
    "Umar",
    "Vera",
    "Wei",
    "Yusuf",
    "Zofia",
    "Andriy",
    "Bogdan",
    "Chen",
    "Dana",
    "Emil",
    "Fatima",
    "Gustav",
    "Hanna",
    "Igor",
    "Jana",
    "Karim",
    "Lars",
]
LAST_NAMES = [
    "Ivanova",
    "Kowalski",
    "Schmidt",
    "Rossi",
    "Tanaka",
    "Petrenko",
    "Novak",
    "Haddad",
    "Larsen",
    "Moreau",
    "Garcia",
    "Okafor",
    "Singh",
    "Wang",
    "Yilmaz",
    "Kuznetsov",
    "Bondarenko",
    "Fischer",
    "Dubois",
    "Costa",
    "Nielsen",
    "Horvat",
    "Popescu",
    "Sato",
    "Kim",
    "Ali",
    "Meyer",
    "Lindqvist",
    "Marin",
    "Shevchenko",
    "Vasquez",
    "Brennan",
    "Adeyemi",
    "Zhou",
    "Rahman",
    "Ortega",
    "Kovacs",
    "Berg",
    "Mazur",
    "Demir",
]
STANCES = ["denies", "confirms", "no_comment", "claims", "supports", "opposes"]
CUES = {
    "says": "said",
    "denies": "denied",
    "confirms": "confirmed",
    "no_comment": "declined to comment",
    "claims": "claimed",
    "supports": "welcomed",
    "opposes": "rejected",
}
SENTENCE = re.compile(r"[^.!?]{40,300}[.!?]")


def read_seeds(folder: Path) -> list[dict[str, Any]]:
    """The seed articles of every ``*.jsonl`` file in ``folder`` (records without text are skipped)."""
    seeds: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
                if record.get("text") and record.get("title"):
                    seeds.append(record)
    if not seeds:
        raise SystemExit(f"{folder}: no seed articles (*.jsonl with title and text)")
    return seeds


def cut(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars`` at the last paragraph (or sentence) end."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    end = max(head.rfind("\n"), head.rfind(". "))
    return head[: end + 1] if end > max_chars // 2 else head


def enrichment(text: str, rng: random.Random, tail: list[str]) -> dict[str, Any]:
    """Synthetic enrichment fields of one document (see the module docstring)."""
    persons = [p for p in KNOWN_PERSONS if p.split()[-1] in text]
    if rng.random() < 0.6:
        persons += rng.sample(tail, rng.randint(1, 3))
    countries = [{"code": code, "name": name} for name, code in KNOWN_COUNTRIES.items() if name in text]
    orgs = [{"name": o, "country": None} for o in KNOWN_ORGS if o in text]
    sentences = SENTENCE.findall(text)
    statements = []
    for speaker in persons[:3]:
        for _ in range(rng.randint(1, 3) if sentences and rng.random() < 0.7 else 0):
            stance = rng.choice(STANCES) if rng.random() < 0.35 else "says"
            content = rng.choice(sentences).strip()[:200]
            lead = f"{speaker} {CUES[stance]} that "
            evidence = lead + content
            statements.append(
                {
                    "speaker": speaker,
                    "speaker_text": speaker,
                    "speaker_type": "person",
                    "speaker_country": None,
                    "resolved": True,
                    "stance": stance,
                    "cue": CUES[stance],
                    "content": content,
                    "direct": rng.random() < 0.4,
                    "evidence": evidence,
                    "start": 0,
                    "end": len(evidence),
                    "content_start": len(lead),
                    "content_end": len(evidence),
                    "target": None,
                }
            )
    return {
        "persons": [{"name": p, "mentions": 1} for p in persons],
        "countries": countries,
        "places": [],
        "organizations": orgs,
        "statements": statements,
        "stances": sorted({s["stance"] for s in statements}),
        "speakers": sorted({s["speaker"] for s in statements}),
        "speaker_stance": sorted({f"{s['speaker']}|{s['stance']}" for s in statements}),
    }


def generate(seeds: list[dict[str, Any]], count: int, max_chars: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``count`` index-ready documents made from ``seeds`` (deterministic for a given ``seed``)."""
    rng = random.Random(seed)
    tail = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    first_day, span = date(2015, 1, 1), (date(2024, 12, 31) - date(2015, 1, 1)).days
    for number in range(count):
        base = seeds[number % len(seeds)]
        copy = number // len(seeds)
        text = cut(str(base["text"]), max_chars)
        day = first_day + timedelta(days=rng.randint(0, span))
        doc_id = f"bench-{number:07d}"
        mentioned = [(day - timedelta(days=rng.randint(0, 30))).isoformat() for _ in range(rng.randint(0, 2))]
        yield {
            "id": doc_id,
            "url": f"https://bench.example/{doc_id}",
            "source": base.get("source") or "seed",
            "title": str(base["title"]) + (f" ({copy + 1})" if copy else ""),
            "text": text,
            "published": day.isoformat(),
            "published_source": "metadata",
            "language": "en",
            "content_hash": f"{number:032x}",
            "enrichment_version": 1,
            "indexed_at": "2025-01-01T00:00:00+00:00",
            "origin": {"file": "generated", "line": number + 1},
            "word_count": len(text.split()),
            "dates": sorted(set(mentioned)),
            **enrichment(text, rng, tail),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of seed *.jsonl files")
    parser.add_argument("--count", type=int, default=100_000, help="documents to generate")
    parser.add_argument("--max-chars", type=int, default=6000, help="longest text kept per document")
    parser.add_argument("--out", type=Path, required=True, help="JSON Lines file to write")
    args = parser.parse_args(argv)
    seeds = read_seeds(args.seeds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for document in generate(seeds, args.count, args.max_chars):
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    print(f"{args.count:,} documents from {len(seeds):,} seeds -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
