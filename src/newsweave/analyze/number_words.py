"""The words of numbers: hedges ("more than", "rund"), vague magnitudes ("dozens", "des milliers"),
classes of counted things, states ("killed or wounded"), number words and multipliers, and the word
lists :mod:`newsweave.analyze.numbers` reads a quantity's noun phrase with. Tables only, no logic."""

from __future__ import annotations

import re


def _table(text: str, sep: str = " ") -> dict[str, list[str]]:
    """``"key: a b c"`` lines -> ``{key: [a, b, c]}`` (items split on ``sep``)."""
    rows = (line.split(":", 1) for line in text.strip().splitlines())
    return {k.strip(): [v.strip() for v in vs.split(sep) if v.strip()] for k, vs in rows}


# Hedge as written (lower-cased) -> kind. Kinds bound a number v: "min" [v, inf), "approx" (0.9v, 1.1v),
# "nearly" (0.85v, v), "max" (0, v]. "More than v" is stored closed ([v, inf)) so that it meets an exact v.
HEDGES: dict[str, str] = {
    hedge: kind
    for kind, hedges in _table(
        """
min: more than|over|above|at least|just over|well over|upwards of|in excess of|a minimum of|plus de|au moins|
    mehr als|über|mindestens|más de|al menos
approx: about|around|roughly|approximately|approx.|some|an estimated|estimated|circa|ca.|~|environ|quelque|rund|
    etwa|ungefähr|unos|unas|alrededor de|aproximadamente|en torno a
nearly: nearly|almost|close to|just under|just shy of|près de|presque|knapp|fast|cerca de|casi
max: up to|as many as|fewer than|less than|under|below|at most|no more than|moins de|jusqu'à|jusqu’à|weniger als|
    bis zu|menos de|hasta
range: between
""".replace("|\n    ", "|"),
        sep="|",
    ).items()
    for hedge in hedges
}
# Hedges written after the number.
POST_HEDGES: dict[str, str] = {
    hedge: kind
    for kind, hedges in _table("min: -plus|+|or more|and more\napprox: or so|-odd\nmax: or fewer|or less", "|").items()
    for hedge in hedges
}
# Orders of magnitude in words -> (value = low, high): up to the next such word.
VAGUE: dict[str, tuple[float, float]] = {
    phrase: (float(bounds[0]), float(bounds[1]))
    for phrases, bounds in _table(
        """
a pair of: 2 2
a couple of: 2 3
dozens|dutzende|several dozen|a few dozen: 12 99
scores of: 20 99
des dizaines: 10 99
hundreds|des centaines|hunderte|cientos|centenares|several hundred|a few hundred: 100 999
thousands|des milliers|tausende|miles|several thousand|a few thousand: 1000 9999
tens of thousands|des dizaines de milliers|zehntausende|decenas de miles: 10000 99999
hundreds of thousands|several hundred thousand|a few hundred thousand: 100000 999999
des centaines de milliers|hunderttausende|cientos de miles: 100000 999999
millions|several million|a few million: 1e6 9999999
tens of millions: 1e7 99999999
hundreds of millions|several hundred million|a few hundred million: 1e8 999999999
billions|several billion|a few billion: 1e9 9999999999
"""
    ).items()
    for phrase in phrases.split("|")
}
# Classes of heads counted as one thing (singular forms; checked after light singularisation).
UNIT_CLASSES: dict[str, list[str]] = _table(
    """
personnel: soldier troop fighter serviceman servicemen combatant soldat soldaten soldado militar
reservists: reservist conscript mobilised mobilized draftee recruit réserviste reservisten reservista
people: people person persons personne menschen persona
protesters: protester protestor demonstrator manifestant demonstranten manifestante
gbp: £ gbp sterling
usd: $ us$ usd dollar
eur: € eur euro
rub: ₽ rub ruble rouble
zar: r zar rand
metre: m metre meter
kilometre: km kilometre kilometer
mile: mi mile
foot: ft foot feet
"""
)
# Casualty participles that belong to the unit -> normalised meaning ("injured" and "wounded" agree).
STATES: dict[str, str] = {
    word: meaning
    for meaning, words in _table(
        """
killed: killed dead died
wounded: wounded injured hurt
arrested: arrested detained
missing: missing
captured: captured
displaced: displaced
evacuated: evacuated
"""
    ).items()
    for word in words
}
# Modifiers that do not change what is counted ("new fighters" are fighters).
_NEUTRAL = frozenset("new more other additional extra further fellow total estimated own some and or".split())
_STOP = frozenset(
    # English
    "the a an and or but nor of in on at to for from with by as than that which who whom whose this these "
    "those is are was were be been being have has had will would can could may might shall should must do "
    "does did not no over under about around into onto after before since until during between among "
    "against across through out up down off each every all both any its their his her our your my it they "
    "he she we you i them him us me there here then when where while if so too very also just only even "
    "still already ago later earlier now yet again apiece alone worldwide nationwide respectively said "
    "says told according including per like such "
    # French, German, Spanish, Indonesian function words
    "le la les un une des du de et ou en à au aux dans sur par pour avec sans qui que dont est sont ont été "
    "der die das den dem ein eine einen und oder im auf am zu zum zur mit von vom für bei nach aus um ist "
    "sind wurden wurde hat haben waren werden sich nicht el los las una y con para del al es son fueron han "
    "ha se sin sobre yang di dan dari ke untuk dengan pada".split()
)
# Past forms that end a noun phrase after a number ("the 6.1 quake struck", "40 people died").
_PAST_VERBS = frozenset(
    "struck hit shook rocked killed died left began took made sent found fell rose won lost said told "
    "came went gave ran broke caught fought drove flew held kept led met paid saw stood spent threw wrote got "
    "heard felt thought brought bought sought built sold".split()
)
# A magnitude written around its number: "magnitude 6.1", "magnitude-5.2", "6.1 on the Richter scale".
_MAGNITUDE_BEFORE = re.compile(r"(?i)\bmagnitude(?:\s+of)?[\s-]*$")
_MAGNITUDE_AFTER = re.compile(r"(?i)\s*-?\s*magnitude\b|\s+on\s+the\s+richter\s+scale\b")
# Words that follow a verb, not an adjective: "10,000 gathered in …", "Two struck the city".
_AFTER_VERB = frozenset(
    "the a an at in on outside inside into from to by near across around through over under their his her its "
    "our this that these those and or but as after before during since for with against".split()
)
# Words in -ed that are nouns or adjectives of a counted noun ("200 armed men", "30 wounded").
_ED_NOUNS = frozenset("armed wounded injured dead killed detained arrested displaced unemployed aged skilled".split())
_QUAKE_AFTER = re.compile(r"(?i)[ \u00a0]+(?:earthquake|quake|temblor|tremor|aftershock)\b(?!s)")
_PLURALS = frozenset("people men women children police personnel staff crew feet teeth cattle livestock".split())
_LY_NOUNS = frozenset("family ally assembly supply rally reply anomaly monopoly italy".split())
_COMMA_DECIMAL = frozenset("de fr es it pt nl ru uk pl cs sk ro tr sv da no nb fi id hu el bg hr sl sr".split())
_YEAR_CONTEXT = frozenset(
    "in since of from until till to by before after during between and the a an early "
    "late mid year spring summer autumn fall winter circa en depuis seit im año".split()
)
_ID_CONTEXT = re.compile(
    r"(?i)(?:\bno\.?|\bnr\.?|§|\barticle|\bsection|\bchapter|\bpage|\bflight|\broute|"
    r"\bhighway|\binterstate|\broom|\bexit)\s*$"
)

_MULT: dict[str, float] = {
    word: float(factor)
    for factor, words in _table(
        """
1e3: thousand k
1e5: lakh
1e6: million millions millionen mio millón millones mn mln m
1e7: crore
1e9: billion billions bn milliard milliards milliarde milliarden mrd
1e12: trillion
"""
    ).items()
    for word in words
} | {"mil millones": 1e9}
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORD_VALUES = dict(zip((_UNITS + " seventeen eighteen nineteen").split(), range(20), strict=True)) | {
    w: 10 * i for i, w in enumerate(_TENS.split(), 2)
}
_SCALES: dict[str, float] = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
