"""Who is speaking: speaker noun phrases, what they are made of, and whether two can be one person.

A speaker as written is a pronoun ("he"), a name with or without a title ("Kremlin spokesman Dmitry
Peskov", "President Putin", "Peskov"), a description ("a spokesperson for the Kremlin", "the
president", "Russian sources") or an institution ("the Kremlin", "Moscow"). :func:`parse_speaker`
splits one into its name and its role; a role has a *head* (the kind of office: spokesperson, head of
state, minister …, from the tables below) and *qualifiers* (the institutions and countries it is
for: "Kremlin", "Russian"). :func:`same_speaker` compares two attributions: names by surname (and
first names when both give one), descriptions by role head and qualifiers, and a description against
a name by the roles written next to that name anywhere in the story (``context``).

The word tables serve :mod:`newsweave.analyze.people` too, whose noun-phrase finders are rules over
capitalisation and small word lists, for English first, with the common French and German forms ("le
porte-parole du Kremlin", "Kreml-Sprecher Dmitri Peskow").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

SpeakerKind = Literal["pronoun", "name", "description", "organization"]

# -- word tables -------------------------------------------------------------------------------------

PRONOUNS = frozenset({"he", "she", "il", "elle", "er", "sie"})
PLURAL_PRONOUNS = frozenset({"they", "we", "both", "ils", "elles", "wir"})
DETERMINERS = frozenset(
    {"a", "an", "the", "one", "le", "la", "les", "un", "une", "l’", "l'", "der", "die", "das", "ein", "eine"}
)
# Words that join a role to what it is for ("a spokesperson for the Kremlin", "le porte-parole du Kremlin").
CONNECTORS = frozenset({"of", "for", "from", "at", "de", "du", "des", "d’", "d'"})
# Lower-case particles inside names ("Ursula von der Leyen", "Charles de Gaulle").
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "bin", "al", "el", "le", "la"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "herr", "frau", "m", "mme", "mlle"})
# Capitalised words that are part of a title but not its head ("Defence Minister", "Prime Minister").
# Abbreviated titles: "Dist. Atty. Steve Cooley", "Det. Sgt. Lyons"; their dot is theirs, not a sentence's.
TITLE_ABBREVIATIONS = frozenset(
    "gen lt col maj capt sgt cpl adm cmdr sen gov rep prof st dist atty asst dep det supt insp rev hon pres".split()
)
TITLE_WORDS = TITLE_ABBREVIATIONS | frozenset(
    {"prime", "deputy", "vice", "chief", "senior", "first", "defence", "defense", "foreign", "interior",
     "finance", "justice", "health", "press", "acting", "former", "general", "lt", "gen", "col", "sen",
     "gov", "rep", "prof", "professor", "judge", "king", "queen", "prince", "pope", "bundes"}
)  # fmt: skip
# Capitalised words that start a sentence or a clause but are never part of a speaker's name.
CAP_STOP = frozenset(
    {"but", "and", "or", "so", "yet", "then", "when", "while", "after", "before", "however", "also", "meanwhile",
     "now", "today", "yesterday", "on", "in", "at", "as", "if", "since", "by", "with", "for", "from", "of", "to",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "june", "july", "august", "september", "october", "november", "december", "this",
     "that", "these", "those", "there", "here", "it", "its", "his", "her", "their", "our", "my", "i", "we",
     "you", "asked", "speaking", "writing", "mais", "et", "lors", "dans", "aber", "und", "am", "im"}
)  # fmt: skip
# Auxiliaries and adverbs allowed between a speaker and the verb ("Putin has told", "he also said").
AUX = frozenset(
    {"has", "had", "have", "also", "later", "then", "again", "further", "previously", "once", "reportedly",
     "repeatedly", "recently", "earlier", "quickly", "simply", "just", "was", "is", "would", "will", "could",
     "tearfully", "angrily", "quietly", "flatly", "bluntly", "proudly", "firmly", "publicly", "privately",
     "separately", "initially", "subsequently", "finally", "aussi", "auch"}
)  # fmt: skip

# Role heads, by the kind of office. Two descriptions whose heads fall in different groups cannot be
# one person ("the president" vs "a spokesperson"); "generic" heads (an official, a source) can be anyone.
ROLE_GROUPS: dict[str, frozenset[str]] = {
    "head_of_state": frozenset(
        {"president", "leader", "despot", "dictator", "strongman", "autocrat", "ruler", "head of state", "tsar",
         "czar", "président", "präsident", "staatschef", "kremlin chief", "chef de l’état", "chef de l'état"}
    ),
    "head_of_government": frozenset(
        {"prime minister", "premier", "chancellor", "kanzler", "premier ministre", "premier-ministre",
         "regierungschef"}
    ),
    "spokesperson": frozenset(
        {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokespersons", "spokesmen",
         "press secretary", "porte-parole", "sprecher", "sprecherin"}
    ),
    "minister": frozenset({"minister", "secretary", "ministre", "ministerin"}),
    "military": frozenset({"general", "commander", "colonel", "admiral", "officer", "chief of staff", "général"}),
    "lawmaker": frozenset({"lawmaker", "senator", "congressman", "congresswoman", "legislator", "député", "mp"}),
    "local": frozenset(
        {"governor", "mayor", "bürgermeister", "maire", "gouverneur", "councilman", "councilwoman", "councilor",
         "councillor", "alderman", "commissioner", "city manager"}
    ),
    "public_safety": frozenset(
        {"sheriff", "undersheriff", "deputy", "sergeant", "detective", "lieutenant", "captain", "trooper",
         "inspector", "constable", "superintendent", "marshal", "firefighter", "police chief", "fire chief"}
    ),
    "religious": frozenset({"pastor", "reverend", "priest", "bishop", "rabbi", "imam", "cleric"}),
    "sports": frozenset({"coach", "head coach", "quarterback", "general manager"}),
    "expert": frozenset(
        {"analyst", "expert", "watcher", "observer", "commentator", "researcher", "historian", "scholar", "professor"}
    ),
    "civilian": frozenset(
        {"mother", "mothers", "woman", "women", "man", "men", "resident", "residents", "witness", "witnesses",
         "wife", "father", "soldier", "soldiers", "survivor", "relative", "relatives", "mutter", "mère"}
    ),
    "media": frozenset(
        {"newspaper", "agency", "outlet", "reporter", "journalist", "editor", "correspondent", "channel",
         "broadcaster", "tabloid", "daily", "zeitung", "journal", "statement", "report", "study", "letter",
         "communique", "release"}
    ),
    "business": frozenset(
        {"ceo", "cfo", "coo", "chairman", "chairwoman", "founder", "co-founder", "executive", "director", "owner",
         "agent", "publicist"}
    ),
    "legal": frozenset({"judge", "lawyer", "attorney", "prosecutor", "counsel", "juge", "avocat", "richter", "anwalt"}),
    "generic": frozenset(
        {"official", "officials", "source", "sources", "aide", "aides", "adviser", "advisers", "advisor",
         "insider", "insiders", "representative", "person", "diplomat", "diplomats", "member", "people",
         "figure", "figures", "responsable", "berater", "vertreter", "chief"}
    ),
    "institution": frozenset(
        {"government", "ministry", "office", "administration", "army", "military", "police", "embassy",
         "regierung", "gouvernement", "ministère", "ministerium"}
    ),
}  # fmt: skip
_ROLE_WORD_GROUP = {w: g for g, words in ROLE_GROUPS.items() for w in words if " " not in w}
_ROLE_PHRASES = sorted(
    ((w, g) for g, words in ROLE_GROUPS.items() for w in words if " " in w), key=lambda x: -len(x[0])
)
_PLURAL_HEADS = frozenset(
    {"sources", "officials", "mothers", "women", "men", "residents", "witnesses", "soldiers", "relatives",
     "aides", "advisers", "insiders", "diplomats", "people", "figures", "spokespeople", "spokesmen",
     "authorities", "investigators", "prosecutors", "detectives", "firefighters", "neighbors", "neighbours",
     "protesters", "marchers", "students", "analysts", "experts", "lawmakers", "organizers", "organisers"}
)  # fmt: skip

# Institutions and places that speak ("the Kremlin said", "Moscow said"), with the country they stand
# for; nationality adjectives map to the same codes. Used to tell "a Kremlin spokesperson" from "a
# spokesperson from Vedomosti" and a Russian official from a Ukrainian one, nothing more.
COUNTRY_OF = {
    "russia": "ru", "russian": "ru", "russians": "ru", "kremlin": "ru", "moscow": "ru", "kreml": "ru",
    "kremls": "ru", "russe": "ru", "russisch": "ru", "russische": "ru", "russischen": "ru", "chechen": "ru",
    "ukraine": "ua", "ukrainian": "ua", "kyiv": "ua", "kiev": "ua", "ukrainien": "ua", "ukrainische": "ua",
    "us": "us", "u.s": "us", "u.s.": "us", "american": "us", "america": "us", "washington": "us",
    "pentagon": "us", "white": "us", "britain": "gb", "british": "gb", "uk": "gb", "london": "gb",
    "downing": "gb", "france": "fr", "french": "fr", "paris": "fr", "élysée": "fr", "elysee": "fr",
    "français": "fr", "germany": "de", "german": "de", "berlin": "de", "deutsche": "de", "china": "cn",
    "chinese": "cn", "beijing": "cn",
}  # fmt: skip
ORGANIZATIONS = frozenset(
    {"kremlin", "kreml", "kremls", "pentagon", "moscow", "kyiv", "kiev", "washington", "russia", "ukraine",
     "nato", "reuters", "tass", "interfax", "ria", "vedomosti", "bloomberg", "afp", "ap", "bbc", "cnn",
     "élysée", "elysee", "london", "paris", "berlin", "beijing", "china", "france", "germany", "britain",
     "downing", "white"}
)  # fmt: skip
# Institutions that are also a country's voice: qualifiers in their own right ("Kremlin spokesman" is
# not "Vedomosti spokesman"), unlike places and nationalities, which only give the country.
INSTITUTIONS = frozenset({"kremlin", "kreml", "kremls", "pentagon", "white", "downing", "élysée", "elysee", "nato"})
_ORG_ALIASES = {"kreml": "kremlin", "kremls": "kremlin", "elysee": "élysée"}

# Speech verbs after their subject ("Peskov told reporters", "Putin said:", "Scholz sagte:").
VERBS_AFTER_SUBJECT = (
    "(?:is|was|has been|had been) quoted as saying|"
    "said|says|say|told|tells|added|adds|continued|continues|explained|explains|stated|states|declared|noted|"
    "insisted|insists|warned|warns|asked|replied|responded|wrote|writes|confirmed|assured|stressed|emphasised|"
    "emphasized|argued|claimed|announced|admitted|acknowledged|recalled|remarked|commented|observed|suggested|"
    "urged|vowed|promised|conceded|complained|cautioned|tweeted|quipped|saying|telling|adding|stating|noting|"
    "explaining|declaring|insisting|warning|laughed|ordered|"
    "joked|shouted|yelled|pleaded|predicted|concluded|countered|recounted|testified|called|described|chanted|reads|posted|"
    "concurred|agreed|disagreed|notified|"
    "a déclaré|a dit|a affirmé|a ajouté|a expliqué|a poursuivi|a indiqué|a souligné|a assuré|a estimé|"
    "a répondu|a confirmé|déclare|affirme|ajoute|explique|estime|souligne|"
    "sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|schrieb|warnte|bestätigte|versicherte"
)
# Speech verbs before their subject, right after a quotation ("…,” said Peskov", "», a déclaré X", "“, so X").
VERBS_BEFORE_SUBJECT = (
    "said|says|added|adds|continued|explained|asked|wrote|writes|insisted|replied|noted|stressed|warned|laughed|"
    "according to|a déclaré|a dit|a affirmé|a ajouté|a expliqué|a poursuivi|a indiqué|a souligné|a assuré|"
    "a estimé|a répondu|a confirmé|déclare|affirme|ajoute|explique|dit|poursuit|estime|souligne|assure|"
    "confirme|selon|d’après|d'après|sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|schrieb|so|laut|"
    "fügte|ergänzte|warnte|bestätigte|versicherte"
)
ACCORDING_TO = re.compile(r"\b(?:according to|selon|d[’']après|laut)\s+", re.I)

# A word token: letters, then letters/digits/apostrophes/hyphens, with inner dots ("U.S"); punctuation alone.
# A word token of :func:`tokenize` ("U.S." up to its last dot, "Kreml-Sprecher", "O’Brien").
WORD_TOKEN = r"[^\W\d_][\w’'\-]*(?:\.[^\W\d_][\w’'\-]*)*"
_TOKEN = re.compile(rf"{WORD_TOKEN}|\d[\d,.]*|[^\w\s]")


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark of a text, with its offsets."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        """The token, lower-cased."""
        return self.text.lower()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``; an abbreviation keeps its final dot."""
    stop = len(text) if end is None else end
    out: list[Token] = []
    pos: int | None = start
    while pos is not None:
        at, pos = pos, None
        for m in _TOKEN.finditer(text, at, stop):
            s, e = m.span()
            word = m.group()
            if e < stop and text[e] == "." and word[:1].isalpha():
                bare = word.lower()
                if (
                    bare in HONORIFICS
                    or bare in TITLE_ABBREVIATIONS
                    or (len(word) == 1 and word.isupper())
                    or "." in word
                ):
                    # the dot is the abbreviation's, not a token of its own ("Robert J. Pickell")
                    out.append(Token(text[s : e + 1], s, e + 1))
                    pos = e + 1
                    break
            out.append(Token(word, s, e))
    return out


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower-case, accents removed, possessive and final dot dropped: ``"Russia’s"`` -> ``"russia"``."""
    w = word.lower().rstrip(".")
    w = re.sub(r"[’']s$", "", w)
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def is_cap(word: str) -> bool:
    return word[:1].isupper()


def role_group(word: str) -> str | None:
    """The role group of one word ("spokesman" -> ``"spokesperson"``), also of a compound's last part
    ("Putin-watcher", "Kreml-Sprecher") and of a German compound ("Verteidigungsminister")."""
    w = word.lower().rstrip(".")
    if w in _ROLE_WORD_GROUP:
        return _ROLE_WORD_GROUP[w]
    if "-" in w:
        last = w.rsplit("-", 1)[1]
        if last in _ROLE_WORD_GROUP:
            return _ROLE_WORD_GROUP[last]
    if is_cap(word) and len(w) > 8:
        for entry, group in _ROLE_WORD_GROUP.items():
            if len(entry) >= 6 and w.endswith(entry):
                return group
    return None


def is_title(word: str) -> bool:
    w = fold(word)
    return w in HONORIFICS or w in TITLE_WORDS or role_group(word) is not None


# Title words that are also family names: after a given name they are the name ("Cpl. Janice Leader",
# "Tishana King", "Martin Luther King"), after a qualifier the role ("Supreme Leader", "Majority Leader").
_SURNAME_TITLES = frozenset(
    "king leader bishop judge marshal marshall major chancellor dean pope prince knight earl duke sheriff "
    "sergeant mayor president governor senator minister chief".split()
)
_QUALIFIERS = frozenset(
    "supreme opposition majority minority party team squadron pack gang tribal spiritual world republican "
    "democratic labour labor tory conservative liberal green deputy vice acting interim former prime foreign "
    "home crown house senate assembly council city county state federal national regional police fire "
    "army navy air general grand high chief first lord lady".split()
)


def title_is_surname(words: Sequence[str]) -> bool:
    """Whether the last of a run of capitalised words is a family name although it is a title word:
    it is one of :data:`_SURNAME_TITLES`, and the word before it looks like a given name (capitalised,
    no title, role, qualifier or organisation)."""
    if len(words) < 2 or fold(words[-1]) not in _SURNAME_TITLES:
        return False
    given = words[-2]
    g = fold(given.rstrip("."))
    return (
        is_cap(given)
        and given[-1:] != "."
        and len(g) > 1
        and not is_title(given)
        and g not in _QUALIFIERS
        and g not in ORGANIZATIONS
        and g not in CAP_STOP
        and not given.isupper()
    )


# -- parsing ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerParse:
    """What one attribution is made of.

    Attributes:
        text: the attribution as given.
        kind: pronoun, name (with or without a title), description, or organization.
        name: the name as written ("Dmitry Peskov"), ``None`` for anything but a name.
        role: the role words as written ("Kremlin spokesman", "spokesperson for the Kremlin"), if any.
        group: the role group of the head (see :data:`ROLE_GROUPS`), ``None`` when unknown.
        orgs: institutions the role is for, folded ("kremlin", "vedomosti").
        countries: countries the role or institution stands for ("ru").
        definite: a description with "the" or a possessive ("the president", "Russia’s President").
        plural: "sources", "they".
    """

    text: str
    kind: SpeakerKind
    name: str | None = None
    role: str | None = None
    group: str | None = None
    orgs: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    definite: bool = False
    plural: bool = False

    @property
    def surname(self) -> str | None:
        """The folded last word of the name ("peskov"), used to compare names."""
        return fold(self.name.split()[-1]) if self.name else None


def _qualifiers(words: Sequence[str], head_index: int | None) -> tuple[frozenset[str], frozenset[str]]:
    orgs: set[str] = set()
    countries: set[str] = set()
    for i, word in enumerate(words):
        # "Kreml-Sprecher": the part before the role word qualifies it
        w = word.rsplit("-", 1)[0] if "-" in word and role_group(word.rsplit("-", 1)[1]) else word
        f = fold(w)
        if (i == head_index and w == word) or not is_cap(w) or f in DETERMINERS or (w == word and is_title(w)):
            continue
        f = _ORG_ALIASES.get(f, f)
        if w != word and f not in COUNTRY_OF:
            continue  # "Putin-watcher" is not for an institution called Putin
        if f in COUNTRY_OF:
            countries.add(COUNTRY_OF[f])
        if f not in COUNTRY_OF or f in INSTITUTIONS:
            orgs.add(f)
    return frozenset(orgs), frozenset(countries)


def _head(words: Sequence[str]) -> tuple[str | None, int | None]:
    """Role group of a role's head and the head's index: the last role word before any connector."""
    cut = next((i for i, w in enumerate(words) if w.lower() in CONNECTORS and i > 0), len(words))
    phrase = " ".join(w.lower() for w in words)
    for entry, group in _ROLE_PHRASES:
        if re.search(rf"(?<!\w){re.escape(entry)}(?!\w)", phrase):
            return group, None
    for i in range(cut - 1, -1, -1):
        g = role_group(words[i])
        if g is not None:
            return g, i
    return None, None


_NAME_OF = re.compile(
    r"^(?:the\s+)?(?P<who>(?:[A-Z][\w.'’-]*\s+){1,4}[A-Z][\w'’-]*)\s+(?:of|from|at)\s+(?P<where>(?:the\s+)?[A-Z].*)$"
)


@lru_cache(maxsize=4096)
def parse_speaker(text: str) -> SpeakerParse:
    """Split an attribution into name and role.

    "Kremlin spokesman Dmitry Peskov" -> name "Dmitry Peskov", role "Kremlin spokesman", group
    ``spokesperson``, orgs ``{"kremlin"}``; "a spokesperson for the Kremlin" -> a description with the
    same group and orgs; "the Kremlin" -> an organization; "he" -> a pronoun.
    """
    raw = text.strip()
    low = raw.lower()
    if low in PRONOUNS or low in PLURAL_PRONOUNS:
        return SpeakerParse(raw, "pronoun", plural=low in PLURAL_PRONOUNS)
    if low.startswith("both "):  # "Both DJs": two people, whatever follows
        return SpeakerParse(raw, "description", role=raw[5:].strip(), plural=True)
    if low in _PLURAL_HEADS:  # "Authorities described the fire as …": many people, no name
        return SpeakerParse(raw, "description", role=raw, group=role_group(raw), plural=True)
    if "," in raw:
        # an apposition: "Dmitri Peskov, porte-parole du Kremlin", "the Kremlin spokesman, Dmitry Peskov"
        left, right = (parse_speaker(part) for part in raw.split(",", 1))
        named, described = (left, right) if left.kind == "name" else (right, left)
        if named.kind == "name" and described.kind == "description" and not named.role:
            return replace(described, text=raw, kind="name", name=named.name, definite=False)
        after = raw.split(",", 1)[1].split()
        if left.kind == "name" and not left.role and after and (after[0].lower() in DETERMINERS or after[0].islower()):
            # "Jerry Strickland, a spokesman for Attorney General Greg Abbott": the person named first
            # speaks; the name inside the apposition is whom he speaks for
            role = raw.split(",", 1)[1].strip()
            body = after[1:] if after[0].lower() in DETERMINERS else after
            group, head_i = _head(body)
            orgs, countries = _qualifiers(body, head_i)
            return SpeakerParse(raw, "name", name=left.name, role=role, group=group, orgs=orgs, countries=countries)
    of = _NAME_OF.match(raw)
    if of:
        # "the Rev. Larry Kroon of the Wasilla Bible Church", "Matthew Willoughby of the Urban Assembly
        # School": a name, then where the person is from
        named = parse_speaker(of.group("who"))
        if named.kind == "name" and named.name:
            where = raw[of.start("where") :]
            orgs, countries = _qualifiers(where.split(), None)
            role = f"{named.role} of {where}" if named.role else where
            return SpeakerParse(raw, "name", name=named.name, role=role, group=named.group, orgs=orgs,
                                countries=countries)  # fmt: skip
    toks = [t for t in tokenize(raw) if t.text[:1].isalnum()]
    if not toks:
        return SpeakerParse(raw, "description")
    words = [t.text for t in toks]
    determiner = words[0].lower() in DETERMINERS
    possessive = any(re.search(r"[’']s$", w) for w in words[:-1])
    # The name is the run of capitalised words after the last title or role word.
    last_title = max((i for i, w in enumerate(words) if is_title(w)), default=-1)
    if last_title == len(words) - 1 and title_is_surname(words):  # "Cpl. Janice Leader"
        last_title = max((i for i, w in enumerate(words[:-1]) if is_title(w)), default=-1)
    tail = words[last_title + 1 :]
    is_name = bool(tail) and is_cap(tail[0]) and all(is_cap(w) or w.lower() in NAME_PARTICLES for w in tail)
    if is_name and (not determiner or last_title >= 1):
        name = raw[toks[last_title + 1].start : toks[-1].end]
        role_toks = toks[1 if determiner else 0 : last_title + 1]
        role_words = [t.text for t in role_toks]
        only_honorific = all(fold(w) in HONORIFICS for w in role_words)
        if not role_words and len(tail) == 1 and (fold(tail[0]) in ORGANIZATIONS or tail[0].isupper()):
            orgs, countries = _qualifiers(tail, None)
            orgs = orgs if orgs or countries else frozenset({fold(tail[0])})
            return SpeakerParse(raw, "organization", orgs=orgs, countries=countries)
        if not role_words or only_honorific:
            return SpeakerParse(raw, "name", name=name)
        group, head_i = _head(role_words)
        orgs, countries = _qualifiers(role_words, head_i)
        role = raw[role_toks[0].start : role_toks[-1].end]
        return SpeakerParse(raw, "name", name=name, role=role, group=group, orgs=orgs, countries=countries)
    # "the photographer Bunny Yeager": a description, then a full name
    if determiner and len(words) >= 4 and not is_cap(words[1]):
        run = len(words)
        while run > 1 and is_cap(words[run - 1]) and fold(words[run - 1]) not in CAP_STOP:
            run -= 1
        if len(words) - run >= 2 and all(not is_cap(w) for w in words[1:run]):
            name = raw[toks[run].start : toks[-1].end]
            role = raw[toks[1].start : toks[run - 1].end]
            group, _ = _head(words[1:run])
            return SpeakerParse(raw, "name", name=name, role=role, group=group)
    body = words[1:] if determiner else words
    group, head_i = _head(body)
    orgs, countries = _qualifiers(body, head_i)
    head_word = body[head_i].lower() if head_i is not None else ""
    role = raw[toks[1].start :] if determiner and len(toks) > 1 else raw
    if group is None and body and all(is_cap(w) or w.lower() in CONNECTORS for w in body):
        folded = {_ORG_ALIASES.get(fold(w), fold(w)) for w in body if is_cap(w)}
        orgs = orgs if orgs or countries else frozenset(folded)
        return SpeakerParse(raw, "organization", orgs=orgs, countries=countries)
    if group in ("institution", "media"):
        return SpeakerParse(raw, "organization", role=role, group=group, orgs=orgs, countries=countries)
    definite = determiner and words[0].lower() in {"the", "le", "la", "les", "der", "die", "das", "l’", "l'"}
    return SpeakerParse(
        raw,
        "description",
        role=role,
        group=group,
        orgs=orgs,
        countries=countries,
        definite=definite or possessive,
        plural=head_word in _PLURAL_HEADS,
    )


# -- comparing ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _translit(word: str) -> str:
    w = fold(word)
    for a, b in (("sch", "sh"), ("tch", "ch"), ("w", "v"), ("y", "i"), ("j", "i"), ("kh", "h"), ("ff", "v")):
        w = w.replace(a, b)
    return w


def surname_key(name: str) -> str:
    """The key two names must share for :func:`names_match`: the transliterated last word that is no
    particle ("" when there is none)."""
    words = [w for w in name.replace(",", " ").split() if w.lower() not in NAME_PARTICLES]
    return _translit(words[-1]) if words else ""


def names_match(a: str, b: str) -> bool:
    """Two names can be one person: same surname (transliteration aside), and the same or initial
    first name when both give one ("Dmitry Peskov" ~ "Dmitri Peskow" ~ "Peskov"; not "Ramzan Kadyrov"
    ~ "Akhmad Kadyrov")."""
    wa = [w for w in a.replace(",", " ").split() if w.lower() not in NAME_PARTICLES]
    wb = [w for w in b.replace(",", " ").split() if w.lower() not in NAME_PARTICLES]
    if not wa or not wb or _translit(wa[-1]) != _translit(wb[-1]):
        return False
    if len(wa) > 1 and len(wb) > 1:
        fa, fb = _translit(wa[0]).rstrip("."), _translit(wb[0]).rstrip(".")
        return fa == fb or (min(len(fa), len(fb)) == 1 and fa[0] == fb[0])
    return True


def _roles_compatible(a: SpeakerParse, b: SpeakerParse) -> bool:
    ga, gb = a.group, b.group
    offices = "organization" not in (a.kind, b.kind) and "generic" not in (ga, gb)
    if offices and ga and gb and ga != gb:
        return False
    if a.orgs and b.orgs and not a.orgs & b.orgs:
        return False
    return not (a.countries and b.countries and not a.countries & b.countries)


def known_roles(name: SpeakerParse, context: Sequence[str]) -> list[SpeakerParse]:
    """The titled forms of ``name`` in ``context`` (and its own title): the roles written next to it."""
    out = [name] if name.role and name.group else []
    for text in context:
        other = parse_speaker(text)
        if other.kind == "name" and other.role and other.name and name.name and names_match(other.name, name.name):
            out.append(other)
    return out


def same_speaker(a: str | None, b: str | None, *, context: Sequence[str] = ()) -> bool | None:
    """Whether two attributions can refer to the same speaker.

    Args:
        a, b: attributions as written ("Peskov", "a spokesperson for the Kremlin", "the president").
        context: every speaker string of the story (and titled names such as "Kremlin spokesman Dmitry
            Peskov"), from which the roles of names are learnt.

    Returns:
        ``None`` when either is ``None``; ``False`` when they clearly cannot be one speaker (different
        surnames; different kinds of office, "the president" vs "a spokesperson"; a description whose
        office differs from every role written next to the name in ``context``; different institutions
        or countries); else ``True`` (a pronoun, or a role nobody has tied to the name, can be anyone).
    """
    if a is None or b is None:
        return None
    pa, pb = parse_speaker(a), parse_speaker(b)
    if "pronoun" in (pa.kind, pb.kind):
        return True
    if pa.kind == "name" and pb.kind == "name":
        return names_match(pa.name or "", pb.name or "")
    if pb.kind == "name":
        pa, pb = pb, pa
    if pa.kind == "name":
        roles = known_roles(pa, context)
        if not roles:
            return True
        return any(_roles_compatible(r, pb) for r in roles)
    return _roles_compatible(pa, pb)


def is_person(p: SpeakerParse) -> bool:
    """One person who could be "he" or "she" later on: a name, or a singular description of a person."""
    return p.kind == "name" or (p.kind == "description" and not p.plural and p.group not in (None, "institution"))


def specificity(p: SpeakerParse) -> int:
    """How specific an attribution is: full name 4, surname 3, description with a known role 2, other
    description or institution 1, pronoun 0."""
    if p.kind == "name":
        return 4 if p.name and len(p.name.split()) > 1 else 3
    if p.kind != "name" and p.text.split() and fold(p.text.split()[-1]).rstrip("s") in _DOCUMENTS:
        return 0  # "a statement", "the letter": whose, it does not say
    if p.kind == "description":
        return 2 if p.group else 1
    return 1 if p.kind == "organization" else 0


_DOCUMENTS = frozenset("statement letter report email e-mail release memo post tweet message note".split())
