"""Word tables of the dates module: weekdays, number words, periods and the words that tell a
year or a past tense apart, in English, French, German and Spanish. Data only, kept apart from the
logic in :mod:`newsweave.analyze.dates`."""

from __future__ import annotations


def _table(spec: str) -> dict[str, int]:
    """``"1: a|b\n-1: c"`` -> ``{"a": 1, "b": 1, "c": -1}``."""
    pairs = (line.split(":", 1) for line in spec.strip().splitlines())
    return {w.strip(): int(k) for k, words in pairs for w in words.split("|")}


_WEEKDAYS = {
    name: i
    for line in """monday tuesday wednesday thursday friday saturday sunday
        lundi mardi mercredi jeudi vendredi samedi dimanche
        montag dienstag mittwoch donnerstag freitag samstag sonntag
        lunes martes miércoles jueves viernes sábado domingo
        - - miercoles - - sabado -""".splitlines()
    for i, name in enumerate(line.split())
    if name != "-"
}
_EN_WEEKDAYS = frozenset(list(_WEEKDAYS)[:7])
WEEKDAYS: frozenset[str] = frozenset(_WEEKDAYS)  # every weekday name the date rules read
# Month names that are also common words: dropped, or accepted only written as a month is.
_NOT_MONTHS = frozenset({"ago", "set", "out", "ott", "agu", "mei", "maret"})
_CAPITALISED_ONLY = frozenset({"may", "march", "mar", "jan"})
_LOWERCASE_ONLY = frozenset({"mars"})  # French March; "Mars" is the planet
_SHORT = frozenset({"may", "june", "july", "mai", "juin", "août", "juni", "juli", "mayo", "mars"})  # no stop after
_NUMBERS = _table("""
1: a|an|one|un|une|einem|einer|una
2: two|a couple of|deux|zwei|dos
3: three|trois|drei|tres
4: four|quatre|vier|cuatro
5: five|cinq|fünf|cinco
""") | {w: n for n, w in enumerate("six seven eight nine ten eleven twelve".split(), 6)}
# Days relative to the article's: apostrophes are read as "'" (see _scan).
_DAY_WORDS = _table("""
0: today|tonight|this morning|this afternoon|this evening|aujourd'hui|ce matin|ce soir|heute|hoy|esta mañana|esta noche
-1: yesterday|last night|hier|gestern|ayer|anoche
-2: the day before yesterday|avant-hier|vorgestern|anteayer
1: tomorrow|demain|morgen|mañana
2: the day after tomorrow|après-demain|übermorgen|pasado mañana
""")
# French, German and Spanish "this/last/next weekend|week|month|year", by unit and offset.
_PERIOD_SPEC = {
    "weekend": "0: ce week-end|ce weekend|am wochenende|dieses wochenende|este fin de semana\n"
    "-1: le week-end dernier|el fin de semana pasado",
    "week": "0: cette semaine|diese woche|esta semana\n-1: la semaine dernière|letzte woche|vergangene woche|"
    "la semana pasada\n1: la semaine prochaine|nächste woche|la próxima semana|la semana que viene",
    "month": "0: ce mois-ci|diesen monat|este mes\n-1: le mois dernier|letzten monat|vergangenen monat|el mes pasado\n"
    "1: le mois prochain|nächsten monat|el próximo mes",
    "year": "0: cette année|dieses jahr|este año\n-1: l'année dernière|l'an dernier|letztes jahr|vergangenes jahr|"
    "el año pasado\n1: l'année prochaine|l'an prochain|nächstes jahr|el próximo año|el año que viene",
}
_PERIOD_WORDS = {w: (unit, k) for unit, spec in _PERIOD_SPEC.items() for w, k in _table(spec).items()}
_UNITS = {
    word: unit.strip()
    for line in """day: day days jour jours tagen día días
        week: week weeks semaine semaines wochen semana semanas
        month: month months mois monaten mes meses
        year: year years an ans année années jahren año años""".splitlines()
    for unit, words in [line.split(":")]
    for word in words.split()
}
# A bare month name is a date after a preposition ("in September", handled apart) or one of these.
_MONTH_PRECEDERS = frozenset("since until till by from during through before after depuis seit bis desde hasta".split())
# A bare year is a date only after one of these words ("in 2010", "the 1991 fall", "since 1988").
_YEAR_PRECEDERS = frozenset(
    "in since by of from until till before after during around circa the a an and or to through between "
    "spring summer autumn fall winter en im seit desde depuis hasta bis jusqu'en année jahr año".split()
)
_NOT_PAST_ED = frozenset(
    "united indeed need hundred speed seed feed bed red shed based related detailed limited concerned armed "
    "alleged expected scheduled planned proposed supposed interested advanced".split()
)
