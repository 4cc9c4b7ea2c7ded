"""Word lists and regular expressions of the candidate facts of ``benchmarks/facts.py`` (``_facts_candidates.py``).

Stop words (:data:`STOP`, :data:`CONTEXT_STOP`) and :func:`content_word` for the shared words near a mention;
months and weekdays; what a number is read with (hedges, ranges, counts, measures, scores, identifiers,
addresses, times, money, percentages) and publication stamps (:func:`stamp_line`); the attribution patterns
(:data:`SPEAKER_RES`) with the words that start no name, the titles, and the capitalised words that name no
person (:data:`NON_PERSON`).
"""

from __future__ import annotations

import re

# -- words ------------------------------------------------------------------------------------------

STOP = frozenset(
    """a about above after again against all almost also although am among an and another any are around
    as at be because been before being below between both but by can could did do does doing done down
    during each either else even ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just last least less like made
    make many may me might more most much must my myself near nearly neither no nor not now of off often
    on once one only onto or other others our ours ourselves out over own per perhaps rather same says
    said say several she should since so some still such than that the their theirs them themselves then
    there these they this those though through thus to told too toward towards under until up upon us
    very via was we well were what whatever when where whether which while who whom whose why will with
    within without would yet you your yours yourself mr mrs ms dr also according according another
    just get got go going gone new first second third two three four five six seven eight nine ten
    percent per cent million billion trillion thousand hundred year years old aged age day days week
    weeks month months today yesterday tomorrow time times now ago including include includes""".split()
)
MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Not content words for "alike": dates, units of dates and stamps, speech.
CONTEXT_STOP = (
    STOP
    | set(MONTHS)
    | {w.lower() for w in WEEKDAYS}
    | {
        "published",
        "updated",
        "posted",
        "gmt",
        "bst",
        "est",
        "edt",
        "am",
        "pm",
        "morning",
        "afternoon",
        "evening",
        "night",
        "story",
        "article",
        "reported",
        "reports",
        "report",
        "news",
    }
)

HEDGE_RE = re.compile(
    r"\b(?:about|around|roughly|nearly|some|more\s+than|at\s+least|up\s+to|as\s+many\s+as|as\s+much\s+as|"
    r"over|almost|approximately|approx\.?|an\s+estimated|estimated|an\s+approximate|less\s+than|fewer\s+than|"
    r"under|close\s+to|upwards\s+of|well\s+over|just\s+over|just\s+under|around\s+the|circa|c\.|perhaps|"
    r"maybe|possibly|between|from|~)\s*[$€£¥]?\s*$",
    re.I,
)
RANGE_AFTER_RE = re.compile(r"^\s*(?:to|or|and|-|–)\s*[$€£¥]?\d|^\s*(?:\+|-?plus\b|or\s+more\b|or\s+so\b)", re.I)
COUNT_NOUNS = (
    r"people|persons|person|killed|dead|deaths|died|die|injured|injuries|wounded|hurt|arrested|arrests|homes|"
    r"houses|buildings|victims|soldiers|troops|civilians|children|kids|students|passengers|fatalities|"
    r"casualties|bodies|residents|families|protesters|protestors|demonstrators|workers|employees|members|"
    r"officers|policemen|police|patients|cases|survivors|missing|hostages|prisoners|inmates|fans|votes|"
    r"seats|cars|vehicles|boats|ships|jobs|suspects|men|women|pirates|crew|crewmen|firefighters|agents|"
    r"species|animals|birds|users|customers|games|points|goals|runs|touchdowns|yards|assists|rebounds|"
    r"knockouts|wins|losses|fights|nominations|awards|films|movies|episodes|albums|songs|books|copies|"
    r"tickets|units|stores|shops|schools|villages|towns|countries|states|cities|companies|banks|"
    r"candidates|delegates|lawmakers|senators|scientists|biologists|doctors|nurses|teachers|guests"
)
COUNT_BEFORE_RE = re.compile(
    r"\b(?:killed|killing|kills|killing\s+at|injuring|injured|wounding|wounded|leaving|left|claimed|"
    r"arrested|evacuated|toll\s+(?:of|at|to|rose\s+to|is|was|stands\s+at|reached))\s+$",
    re.I,
)
COUNT_AFTER_RE = re.compile(rf"^(?:[-\s]+[\w'’-]+){{0,2}}?[-\s]+(?:{COUNT_NOUNS})\b", re.I)
MEASURE_UNITS = (
    r"magnitude|miles?|mi|km|kilometers?|kilometres?|kms|feet|foot|ft|meters?|metres?|m|inches|inch|cm|mm|"
    r"degrees?|°|mph|kph|km/h|knots|acres?|hectares?|tons?|tonnes?|gallons?|barrels?|liters?|litres?|kg|"
    r"kilograms?|lbs?|pounds|grams?|yards?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|"
    r"centuries|century|storeys?|stories|floors?|square|mw|megawatts?|calories|caliber|calibre|points?"
)
MEASURE_AFTER_RE = re.compile(rf"^(?:[-\s]?(?:{MEASURE_UNITS})\b|°)", re.I)
MEASURE_BEFORE_RE = re.compile(r"\b(?:magnitude\b[^.\n\d]{0,14}|measuring|registering|magnitude-)\s*$", re.I)
SPORT_RE = re.compile(
    r"\b(?:record|victory|win|wins|won|lost|loss|losses|defeat|defeated|beat|beats|score|scored|game|"
    r"season|playoffs?|vote|votes|voted|final|match|series|overtime|lead|led|KO|knockouts?|improved|"
    r"improves|sweep|rout|edged|topped|against)\b",
    re.I,
)
ID_BEFORE_RE = re.compile(
    r"(?:\b(?:no|nos|number|route|highway|interstate|flight|room|apt|suite|channel|chapter|section|article|"
    r"page|pages|game|games|week|weeks|stage|level|episode|season|volume|vol|act|bill|proposition|prop|unit|"
    r"gate|pier|platform|lane|exit|precinct|district|ward|line|box|model|version|phase|code|title|class|"
    r"category|grade|size|pp|p|round|lot|pg)\.?\s*$|#\s*$)",
    re.I,
)
ADDRESS_AFTER_RE = re.compile(
    r"^\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Place|"
    r"Pl|Court|Ct|Highway|Hwy|Parkway|Pkwy|Square|Terrace)\b"
)
TIME_AFTER_RE = re.compile(
    r"^\s?(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|GMT|BST|UTC|ET|EST|EDT|PST|PDT|CST|CDT|MST|IST|CET|CEST|hrs|"
    r"hours\s+(?:GMT|local)|o['’]clock)",
    re.I,
)
STAMP_WORD_RE = re.compile(r"(?i)\b(?:published|updated|posted|last\s+modified|copyright)\b|©")
STAMP_TIME_RE = re.compile(r"\b\d{1,2}:\d\d\b|\b(?:GMT|BST|EDT|EST|UTC)\b")


