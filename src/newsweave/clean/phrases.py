"""Data tables for the text cleaner: boilerplate phrases, section markers, line patterns.

Kept apart from the logic (as trafilatura keeps its XPaths) so they can be reviewed and extended
without reading the algorithm. Phrases are matched case-insensitively against a whole line or the
start of one; each table names a ``detail`` that is reported with every piece removed by it.

The phrases are the common furniture of news sites in English, French, German, Spanish, Portuguese,
Italian, Russian and Indonesian, collected from the article-extraction-benchmark pages, the seeds and
general knowledge of CMS templates; none is specific to one outlet.
"""

from __future__ import annotations

import re

# A line that is nothing but one of these is furniture, whatever surrounds it.
_STANDALONE = {
    "advertisement": [
        r"advertisement",
        r"advertising",
        r"sponsored( content)?",
        r"partner content",
        r"ad",
        r"ads",
        r"publicité",
        r"anzeige",
        r"werbung",
        r"publicidad",
        r"publicidade",
        r"pubblicità",
        r"реклама",
        r"iklan",
        r"story continues below(?: advertisement)?",
        r"continue reading below",
        r"article continues below(?: this ad)?",
        r"scroll to continue with content",
    ],
    "sharing": [
        r"share",
        r"share this( article| story)?",
        r"tweet",
        r"email",
        r"print",
        r"copy link",
        r"whatsapp",
        r"facebook",
        r"twitter",
        r"linkedin",
        r"pinterest",
        r"reddit",
        r"telegram",
        r"add bookmark",
        r"bookmark",
        r"save",
        r"partager",
        r"teilen",
        r"compartir",
        r"compartilhar",
        r"condividi",
        r"поделиться",
        r"bagikan",
    ],
    "navigation": [
        r"home",
        r"menu",
        r"search",
        r"close",
        r"close \(x\)",
        r"next article",
        r"previous article",
        r"next",
        r"previous",
        r"back to top",
        r"skip to (main )?content",
        r"exit mobile version",
        r"end of story",
        r"listen",
        r"play article",
        r"find more",
        r"learn more",
        r"more",
        r"see more",
        r"load more",
        r"show more",
        r"view all",
        r"results",
        r"vote",
        r"previous results",
        r"accreditation",
        r"news source",
        r"source",
        r"photo",
        r"video",
        r"gallery",
        r"\d+:\d+",
        r"watch",
    ],
    "related links": [
        r"see also:?",
        r"also read:?",
        r"read also:?",
        r"read more:?",
        r"related( articles| stories| news)?:?",
        r"more (news|stories)( on| from)?.*",
        r"read more news on",
        r"read more on:?",
        r"read more on:?",
        r"recommended( for you)?:?",
        r"you may also like:?",
        r"you might also like:?",
        r"most (read|popular|viewed)",
        r"trending( now)?",
        r"top stories",
        r"latest( news)?",
        r"lire aussi:?",
        r"à lire aussi:?",
        r"lesen sie auch:?",
        r"mehr zum thema:?",
        r"lee también:?",
        r"leia também:?",
        r"leggi anche:?",
        r"читайте также:?",
        r"baca juga:?",
        r"stories of the day",
        r".{0,20} stories of the day",
    ],
    "comments": [
        r"comments?",
        r"\d+ comments?",
        r"\[ ?\d+ comments? ?\]",
        r"leave a (reply|comment)",
        r"post a comment",
        r"join the (conversation|discussion)",
        r"join our commenting forum",
        r"show comments",
        r"view comments",
        r"kommentare",
        r"commentaires",
        r"comentarios",
        r"комментарии",
        r"komentar",
    ],
    "subscription": [
        r"subscribe( now| today)?",
        r"subscribe to .{1,40}",
        r"sign in",
        r"log ?in",
        r"sign up",
        r"register",
        r"newsletter",
        r"get the app",
        r"subscribers can listen to this article",
    ],
}

