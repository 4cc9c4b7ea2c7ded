"""Which outlet published a page: from its address, else from what its furniture says of itself.

A page fetched or saved with its URL is named by the host (``www.independent.co.uk`` ->
"The Independent", through the known-outlet list in ``newsweave/data/outlets.tsv``; a host not on the
list is its own name). Scraped text has no address, but its furniture names the site: a copyright
line ("© 2019 The Paradigm"), an appeal ("The Independent is trusted by Americans…", "Subscribe to
News24", "Download The BOL News App"), a "Follow … on" line, the site's own domain written out
("CBSSports.com"). Only what the cleaner removed is read, never the body: an article that quotes
"the New York Times" was not published by it. Each line of evidence scores its candidate name:

* the site's domain, written in the furniture: 2 (3 in a copyright, subscription or follow line);
* a name after "Subscribe to", "Follow", "Download", "Sign up for", "Support", "on"/"to" before
  "App"/"newsletter", or before "is trusted"/"is on the ground": 3;
* a name in a copyright line: 1 (the holder is often a parent company: "Dow Jones", "Hearst");
* a known outlet's name or alias anywhere in the furniture: 2.

A name scoring 3 or more is the outlet; otherwise the outlet is unknown (``None``), never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

MIN_SCORE = 3


@dataclass(frozen=True)
class Outlet:
    """A known outlet: its usual name, its web domains and the other names pages give it."""

    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def known_outlets() -> tuple[Outlet, ...]:
    """The known-outlet list (``newsweave/data/outlets.tsv``)."""
    text = resources.files("newsweave").joinpath("data/outlets.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, domains, aliases = (line.split("\t") + ["", ""])[:3]
        out.append(Outlet(name.strip(), _split(domains), _split(aliases)))
    return tuple(out)


def _split(field: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in field.split(",") if x.strip())


@lru_cache(maxsize=1)
def _by_domain() -> dict[str, str]:
    return {d.lower(): o.name for o in known_outlets() for d in o.domains}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for o in known_outlets():
        for n in (o.name, *o.aliases):
            names.setdefault(_key(n), o.name)
    return names


def _key(name: str) -> str:
    """A name folded for comparison: "The BOL News" and "BOL News" are one."""
    words = re.findall(r"\w+", name.lower())
    if words and words[0] == "the":
        words = words[1:]
    return "".join(words)


def outlet_from_host(url: str | None) -> str | None:
    """The outlet of a page at ``url``: a known outlet's name for its domain, else the host itself
    (without ``www.``); ``None`` without a URL."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    return _domain_name(host) or host


def _domain_name(host: str) -> str | None:
    parts = host.split(".")
    for k in range(len(parts) - 1):  # "edition.cnn.com" -> "cnn.com"
        name = _by_domain().get(".".join(parts[k:]))
        if name:
            return name
    return None


_DOMAIN = re.compile(
    r"(?<![\w.-])((?:[A-Za-z0-9-]+\.)+(?:com|net|org|info|news|media|online|tv|io|co\.[a-z]{2}|com\.[a-z]{2}|[a-z]{2}))"
    r"(?![\w-]|\.[A-Za-z0-9])"
)
_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})")
_NAME = r"((?:The\s+)?[A-Z0-9][\w&'’.-]*(?:\s+(?:[A-Z0-9][\w&'’.-]*|of|and|&)){0,4})"
_STRONG = [
    re.compile(rf"\b(?:Subscribe|subscribe)\s+(?:to|for)\s+{_NAME}"),
    re.compile(rf"\b(?:Follow|follow)\s+(?:us\s+on\s+)?{_NAME}\s+on\b"),
    re.compile(rf"\bFollow\s+{_NAME}(?:\s+Opinion)?\s+(?:on|section)\b"),
    re.compile(rf"\bDownload\s+(?:the\s+)?{_NAME}\s+[Aa]pp\b"),
    re.compile(rf"\b(?:Sign\s+up\s+for|Support)\s+{_NAME}(?:['’]s)?\b"),
    re.compile(rf"\b(?:on|to|from|at)\s+{_NAME}\s*(?:App|newsletters?|Newsletters?)\b"),
    re.compile(rf"\bUpdates?\s+on\s+{_NAME}\s*$"),
    re.compile(rf"(?:^|\.\s+){_NAME}\s+is\s+(?:trusted|on\s+the\s+ground|independent|committed)\b"),
    re.compile(rf"\barticles\s+on\s+{_NAME}\b"),
]
# A copyright holder that is a company behind the site ("Hearst Communications", "CBS Interactive").
_PARENT = re.compile(
    r"(?i)\b(?:communications?|interactive|media|publishing|publications|group|holdings|company|corporation|"
    r"printers|enterprises|networks?|broadcasting|digital|partners)\b"
)
_COPYRIGHT = re.compile(
    rf"(?:©|\([cC]\)|ⓒ|[Cc]opyright|COPYRIGHT)\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?,?\s*)?(?:\([^)]*\)\s*)?{_NAME}"
)
# Lines where a site speaks of itself: a known outlet's name counts only in these.
_SELF = re.compile(
    r"(?i)©|copyright|all rights reserved|subscribe|follow|newsletter|download|\bapp\b|sign up|support us"
)
# Names that are platforms, credits or furniture, never the page's outlet.
_NOT_A_NAME = frozenset(
    "all rights reserved copyright policy terms privacy us our email newsletter newsletters now the this whats "
    "whatsapp facebook twitter instagram youtube google apple android ios wordpress wordpresscom linkedin "
    "pinterest telegram tiktok snapchat reddit flipboard amazon getty gettyimages shutterstock istock "
    "apnews alerts".split()
)
# Wire services and picture agencies: in a copyright line they credit a photo, not the page.
_CREDITS = frozenset({"Reuters", "The Associated Press", "Agence France-Presse", "Bloomberg"})
_PLATFORM_DOMAINS = re.compile(
    r"(?i)^(?:.*\.)?(?:facebook|twitter|instagram|youtube|google|apple|wordpress|linkedin|pinterest|amazon|"
    r"whatsapp|tiktok|t|bit|gravatar|disqus)\.[a-z.]+$"
)


