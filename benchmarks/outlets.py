"""Naming a scraped page's outlet from its text alone, against the host of the page's true URL.

Every page of ``../shared/data/aeb-text/dev.jsonl`` (88 news pages as a scraper writes them, each
with the URL it came from) is cleaned without its URL, and the outlet newsweave names from what the
cleaner removed is compared with the URL's host:

* **right**: the name is the known outlet of that host (``newsweave/data/outlets.tsv``), or its
  letters contain the host's name or are contained in it ("Sportsnet.ca" / sportsnet.ca, "The
  Paradigm" / theparadigmng.com);
* **wrong**: another name; **unknown**: none given (what a page that does not say should get).

The pages are split in two halves by id (last hex digit even: half A, odd: half B). Rules are
read off half A's failures only (``--examples N`` shows half A's); half B is reported as held out.

Beside it, in the same run: *none* (never a name), *domains only* (the domain written most often
anywhere in the page) and *with the url* (the page cleaned with the ``url`` its row gives, as
``newsweave`` names a JSONL row that has one: by its host). The seeds are checked too: 001 The
Independent, 002 BOL News, 004 News24, 000 and 003 unknown.

    python benchmarks/outlets.py [--json] [--examples N]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import write_results  # noqa: E402

from newsweave.clean import clean_documents  # noqa: E402
from newsweave.clean.outlets import _DOMAIN, _domain_name, _key  # noqa: E402
from newsweave.ingest import read_inputs  # noqa: E402
from newsweave.model import Document  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "aeb-text" / "dev.jsonl"
SEEDS = {"001": "The Independent", "002": "BOL News", "004": "News24", "000": None, "003": None}


def verdict(name: str | None, url: str) -> str:
    if not name:
        return "unknown"
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if _domain_name(host) == name:
        return "right"
    label = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 2)[0] if host.count(".") >= 2 else host.split(".")[0])
    key = _key(name)
    return "right" if label and (label in key or (len(key) >= 4 and key in label)) else "wrong"


def half_of(page_id: str) -> str:
    return "A" if int(page_id[-1], 16) % 2 == 0 else "B"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").split("\n") if line.strip()]
    docs = [
        Document(
            id=r["id"],
            source=r["id"],
            content=r["text"],
            kind="text",
            sha256=hashlib.sha256(r["text"].encode()).hexdigest(),
        )
        for r in rows
    ]
    articles, rejected = clean_documents(docs)
    named = {a.id: a.outlet for a in articles}
    # as a user gets it: the JSONL row's url given with the page
    with_url, _ = clean_documents([dataclasses.replace(d, url=r["url"]) for d, r in zip(docs, rows, strict=True)])
    named_with_url = {a.id: a.outlet for a in with_url}
    results: dict[str, Counter[str]] = {
        "newsweave": Counter(),
        "none": Counter(),
        "domains only": Counter(),
        "with the url": Counter(),
    }
    halves: dict[str, Counter[str]] = {"A": Counter(), "B": Counter()}
    examples = []
    for r in rows:
        v = verdict(named.get(r["id"]), r["url"])
        half = half_of(r["id"])
        results["newsweave"][v] += 1
        halves[half][v] += 1
        results["none"]["unknown"] += 1
        results["with the url"][verdict(named_with_url.get(r["id"]), r["url"])] += 1
        domains = Counter(m.group(1).lower() for m in _DOMAIN.finditer(r["text"]))
        results["domains only"][verdict(domains.most_common(1)[0][0] if domains else None, r["url"])] += 1
        if v != "right" and half == "A":
            examples.append((v, r["url"], named.get(r["id"])))
    seeds, _ = read_inputs([ROOT / "examples" / "putin-mothers"])
    seed_articles, _ = clean_documents(seeds)
    seed_named = {a.id: a.outlet for a in seed_articles}
    seed_ok = {aid: _key(want or "") == _key(seed_named.get(aid) or "") for aid, want in SEEDS.items()}
    n = len(rows)
    summary = {system: {k: round(c[k] / n, 3) for k in ("right", "wrong", "unknown")} for system, c in results.items()}
    by_half = {
        h: {"pages": sum(c.values()), **{k: round(c[k] / sum(c.values()), 3) for k in ("right", "wrong", "unknown")}}
        for h, c in halves.items()
    }
    out = {
        "pages": n,
        "rejected": len(rejected),
        "systems": summary,
        "halves": by_half,
        "seeds": seed_named,
        "seeds_right": seed_ok,
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{n} aeb-text dev pages, named from their text alone (URL withheld):")
        for system, s in summary.items():
            print(f"  {system:13s} right {s['right']:.3f}  wrong {s['wrong']:.3f}  unknown {s['unknown']:.3f}")
        for h, s in by_half.items():
            held = "rules read off it" if h == "A" else "held out"
            print(f"  half {h} ({s['pages']} pages, {held}): right {s['right']:.3f}  wrong {s['wrong']:.3f}")
        print(
            "seeds:",
            {k: v for k, v in seed_named.items()},
            "all as expected" if all(seed_ok.values()) else "NOT as expected",
        )
        for v, url, name in examples[: args.examples]:
            print(f"  [{v}] {url[:70]} -> {name!r}")
    write_results("outlets", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