# Phrases that mark a whole line (or a leading sentence glued to body text) as furniture.
_PREFIX = {
    "donation appeal": [
        r"your support (helps|makes|means)",
        r"support (our|independent) journalism",
        r"please (consider )?(donat|support)",
        r"your donation",
        r"make a (one-off |monthly )?(donation|contribution)",
        r"become a (member|supporter|patron)",
        r"we (need|rely on) (your|readers')",
        r"help us (keep|continue)",
        r"donate( now| today)?\b",
        r"at such a critical moment .{0,40} we need",
        r"unlike many other (quality )?news (outlets|organisations)",
        r"we believe (quality )?journalism should be (available|free)",
        r"from reproductive rights to climate change",
        r"the independent is (on the ground|trusted)",
    ],
    "subscription": [
        r"subscribe to our",
        r"sign up (for|to) (our|the)",
        r"get (our|the) .{0,30}newsletter",
        r"for \d+ free days",
        r"already (a subscriber|have an account)",
        r"you have reached your (limit|free)",
        r"to continue reading",
        r"thereafter you will be billed",
        r"in times of uncertainty you need journalism",
        r"we live in a world where facts and fiction",
        r"create a free account",
        r"log in to (read|continue)",
        r"this (article|content) is (only )?(available|reserved) (to|for) subscribers",
        r"abonnez-vous",
        r"jetzt abonnieren",
        r"suscríbete",
        r"assine",
        r"abbonati",
        r"подпишитесь",
        r"berlangganan",
    ],
    "app prompt": [
        r"download (the|our) .{0,30}app",
        r"get the .{0,30} app",
        r"available on the app store",
        r"get it on google play",
        r"open in app",
    ],
    "machine-translation notice": [
        r"the english, .{0,80} versions are automatically generated",
        r"this (article|text|page) (was|has been|is) "
        r"(automatically |machine[- ])?translated",
        r"automatically translated",
        r"machine[- ]translated",
        r"translated (automatically|by (google|an? (ai|machine)))",
        r"(system|translation) supported by",
        r"there may (still )?be inaccuracies in (the )?translat",
        r"automatisch übersetzt",
        r"traduit automatiquement",
        r"traducido automáticamente",
        r"traduzido automaticamente",
        r"tradotto automaticamente",
    ],
    "cookie notice": [
        r"we use cookies",
        r"this (site|website) uses cookies",
        r"by (continuing|using) (to use )?this (site|website)",
        r"accept (all )?cookies",
        r"cookie (policy|settings)",
    ],
    "legal": [
        r"©",
        r"\(c\) \d{4}",
        r"copyright( ©)? \d{4}",
        r"all rights reserved",
        r"terms (and|&) conditions",
        r"terms of (use|service)",
        r"privacy policy",
        r"contact us",
        r"editorial feedback and complaints",
        r"contact the public editor",
        r"reproduction (in whole or in part )?(is )?(prohibited|forbidden)",
        r"this material may not be published",
        r"tous droits réservés",
        r"alle rechte vorbehalten",
        r"todos los derechos reservados",
        r"all jse data delayed",
    ],
    "social prompt": [
        r"follow (us|.{1,30}) on (twitter|facebook|instagram|x|telegram)",
        r"like us on facebook",
        r"join (us|our .{0,20}) on (telegram|whatsapp)",
        r"catch all the .{0,40} news",
        r"click here to",
        r"tap here to",
        r"share (this|your) (story|article|thoughts)",
        r"join thought-provoking conversations",
        r"follow other .{0,30} readers",
    ],
    "poll": [r"please select an option", r"oops! something went wrong", r"voting booth", r"\d{1,3}% - \d[\d,]* votes"],
    "error message": [r"something went wrong", r"javascript is (disabled|required)", r"please enable javascript"],
}

# Lines starting a block of comments, related links or footer: the article body does not go on after them.
_END_MARKERS = [
    r"comments?",
    r"\[? ?\d+ comments? ?\]?",
    r"leave a (reply|comment)",
    r"join our commenting forum",
    r"related( articles| stories| posts| news)?:?",
    r"more (stories|news)( from .{1,40})?",
    r"you may also like:?",
    r"you might also like:?",
    r"recommended( for you)?",
    r"most (read|popular|viewed)",
    r"read more news on",
    r"also read",
    r"see also:?",
    r"stories of the day",
    r".{0,20} stories of the day",
    r"end of story",
    r"about the author",
    r"share this (article|story|post)",
    r"tags?:",
    r"filed under:?",
    r"lire aussi",
    r"à lire aussi",
    r"lesen sie auch",
    r"lee también",
    r"leia também",
    r"leggi anche",
    r"читайте также",
    r"baca juga",
    r"news source",
    r"previous article",
    r"next article",
]