def stamp_line(line: str) -> bool:
    """A publication stamp ("Published: ... 11:47 AM", "Sunday, March 17, 2013 | 5:00 PM"), not prose."""
    return bool(STAMP_WORD_RE.search(line)) or (len(line.split()) <= 12 and bool(STAMP_TIME_RE.search(line)))


MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
MONTH_BEFORE_RE = re.compile(rf"\b{MONTH_RE}\.?\s+$")
MONTH_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}\b")
NUM_CORE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?"
NUMBER_RE = re.compile(rf"(?<![\w.,:/#@&=+-])(?:{NUM_CORE})")
SCORE_RE = re.compile(r"(?<![\w.,:/#@-])(\d{1,3})[-–](\d{1,3})(?![\w-]|[.,:/–]\d)")
RATIO_RE = re.compile(r"\b(?:one|One|1)\s+(?:in|out\s+of)\s+(?:every\s+)?(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]?\d)")
MONEY_BEFORE_RE = re.compile(r"(?:(?:US|U\.S\.|A|C|NZ|HK|S)?[$€£¥]|\b(?:USD|EUR|GBP|Rs\.?|Dh|AED))\s?$")
SCALE_AFTER_RE = re.compile(r"^[-\s]?(?:million|billion|trillion|thousand|mln|bln|bn|m|b|k|MM)\b")
MONEY_WORD_AFTER_RE = re.compile(
    r"^(?:[-\s]?(?:million|billion|trillion|thousand|mln|bln|bn|m|MM))?[-\s]+(?:dollars?|euros?|pounds\s+sterling|"
    r"yen|rupees|rubles|roubles|yuan|francs|pesos|dirhams|rand|kronor|krona|shekels|won)\b",
    re.I,
)
PERCENT_AFTER_RE = re.compile(r"^\s?(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b)", re.I)
SUFFIX_OK_RE = re.compile(r"^(?:m|bn|b|k|mm|MM|km|kg|mph|ft|cm|mw|lb|lbs|mi|kph|g)\b")

