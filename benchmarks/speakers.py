"""Quote speakers against labels written by hand: right, wrong or missing, per story and per half.

Labels (``benchmarks/data/quote_speakers.jsonl``) were written by reading the cleaned texts of ten dev
stories (seven ECB+ events, three Multi-News stories), without newsweave's output: every quotation of
four or more words in double quotation marks, one line per piece, with the offset of its first quoted
character in the cleaned text, the speaker a careful reader understands (a full name, a description
when the person is never named, an organisation for a document, or ``null`` when the article does not
say), and the ways the article writes that speaker (``variants``). ``benchmarks/data/quote_speakers.md``
says how they were made.

Every labelled story is loaded as ``facts.py`` loads it (``_stories.load_stories``: cleaned by
``clean_documents``, ECB+ tokeniser spaces undone in the loader) and analysed as the product does
(``find_syndication`` -> ``analyze``). A label is matched to the quotation whose mention overlaps its
words in its article. The speaker **shown** for it is the quotation's ``speaker`` (what the briefing
prints beside the quote); the speaker **as attributed** is the mention's own attribution (``speakers``).
Each is:

* **right** when it names the labelled speaker (the same words as one of ``variants``, or the
  speaker's surname without another first name), or when both are empty;
* **wrong** when it names someone else (or anyone, where the label says the article does not tell);
* **missing** when it is empty, or the quotation was not found, and the label names a speaker.

Targets (issue "Who said it, and when"): right >= 0.9, wrong <= 0.03 (missing is better than wrong).
Reported per half (odd and even ECB+ topics / Multi-News lines, as in ``facts.py``) with a 95%
bootstrap interval over stories.

    python benchmarks/speakers.py [--set dev|unseen|fresh] [--json] [--examples N] [--story NAME]
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import make_console  # noqa: E402
from _labels import check_offsets, label_file, labelled_stories, parser, read_labels, report, say  # noqa: E402
from _stories import Story  # noqa: E402

from newsweave.analyze.run import analyze  # noqa: E402
from newsweave.dedup import find_syndication  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DROP = frozenset("the a an his her their its".split())


def _norm(text: str) -> str:
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    while words and words[0] in _DROP:
        words = words[1:]
    return " ".join(words)


def _surname(name: str) -> str | None:
    caps = [w for w in _WORD.findall(name) if w[:1].isupper()]
    caps = [w for w in caps if w.lower() not in {"jr", "sr", "ii", "iii"}]
    return caps[-1].lower() if caps else None


def names_speaker(shown: str | None, label: dict[str, Any]) -> bool:
    """Whether ``shown`` names the labelled speaker: one of the label's forms, or its surname (one letter
    of spelling aside: "Heffner" / "Hefner") with first names that do not contradict the label's
    ("Kelly", "Raymond W. Kelly", "Commissioner Raymond Kelly" for Raymond Kelly; "Bettie Mae Page" for
    Bettie Page; "Barack Obama" for an "Obama" the article never gives a first name; not "Mahnefah
    Gray" for Kimani Gray)."""
    if not shown:
        return False
    target = _norm(shown)
    forms = {_norm(v) for v in [label["speaker"], *label.get("variants", [])] if v}
    if target in forms or any(len(f.split()) >= 2 and (f in target or target in f) for f in forms):
        return True
    surname = _surname(label["speaker"] or "")
    words = [re.sub(r"['’]s$", "", w.lower()) for w in _WORD.findall(shown)]  # "Willoughby's letter"
    at = next((i for i, w in enumerate(words) if _spelled_alike(w, surname or "")), None)
    if not surname or at is None:
        return False
    mine = _given_names(_WORD.findall(shown)[:at])
    theirs: set[str] = set()
    for v in [label["speaker"], *label.get("variants", [])]:
        if v:
            vw = _WORD.findall(v)
            k = next((i for i, w in enumerate(vw) if _spelled_alike(w.lower(), surname)), None)
            if k is not None:
                theirs |= _given_names(vw[:k])
    return not mine or not theirs or bool(mine & theirs)


def _spelled_alike(a: str, b: str) -> bool:
    """The same word, or for words of five letters or more, one letter added, dropped or changed."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _given_names(words: Sequence[str]) -> set[str]:
    """Capitalised words before a surname that are neither titles nor initials."""
    return {w.lower() for w in words if w[:1].isupper() and len(w) > 1 and w.lower() not in _TITLES}


_TITLES = frozenset(
    "mr mrs ms dr sen rep gov lt sgt det capt officer chief commissioner president minister spokesman "
    "spokeswoman sheriff deputy coach judge attorney general mayor director secretary professor police "
    "city county state district councilman senator governor dist atty assistant u s".split()
)


def verdict(shown: str | None, label: dict[str, Any]) -> str:
    """``right``, ``wrong`` or ``missing`` for one label."""
    if label["speaker"] is None:
        return "right" if not shown else "wrong"
    if not shown:
        return "missing"
    return "right" if names_speaker(shown, label) else "wrong"


def score_story(story: Story, labels: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each label of one story with the speaker shown, the speaker attributed and both verdicts."""
    check_offsets(story, list(labels), "quote")
    analysis = analyze(story.articles, find_syndication(story.articles))
    rows = []
    for label in labels:
        start = label["start"]
        end = start + len(label["quote"])
        shown = attributed = None
        found = False
        for quote in analysis.quotes:
            for mention, said in zip(quote.mentions, quote.speakers or (None,) * len(quote.mentions), strict=False):
                if mention.article == label["article"] and mention.start < end and start < mention.end:
                    found, shown, attributed = True, quote.speaker, said
                    break
            if found:
                break
        rows.append(
            {
                **label,
                "found": found,
                "shown": shown,
                "attributed": attributed,
                "verdict": verdict(shown, label),
                "verdict_attributed": verdict(attributed, label),
            }
        )
    return rows


def _rates(rows: Sequence[dict[str, Any]], key: str) -> dict[str, float]:
    counts = Counter(r[key] for r in rows)
    n = max(1, len(rows))
    return {v: counts[v] / n for v in ("right", "wrong", "missing")}


def _interval(by_story: dict[str, list[dict[str, Any]]], key: str, what: str, seed: int = 0) -> list[float]:
    rng = random.Random(seed)
    names = sorted(by_story)
    values = []
    for _ in range(1000):
        pick = [r for _ in names for r in by_story[rng.choice(names)]]
        values.append(_rates(pick, key)[what] if pick else 0.0)
    values.sort()
    return [values[25], values[974]]


def main(argv: Sequence[str] | None = None) -> int:
    """Score the labelled quotations and print the tables."""
    command = parser(__doc__, "wrong or missing labels")
    command.add_argument("--story", help="only this story (its folder name, e.g. ecb_19_ecbplus)")
    args = command.parse_args(argv)
    name = label_file("quote_speakers.jsonl", args.set)
    console = make_console(stderr=args.json)
    wanted = {k: v for k, v in read_labels(name).items() if not args.story or k == args.story}
    stories = labelled_stories()
    rows: list[dict[str, Any]] = []
    half_of: dict[str, str] = {}
    for name in sorted(wanted):
        story = stories[name]
        half_of[name] = story.half or ""
        rows += score_story(story, wanted[name])
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_story[r["story"]].append(r)
    results: dict[str, Any] = {"labels": len(rows), "stories": len(by_story)}
    for key, title in (("verdict", "shown"), ("verdict_attributed", "attributed")):
        entry: dict[str, Any] = {"all": _rates(rows, key)}
        entry["right_ci"] = _interval(by_story, key, "right")
        entry["wrong_ci"] = _interval(by_story, key, "wrong")
        for half in ("odd", "even"):
            part = [r for r in rows if half_of[r["story"]] == half]
            entry[half] = {**_rates(part, key), "n": len(part)}
        entry["by_story"] = {s: {**_rates(rs, key), "n": len(rs)} for s, rs in sorted(by_story.items())}
        entry["by_how"] = {
            h: {**_rates([r for r in rows if r.get("how") == h], key), "n": sum(r.get("how") == h for r in rows)}
            for h in sorted({r.get("how", "") for r in rows})
        }
        results[title] = entry
    results["unattributed_labels"] = sum(r["speaker"] is None for r in rows)
    results["not_found"] = sum(not r["found"] for r in rows)
    results["errors"] = [
        {k: r[k] for k in ("story", "article", "start", "quote", "speaker", "shown", "attributed", "verdict")}
        for r in rows
        if r["verdict"] != "right"
    ]
    report("speakers" if args.set == "dev" else f"speakers_{args.set}", results, args.json)
    shown = results["shown"]
    console.print(
        f"{len(rows)} labelled quotations in {len(by_story)} stories "
        f"({results['unattributed_labels']} the article does not attribute; {results['not_found']} not found)"
    )
    for title in ("shown", "attributed"):
        e = results[title]
        console.print(
            f"speaker {title}: right {e['all']['right']:.3f} (95% CI {e['right_ci'][0]:.2f}–{e['right_ci'][1]:.2f}), "
            f"wrong {e['all']['wrong']:.3f} ({e['wrong_ci'][0]:.2f}–{e['wrong_ci'][1]:.2f}), "
            f"missing {e['all']['missing']:.3f}; odd half right {e['odd']['right']:.3f} (n={e['odd']['n']}), "
            f"even half {e['even']['right']:.3f} (n={e['even']['n']})"
        )
    for s, v in shown["by_story"].items():
        console.print(
            f"  {s:18s} n={v['n']:3d} right {v['right']:.2f} wrong {v['wrong']:.2f} missing {v['missing']:.2f}"
        )
    for h, v in shown["by_how"].items():
        console.print(
            f"  how={h:13s} n={v['n']:3d} right {v['right']:.2f} wrong {v['wrong']:.2f} missing {v['missing']:.2f}"
        )
    for r in [r for r in rows if r["verdict"] != "right"][: args.examples]:
        say(
            console,
            f"[{r['verdict']}] {r['story']} {r['article']}@{r['start']} {r['quote'][:60]!r}: "
            f"label {r['speaker']!r}, shown {r['shown']!r}, attributed {r['attributed']!r}",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