def _compile_whole(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"^\W*(?:" + "|".join(patterns) + r")\W*$", re.I)


STANDALONE: list[tuple[str, re.Pattern[str]]] = [(d, _compile_whole(p)) for d, p in _STANDALONE.items()]
PREFIX: list[tuple[str, re.Pattern[str]]] = [
    (d, re.compile(r"^\W*(?:" + "|".join(p) + ")", re.I)) for d, p in _PREFIX.items()
]
ANYWHERE: list[tuple[str, re.Pattern[str]]] = [
    (d, re.compile("(?:" + "|".join(p) + ")", re.I)) for d, p in _PREFIX.items()
]
END_MARKER = _compile_whole(_END_MARKERS)

# A market ticker or score line: a label and a number, or just a number / percentage change.
TICKER = re.compile(r"^\s*(?:[A-Za-z][\w .&/'-]{0,30}\s)?[-+]?[\d][\d,. ]*%?\s*$|^\s*[-+]\d+(?:[.,]\d+)?%\s*$")
# "9h ago", "2 days ago at 07:52 am", "18 Nov", "25 Jun 2021", "Updated: 19 November 2019, 09:01 AM".
TIMESTAMP = re.compile(
    r"^\s*(?:(?:updated|published|posted|last updated)\s*:?\s*)?"
    r"(?:\d+\s*(?:s|sec|m|min|mins|minutes?|h|hrs?|hours?|d|days?|weeks?|months?)\s+ago\b.*"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2}.*|date \d{4}-\d{2}-\d{2}.*)\s*$",
    re.I,
)
BYLINE = re.compile(r"^\s*(?:by|par|von|por|di|oleh|автор)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*[,|]?", re.U)
BULLET = re.compile(r"^\s*[•·▪►◦‣∙*-]\s*")


def standalone_detail(line: str) -> str | None:
    """The furniture type of a line that is nothing but a known furniture phrase, else ``None``."""
    for detail, pattern in STANDALONE:
        if pattern.match(line):
            return detail
    return None


def prefix_detail(text: str) -> str | None:
    """The furniture type of text that *starts* with a known boilerplate phrase, else ``None``."""
    for detail, pattern in PREFIX:
        if pattern.match(text):
            return detail
    return None


def has_phrase(text: str, detail: str) -> bool:
    """``text`` holds, anywhere, a boilerplate phrase of the type ``detail`` (one type's patterns only:
    much cheaper than :func:`anywhere_detail`, which tries every type)."""
    return any(pattern.search(text) for d, pattern in ANYWHERE if d == detail)


def anywhere_detail(text: str) -> str | None:
    """The furniture type of a boilerplate phrase found anywhere in ``text``, else ``None``."""
    for detail, pattern in ANYWHERE:
        if pattern.search(text):
            return detail
    return None


# Month names (and common abbreviations) in the languages above, for dates in page furniture:
# "25 November 2022", "14 octobre 2024", "14. Oktober 2024", "14 de octubre de 2024", "14 октября 2024".
_MONTH_NAMES = {
    1: "january jan janvier janv januar jän enero ene janeiro gennaio genn januari januari января январь",
    2: "february feb février févr februar febrero febr fevereiro fev febbraio febbr februari februari февраля февраль",
    3: "march mar mars märz marzo março marco maart maret марта март",
    4: "april apr avril abril aprile apr april апреля апрель",
    5: "may mai mayo maio maggio mei мая май",
    6: "june jun juin juni junio junho giugno juni июня июнь",
    7: "july jul juillet juil juli julio julho luglio juli июля июль",
    8: "august aug août agosto ago augustus agustus agu августа август",
    9: "september sep sept septembre septiembre setembro set settembre sett september сентября сентябрь",
    10: "october oct octobre oktober okt octubre outubro out ottobre ott oktober октября октябрь",
    11: "november nov novembre noviembre novembro novembre november нояб ноября ноябрь",
    12: "december dec décembre déc dezember dez diciembre dic dezembro dicembre desember desember декабря декабрь",
}
MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names.split()}