def outlet_from_furniture(lines: Sequence[str]) -> str | None:
    """The outlet the removed furniture of a page names (see the module docstring), or ``None``."""
    evidence: dict[str, dict[str, int]] = {}  # candidate -> kind of evidence -> its best points
    shown: dict[str, str] = {}

    def add(name: str, points: int, *, kind: str, credit: bool = False) -> None:
        name = re.sub(r"[\s.,;:|'’-]+$", "", name.strip())
        name = re.sub(
            r"\s+(?:All|Inc|LLC|Ltd|Limited|Company|Corporation|Newsletters?|App|via|on|Opinion|Section)\b.*$", "", name
        )
        name = re.sub(r"[\s.,;:|'’-]+$", "", name)  # "The Paradigm. All Rights Reserved."
        key = _key(name)
        first = _key(name.split()[0]) if name.split() else ""
        if len(key) < 2 or key in _NOT_A_NAME or (first != "the" and first in _NOT_A_NAME):
            return
        if "." in name and _PLATFORM_DOMAINS.match(name):
            return
        canonical = _by_name().get(key) or _domain_name(name.lower().removeprefix("www."))
        if credit and canonical in _CREDITS:
            return
        label = canonical or name
        kinds = evidence.setdefault(_key(label), {})
        kinds[kind] = max(kinds.get(kind, 0), points)  # a line repeated on the page is one piece of evidence
        shown.setdefault(_key(label), label)

    for line in lines:
        speaks = bool(_SELF.search(line))
        for m in _EMAIL_DOMAIN.finditer(line):
            add(m.group(1), 2, kind="email")  # a reporter's address at the outlet's domain
        for m in _DOMAIN.finditer(line):
            if line[max(0, m.start() - 1) : m.start()] == "@":
                continue
            add(m.group(1), 3 if speaks else 1, kind="domain")
        for pattern in _STRONG:
            for m in pattern.finditer(line):
                add(m.group(1), 3, kind="pattern")
        for m in _COPYRIGHT.finditer(line):
            holder = line[m.start(1) : m.start(1) + 80]
            reserved = 1 if re.search(r"(?i)all\s+rights?\s+reserved", line) else 0
            # a copyright line alone names no outlet (its holder is often a parent company, or a photographer)
            add(m.group(1), (0 if _PARENT.search(holder) else 1) + reserved, kind="copyright", credit=True)
        if speaks:
            for name in _known_names_in(line):
                add(name, 2, kind="known", credit=bool(_COPYRIGHT.search(line)))
    if not evidence:
        return None
    for line in lines:
        if len(line.split()) <= 3 and _key(line) in evidence:
            evidence[_key(line)]["masthead"] = 1  # the site's name alone on a line
    scores = Counter({k: sum(kinds.values()) for k, kinds in evidence.items()})
    best = max(scores, key=lambda k: (scores[k], -len(k), k))
    return shown[best] if scores[best] >= MIN_SCORE else None


@lru_cache(maxsize=1)
def _known_pattern() -> re.Pattern[str]:
    names = sorted({n for o in known_outlets() for n in (o.name, *o.aliases) if len(n) >= 3}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def _known_names_in(line: str) -> list[str]:
    """Known outlets' names written in a line, as written (case counts: "Time" is not "time")."""
    return [m.group(1) for m in _known_pattern().finditer(line)]


def name_outlet(
    given: str | None, url: str | None, furniture: Sequence[str], site_name: str | None = None
) -> str | None:
    """A page's outlet: as given with the input, else the page's own site name (HTML metadata), else
    its URL's host, else what its furniture says (:func:`outlet_from_furniture`)."""
    for candidate in (given, site_name):
        if candidate and candidate.strip():
            name = candidate.strip()
            # a site name that is a host ("independent.co.uk", as trafilatura falls back to) is named as the host is
            return _by_name().get(_key(name)) or _domain_name(name.lower().removeprefix("www.")) or name
    return outlet_from_host(url) or outlet_from_furniture(furniture)
