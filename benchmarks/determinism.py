"""Same articles, same briefing: how many briefings change with the hash seed or the input order.

A briefing is evidence: run twice on the same articles it must say the same thing. This benchmark
briefs every story of the seeds and every ECB+ dev event (and, with ``--multinews``, every Multi-News
dev story) in three separate processes, each from the raw documents through the whole pipeline
(``brief_documents``: clean -> dedup -> analyze -> summarize):

* ``A``: ``PYTHONHASHSEED=1``, documents in file order;
* ``B``: ``PYTHONHASHSEED=2``, documents in file order (Python orders sets of strings by the seed),
  and with ``--seeds N`` as many seeds in all (``B3``: 3, ``B4``: 4, …; default 3);
* ``C``: ``PYTHONHASHSEED=1``, documents in reverse order (files named in another order, a feed
  that lists its items the other way round).

Each briefing is written as the JSON the CLI writes (``render.jsonout.to_json``) without its timings
(``stats``). ``A`` against ``B`` and ``A`` against ``C`` count the briefings that are not byte-identical,
and for each part of the briefing (claims, quotes, numbers, conflicts, timeline, summary, …) how
many stories it differs in. The listing of ``articles`` may follow the input; it is compared as a
set (sorted by id). Target (issue "Same articles, same briefing"): 0 changed briefings.

``--stores`` adds the paths through a store: the seeds and ECB+ dev events as one JSONL corpus, through
``batch`` with the local engine, ``ingest`` of the rows in reverse in batches of 25, and ``batch`` on a
Dask LocalCluster with one and with two workers; each stored story is briefed and compared with the
local batch's story of the same articles (how many stories hold other articles is reported apart:
grouping by arrival order is the issue "Stories that do not depend on arrival order").

    python benchmarks/determinism.py [--multinews] [--seeds N] [--stores] [--json] [--examples N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, environment, make_console, write_results  # noqa: E402
from _stories import ECB_FILE, ECB_MIN_ARTICLES, SEEDS_DIR, _jsonl, ecb_documents  # noqa: E402

# condition -> (PYTHONHASHSEED, reversed input); ``--seeds`` adds B2, B3, … with other seeds
CONDITIONS = {"A": ("1", False), "B": ("2", False), "C": ("1", True)}


def story_documents(data: Path, multinews: bool) -> dict[str, list[Any]]:
    """The raw documents of each story, in file order: the seeds and every ECB+ dev event with at least
    :data:`ECB_MIN_ARTICLES` articles (and the Multi-News dev stories)."""
    from collections import defaultdict

    from newsweave.ingest import read_inputs

    out: dict[str, list[Any]] = {}
    docs, _ = read_inputs([SEEDS_DIR])
    out["seeds"] = list(docs)
    clusters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _jsonl(data / ECB_FILE):
        clusters[row["cluster"]].append(row)
    for name in sorted(clusters, key=lambda c: (int(c.split("_")[0]), c)):
        if len(clusters[name]) >= ECB_MIN_ARTICLES:
            out[f"ecb {name}"] = ecb_documents(clusters[name])
    if multinews:
        from _stories import MN_FILE, MN_MIN_DOCUMENTS, multinews_text

        from newsweave.model import Document

        for line, row in enumerate(_jsonl(data / MN_FILE)):
            texts = [t for t in (multinews_text(d) for d in row["documents"]) if t]
            if len(texts) >= MN_MIN_DOCUMENTS:
                out[f"multinews L{line:03d}"] = [
                    Document(id=f"{row['id']}-{i}", source=f"mds#L{line + 1}:{i}", content=t, kind="text")
                    for i, t in enumerate(texts)
                ]
    return out


def canonical_json(briefing: Any) -> dict[str, Any]:
    """The briefing as the CLI writes it, without timings; ``articles`` sorted by id."""
    from newsweave.render.jsonout import to_dict

    data = json.loads(json.dumps(to_dict(briefing), ensure_ascii=False))
    data.pop("stats", None)
    data["articles"] = sorted(data.get("articles", []), key=lambda a: a["id"])
    return data


def worker(out: Path, reverse: bool, multinews: bool, engine: str, workers: int) -> None:
    """Brief every story into ``out/<n>.json`` (run in its own process, with its own hash seed)."""
    from newsweave.errors import NoArticles
    from newsweave.pipeline import brief_documents

    stories = story_documents(data_dir(), multinews)
    names = sorted(stories)
    (out / "names.json").write_text(json.dumps(names), encoding="utf-8")
    for n, name in enumerate(names):
        docs = list(reversed(stories[name])) if reverse else stories[name]
        try:
            briefing = brief_documents(docs)
        except NoArticles as exc:
            result: dict[str, Any] = {"error": str(exc)}
        else:
            result = canonical_json(briefing)
        (out / f"{n}.json").write_text(json.dumps(result, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _run(condition: str, root: Path, args: argparse.Namespace, conditions: dict[str, tuple[str, bool]]) -> Path:
    seed, reverse = conditions[condition]
    out = root / condition
    out.mkdir()
    cmd = [sys.executable, __file__, "--worker", str(out), "--engine", args.engine, "--workers", str(args.workers)]
    cmd += ["--reverse"] if reverse else []
    cmd += ["--multinews"] if args.multinews else []
    subprocess.run(cmd, check=True, env={**os.environ, "PYTHONHASHSEED": seed})
    return out


def compare(a: Path, b: Path) -> tuple[int, Counter[str], list[str]]:
    """How many briefings differ, in how many stories each part differs, and which stories."""
    names = json.loads((a / "names.json").read_text(encoding="utf-8"))
    parts: Counter[str] = Counter()
    changed = []
    for n, name in enumerate(names):
        x = (a / f"{n}.json").read_text(encoding="utf-8")
        y = (b / f"{n}.json").read_text(encoding="utf-8")
        if x == y:
            continue
        changed.append(name)
        dx, dy = json.loads(x), json.loads(y)
        for key in sorted(set(dx) | set(dy)):
            if dx.get(key) != dy.get(key):
                parts[key] += 1
    return len(names), parts, changed


# -- stores and engines ------------------------------------------------------------------------------


def _write_corpus(stories: dict[str, list[Any]], folder: Path, reverse: bool) -> Path:
    """Every story's documents as one JSONL file (rows in story order, or all reversed)."""
    rows = [
        {"id": d.id, "text": d.content, "title": d.title, "published": d.published}
        for name in sorted(stories)
        for d in stories[name]
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (reversed(rows) if reverse else rows)),
        encoding="utf-8",
    )
    return path


