"""Which outlet published a page: from its address, else from what its furniture says of itself.

A page fetched or saved with its URL is named by the host (``www.independent.co.uk`` ->
"The Independent", through the known-outlet list in ``newsweave/data/outlets.tsv``; a host not on the
list is its own name). Scraped text has no address, but its furniture names the site: a copyright
line ("© 2019 The Paradigm"), an appeal ("The Independent is trusted by Americans…", "Subscribe to
News24", "Download The BOL News App"), a "Follow … on" line, the site's own domain written out
("CBSSports.com"). Only what the cleaner removed is read, never the body: an article that quotes
"the New York Times" was not published by it. Each kind of evidence scores its candidate name once
(a line repeated on the page is one piece of evidence):

* the site's domain, written in the furniture: 1 (3 in a copyright, subscription or follow line); a
  reporter's e-mail address at it: 2;
* a name after "Subscribe to", "Follow … on", "Download", "Sign up for", "Support", "on"/"to" before
  "App"/"newsletter", or before "is trusted"/"is on the ground": 3;
* a line where the site names itself in its navigation or credits ("Vox homepage", "Follow The Verge
  online:", "Advertise with IndieWire", "Search the BBC", "Senior editor at Gizmodo", "Andy Sahadeo |
  Fox News", "CBS News App"): 2;
* a name in a copyright line: 1, 2 with "All rights reserved" (in six languages);
* only as corroboration of the kinds above: a parent company's name cut before "Media", "Network",
  "Company"… ("© 2019 Vox Media, LLC" backs "Vox", and names nobody alone), a known outlet's name in a
  line where the site speaks of itself (2), the name alone on a line (1), the name opening three lines
  or more ("Al Jazeera World", "ZDNet China": 1).

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
# Lines where a site names itself in its navigation, masthead or credits ("Vox homepage", "Follow The
# Verge online:", "Advertise with Indiewire", "Search the BBC", "Senior editor at Gizmodo"): 2 points, as
# such a line also appears on a page that links to the outlet.
_SELF_NAMED = [
    re.compile(rf"^\s*{_NAME}\s+(?:homepage|home\s+page|main\s+menu)\b"),
    re.compile(rf"\bFollow\s+{_NAME}\s+online\b"),
    re.compile(rf"^\s*Follow\s+{_NAME}\s*:?\s*$"),
    re.compile(rf"^\s*{_NAME}\s+(?:Apps?|[Nn]ewsletters?)\s*!?\s*$"),
    re.compile(rf"^\s*(?:Jobs|Careers|Working)\s+(?:at|with)\s+{_NAME}\s*$"),
    re.compile(rf"\b(?:Advertise\s+with|Welcome\s+to|Stay\s+up\s+to\s+date\s+with|Why\s+you\s+can\s+trust)\s+{_NAME}"),
    re.compile(rf"^\s*(?:Search|Explore|About|Contact)\s+(?:the\s+)?{_NAME}\s*$"),
    re.compile(rf"^\s*(?:Back|Continue)\s+to\s+{_NAME}\s*$"),
    re.compile(rf"^\s*(?:More\s+(?:Great\s+)?|Popular\s+on\s+|More\s+[Ff]rom\s+|Elsewhere\s+on\s+(?:the\s+)?){_NAME}"),
    re.compile(rf"\b(?:[Ee]ditor|[Rr]eporter|[Ww]riter|[Cc]orrespondent|[Cc]ontributor)\s+(?:at|for)\s+{_NAME}"),
    re.compile(rf"[-–|/]\s*{_NAME}\s+(?:Staff|Contributor|Staff\s+Writer)\s*$"),
    re.compile(rf"^\s*(?:By\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){{0,2}},\s+{_NAME}\s+Staff\s*$"),
]
# A byline or credit line that ends in the outlet: "Andy Sahadeo | Fox News", "/ CBS News".
_CREDIT_LINE = re.compile(rf"^\s*(?:(?:By\s+)?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){{0,2}}\s*)?[|/]\s*{_NAME}\s*$")
# "All rights reserved" in the languages of the pages newsweave reads.
_RESERVED = re.compile(
    r"(?i)all\s+rights?\s+reserved|todos\s+os\s+direitos\s+reservados|todos\s+los\s+derechos\s+reservados|"
    r"tous\s+droits\s+r[ée]serv[ée]s|alle\s+rechte\s+vorbehalten|tutti\s+i\s+diritti\s+riservati"
)
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
    "apnews alerts contact me home menu search login more".split()
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
        name = re.sub(r"['’][sS]\b.*$", "", name.strip())  # "The Detroit News’s EUROPEAN UNION EXPERIENCE"
        name = re.sub(r"(?<=\w{3})\.\s+.*$", "", name)  # "AUTORACING. Todos os direitos reservados"
        name = re.sub(r"[\s.,;:|'’&-]+$", "", name)
        name = re.sub(
            r"\s+(?:All|Inc|LLC|Ltd|Pty|Limited|Company|Corporation|Newsletters?|App|via|on|Opinion|Section)\b.*$",
            "",
            name,
        )
        name = re.sub(r"(?:\s+(?:and|of|&))+$", "", name)  # "Senior editor at Gizmodo and pug aficionado"
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
        for patterns, points, kind in ((_STRONG, 3, "pattern"), (_SELF_NAMED, 2, "self")):
            for pattern in patterns:
                for m in pattern.finditer(line):
                    add(m.group(1), points, kind=kind)
        for m in _CREDIT_LINE.finditer(line):
            add(m.group(1), 2, kind="self", credit=True)  # "Andy Sahadeo | Fox News", "/ CBS News"
        for m in _COPYRIGHT.finditer(line):
            holder = line[m.start(1) : m.start(1) + 80]
            reserved = 1 if _RESERVED.search(line) else 0
            # a copyright line alone names no outlet (its holder may be a photographer, or a parent company:
            # "Vox Media, LLC" speaks for Vox only beside other evidence, through the name before "Media")
            parent = _PARENT.search(holder)
            name = m.group(1)
            if parent and parent.start() < len(name):
                name, kind = name[: parent.start()], "parent"
            else:
                kind = "copyright"
            if name.strip():
                add(name, 1 + reserved, kind=kind, credit=True)
        if speaks:
            for name in _known_names_in(line, but_not_before=_PARENT):
                add(name, 2, kind="known", credit=bool(_COPYRIGHT.search(line)))
    if not evidence:
        return None

    def label_key(name: str) -> str:
        key = _key(name)
        return _key(_by_name().get(key) or "") or key

    starts: Counter[str] = Counter()
    for line in set(lines):
        if len(line.split()) <= 3 and label_key(line) in evidence:
            evidence[label_key(line)]["masthead"] = 1  # the site's name alone on a line
        first = re.match(r"\s*((?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,2})\s*[|:\s]", line)
        if first:
            for k in range(len(first.group(1).split()), 0, -1):
                starts[label_key(" ".join(first.group(1).split()[:k]))] += 1
    for key, kinds in evidence.items():
        if starts[key] >= 3:
            kinds["sections"] = 1  # the name opens three lines or more: "Al Jazeera World", "ZDNet China"
    # a parent company's name ("Vox Media" -> "Vox"), the known list, a masthead line and section names
    # only corroborate: they name a site that also names itself in another way
    weak = {"parent", "known", "masthead", "sections"}
    scores = Counter({k: sum(kinds.values()) for k, kinds in evidence.items() if not set(kinds) <= weak})
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], -len(k), k))
    return shown[best] if scores[best] >= MIN_SCORE else None


@lru_cache(maxsize=1)
def _known_pattern() -> re.Pattern[str]:
    names = sorted({n for o in known_outlets() for n in (o.name, *o.aliases) if len(n) >= 3}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def _known_names_in(line: str, but_not_before: re.Pattern[str] | None = None) -> list[str]:
    """Known outlets' names written in a line, as written (case counts: "Time" is not "time"); with
    ``but_not_before``, not a name that a match of it follows ("Vox" in "Vox Media, LLC")."""
    out = []
    for m in _known_pattern().finditer(line):
        after = line[m.end() :].lstrip()
        if but_not_before is not None and but_not_before.match(after):
            continue
        out.append(m.group(1))
    return out


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