SPEECH_VERBS = (
    r"said|says|told|tells|added|adds|explained|explains|stated|announced|announces|wrote|writes|noted|"
    r"notes|insisted|insists|claimed|claims|confirmed|confirms|declared|tweeted|testified|warned|warns|"
    r"argued|argues|recalled|recalls|acknowledged|admitted|admits|replied|responded|continued|conceded|"
    r"remarked|commented|predicted|stressed|emphasized|emphasised|revealed|"
    r"reported|posted|wrote|exclaimed|joked|quipped|observed|concluded|maintained|vowed|pleaded"
)
INVERTED_VERBS = r"said|says|added|adds|explained|wrote|writes|continued|recalled|noted|insisted|tweeted"
TITLE_ABBR = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Sgt|Capt|Col|Rev|Prof|Det|Insp|Supt|Cpl|Pvt|Adm|Maj|Cmdr|Atty|Sr|Jr)\."
)
CAP = (
    r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|O['’][A-Z][a-z]+|"
    r"[A-Z][a-z]*[A-Z][a-z]+|[A-Z]\.)"
)
NAME = rf"(?:{TITLE_ABBR} )?{CAP}(?: (?:{TITLE_ABBR} )?{CAP}){{0,3}}"
SPEAKER_RES = (
    re.compile(rf"(?P<name>{NAME})(?P<appos>,\s[^,\n\"“”]{{2,80}}?,)?\s(?:also\s|later\s|then\s)?(?:{SPEECH_VERBS})\b"),
    # "said X" only when the name ends the clause ("said Smith, 40," / "said Smith in a statement"),
    # not "says Tara Reid has checked in", where the name is the subject of what was said
    # ... and only after a quotation or a clause ('..." said Smith', '..., said Smith'), not "Police said
    # Eric Kirkpatrick, who ..., is accused"
    re.compile(
        rf"(?:^|(?<=[,\"”’“]))\s*(?:{INVERTED_VERBS})\s(?P<name>{NAME})\b(?=[,.;:)]|\s(?:in|on|at|during|who|when|after|before|"
        rf"adding|according|on|last|this|told|—|–|-)\b|\s*$)",
        re.M,
    ),
    re.compile(rf"\b[Aa]ccording\sto\s(?P<name>{NAME})\b"),
)
LEADING_NOT_NAME = frozenset(
    """The A An But And Or So Then When While After Before Meanwhile However Also Now Yet In On At As If
    Still Later Earlier Last This That These Those Today Yesterday Tonight Instead Although Though Because
    Since Asked Speaking Writing Told Said Says According Elsewhere Separately Further Moreover Indeed
    Thus Finally Previously Recently""".split()
)
TITLES = frozenset(
    """Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen. Lt. Sgt. Capt. Col. Rev. Prof. Det. Insp. Supt. Cpl. Pvt. Adm. Maj.
    Cmdr. Atty. President Mayor Governor Senator Chief Judge Justice Officer Sergeant Lieutenant Captain
    Detective Sheriff Deputy Coach General Colonel Pope King Queen Prince Princess Minister Prime
    Secretary Spokesman Spokeswoman Spokesperson Director Commissioner Chairman Chairwoman Superintendent
    Attorney Prosecutor Professor Father Sister Brother Lord Lady Sir Dame Ambassador Admiral Marshal
    Trooper Agent Inspector Councilman Councilwoman Assemblyman Congressman Congresswoman Representative
    Corporal Private Major Juror Jurors No Vice Foreign Defense Defence Interior Finance Health Former
    Acting Deputy Senior
    Chancellor Premier Bishop Cardinal Archbishop Imam Rabbi Pastor Dean Principal Manager Coordinator
    Executive Officer Lawyer Actor Actress Singer Star Producer Director Rapper Model Host Interior Commerce
    Treasury Energy Homeland Labor Education Agriculture Transportation Const. Constable Undersheriff
    Commander Superintendent Warden Senior""".split()
)
NON_PERSON = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December He She It They We I You His Her Their Our Its Police
    Department Ministry Office Service Services Agency Court Times Post News Press Reuters Associated
    Daily Journal Magazine Network Radio TV Television Company Corp Inc Group University College School
    Council Government Party Committee Association Center Centre Institute Foundation Survey Commission
    Board Team Club Bank Fund Union Nations Army Navy Force Forces Guard Church Hospital House White State
    States United County City Republic Federal National International Geological Society Organization
    Organisation Authority Administration Prosecutors Officials Authorities Sources Witnesses Residents
    Firefighters Fire Rescue Museum Studios Studio Pictures Records Entertainment Airlines Airways Weekly
    People Twitter Facebook Instagram Statement Report Reports Agence AFP AP BBC CNN CBS NBC ABC Fox
    Guardian Telegraph Tribune Herald Chronicle Gazette Sun Mail Express Observer Globe Bulletin Wire
    Online Media Channel Senate Congress Parliament Cabinet Kremlin Pentagon Police Sheriff's Office
    Coast Global Watch Human Rights Amnesty Red Cross Crescent Security Intelligence Ministry Health
    Emergency Management Bureau Division Unit Squad Agency God Jesus Allah Twitter YouTube Google Apple
    Microsoft Nasdaq Dow Street Avenue Road Square Hall Park Island Airport Station Hotel Mall Reporter
    Hollywood Variety Deadline Billboard Examiner Inquirer Register Review Insider Source Sources TMZ Us
    Academy Awards Oscars Festival Studios Lionsgate Warner Paramount Universal Disney Sony Center
    Treatment Promises Clinic Prison Jail Bureau Agency Marshals Survey Institute Reuters Bloomberg""".split()
)


def content_word(token: str) -> str | None:
    """A token as a content word (lower-cased, possessive dropped), or ``None`` for a stop word."""
    w = token.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if len(w) < 3 or not w.isalpha() or w in CONTEXT_STOP:
        return None
    return w