def _store_briefings(db: Path) -> dict[tuple[str, ...], str]:
    """Every stored story of two or more articles, briefed: article ids -> canonical JSON."""
    from newsweave.pipeline import brief_articles
    from newsweave.store import open_store

    out = {}
    with open_store(db) as store:
        for story in store.stories():
            articles = store.articles(story.id)
            if len(articles) >= 2:
                key = tuple(sorted(a.id for a in articles))
                data = canonical_json(brief_articles(articles))
                for a in data["articles"]:
                    a.pop("source", None)  # the file and line it was read from: another file, another line
                out[key] = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return out


def stores(data: Path, console: Any) -> dict[str, Any]:
    """The seeds and the ECB+ dev events through four paths into stores: ``batch`` with the local
    engine (file order), ``ingest`` of the rows reversed in batches of 25, and ``batch`` on Dask with
    one and with two workers. Each store's stories are briefed; a story is compared with the local
    batch's story of the same articles."""
    import shutil

    from newsweave.config import IngestOptions, Options
    from newsweave.engines import LocalEngine, run_batch
    from newsweave.ingest import read_sources
    from newsweave.store import open_store
    from newsweave.store.ingest import ingest_documents

    stories = story_documents(data, multinews=False)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        forward = _write_corpus(stories, root / "fwd", reverse=False)
        backward = _write_corpus(stories, root / "rev", reverse=True)
        dbs = {}
        dbs["batch local"] = root / "local.db"
        with open_store(dbs["batch local"]) as store:
            run_batch(store, [forward], engine=LocalEngine())
        dbs["ingest reversed, batches of 25"] = root / "rev.db"
        with open_store(dbs["ingest reversed, batches of 25"]) as store:
            items = list(read_sources([backward], options=IngestOptions()))
            for k in range(0, len(items), 25):
                ingest_documents(store, items[k : k + 25], options=Options())
        try:
            from newsweave.engines.dask_engine import DaskEngine
        except ImportError:  # the [dask] extra is not installed
            DaskEngine = None  # noqa: N806
        if DaskEngine is not None:
            for workers in (1, 2):
                engine = DaskEngine(None, workers=workers, shuffle_from=0)
                try:
                    dbs[f"batch dask, {workers} worker(s)"] = root / f"dask{workers}.db"
                    with open_store(dbs[f"batch dask, {workers} worker(s)"]) as store:
                        run_batch(store, [forward], engine=engine)
                finally:
                    engine.close()
        briefed = {name: _store_briefings(db) for name, db in dbs.items()}
        reference = briefed["batch local"]
        for name, got in briefed.items():
            if name == "batch local":
                continue
            same_sets = set(got) & set(reference)
            changed = [k for k in same_sets if got[k] != reference[k]]
            results[name] = {
                "stories": len(got),
                "same_articles_as_local": len(same_sets),
                "other_groupings": len(set(got) ^ set(reference)),
                "changed_briefings": len(changed),
            }
            console.print(
                f"{name}: {len(same_sets)} of {len(got)} stories hold the same articles as the local batch's "
                f"({len(set(got) ^ set(reference))} groupings differ); of those, {len(changed)} briefings change"
            )
        shutil.rmtree(root, ignore_errors=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three conditions and print how many briefings change."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--multinews", action="store_true", help="also every Multi-News dev story")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--examples", type=int, default=5, help="name this many changed stories")
    parser.add_argument("--seeds", type=int, default=3, help="hash seeds besides A's (B, B3, B4, …)")
    parser.add_argument("--stores", action="store_true", help="also stores: batch local/Dask, ingest reversed")
    parser.add_argument("--engine", default="local", choices=["local"], help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--reverse", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.reverse, args.multinews, args.engine, args.workers)
        return 0
    console = make_console(stderr=args.json)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        conditions = dict(CONDITIONS)
        for k in range(3, args.seeds + 2):
            conditions[f"B{k}"] = (str(k), False)
        dirs = {c: _run(c, root, args, conditions) for c in conditions}
        results: dict[str, Any] = {}
        pairs = [(f"hash seed (A: 1 vs {c}: {conditions[c][0]})", c) for c in conditions if c.startswith("B")]
        for label, other in [*pairs, ("reversed input (A vs C)", "C")]:
            total, parts, changed = compare(dirs["A"], dirs[other])
            results[label] = {"stories": total, "changed": len(changed), "parts": dict(parts), "which": changed}
            console.print(f"{label}: {len(changed)} of {total} briefings change; parts: {dict(parts.most_common())}")
            if changed and args.examples:
                console.print(f"   e.g. {', '.join(changed[: args.examples])}")
    if args.stores:
        results["stores"] = stores(data_dir(), console)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    results["environment"] = environment()
    write_results("determinism", results)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
