"""What CLDR (through Babel) tells about a language: month and weekday names in every
context and width, number symbols, and the date patterns, read once per language.

Russian and Ukrainian month names inflect; CLDR has the nominative (stand-alone) and
the genitive (format) forms, and pymorphy3 adds the other singular cases ("в мае",
"у травні") where the pack asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.lang.base import LanguagePack

CONTEXTS = ("format", "stand-alone")
WIDTHS = ("wide", "abbreviated")
# Unicode's space characters used to group digits (ISO 80000-1 allows them in any language).
SPACE_GROUPS = "\u00a0\u202f\u2009"
_WORD = re.compile(r"[^\W\d_]+")


def _locale(name: str) -> Any | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return None


def _strip_dot(form: str) -> str:
    return form.rstrip(".")


@dataclass(frozen=True)
class Calendar:
    """Month and weekday names of one language, as CLDR writes them and inflected."""

    capitalised: bool = False
    # (context, width) → twelve tuples of forms as written, without a final full stop.
    month_names: Mapping[tuple[str, str], tuple[tuple[str, ...], ...]] = field(
        default_factory=dict)
    day_names: Mapping[tuple[str, str], tuple[tuple[str, ...], ...]] = field(
        default_factory=dict)  # seven tuples, Monday first
    dotted: frozenset[str] = frozenset()  # abbreviated forms CLDR writes with a full stop
    inflect_as: str | None = None  # pymorphy3 language for the other cases, if any

    @cached_property
    def months(self) -> Mapping[str, int]:
        """Lower-case form (CLDR's, and inflected ones) → month 1..12; built on first use,
        so the block rules, which need CLDR's forms only, do not load pymorphy3."""
        return self._lookup(self.month_names)

    @cached_property
    def weekdays(self) -> Mapping[str, int]:
        """Lower-case form → ISO weekday 1..7."""
        return self._lookup(self.day_names)

    def _lookup(self, table: Mapping[tuple[str, str], tuple[tuple[str, ...], ...]]
                ) -> dict[str, int]:
        from workbench.lang.morphology import singular_forms

        lookup: dict[str, int] = {}
        for forms_by_number in table.values():
            for number, forms in enumerate(forms_by_number, start=1):
                for form in forms:
                    lookup.setdefault(form.lower(), number)
        if self.inflect_as and ("stand-alone", "wide") in table:
            for number, forms in enumerate(table[("stand-alone", "wide")], start=1):
                for form in forms:
                    for inflected in singular_forms(form.lower(), self.inflect_as):
                        lookup.setdefault(inflected, number)
        return lookup

    def _cased_ok(self, word: str) -> bool:
        return not self.capitalised or word[:1].isupper()

    def month_of(self, word: str) -> int | None:
        """Month number if `word` is a month name (any form, "Aug." as well), else None."""
        bare = _strip_dot(word)
        month = self.months.get(bare.lower())
        return month if month is not None and self._cased_ok(bare) else None

    def weekday_of(self, word: str) -> int | None:
        """ISO weekday (1 = Monday) if `word` names a day of the week, else None."""
        bare = _strip_dot(word)
        day = self.weekdays.get(bare.lower())
        return day if day is not None and self._cased_ok(bare) else None

    def months_in(self, text: str) -> set[int]:
        """Month numbers named in `text`."""
        if not self.months:
            return set()
        found = (self.month_of(m.group()) for m in _WORD.finditer(text))
        return {m for m in found if m is not None}

    def names(self, kinds: Iterable[tuple[str, str]], days: bool = False) -> list[str]:
        """Distinct month (or day) names of the given (context, width) kinds, as written."""
        table = self.day_names if days else self.month_names
        out: dict[str, None] = {}
        for kind in kinds:
            for forms in table.get(kind, ()):
                out.update(dict.fromkeys(forms))
        return list(out)

    def abbreviations(self, days: bool = True) -> list[str]:
        """Abbreviated forms that are not the full name ("Aug", "Sept", "Mo"; not "May")."""
        wide = {n.lower() for n in self.names([(c, "wide") for c in CONTEXTS], days=False)}
        wide |= {n.lower() for n in self.names([(c, "wide") for c in CONTEXTS], days=True)}
        kinds = [(c, "abbreviated") for c in CONTEXTS]
        short = self.names(kinds) + (self.names(kinds, days=True) if days else [])
        return [n for n in short if n.lower() not in wide]


def alternation(names: Iterable[str]) -> str:
    """A regex alternation of `names`, longest first."""
    return "|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n)))


def _collect(locales: Iterable[Any], attr: str, keys: list[int]
             ) -> dict[tuple[str, str], tuple[tuple[str, ...], ...]]:
    out: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
    for context in CONTEXTS:
        for width in WIDTHS:
            per_key: list[dict[str, None]] = [{} for _ in keys]
            for loc in locales:
                table = getattr(loc, attr)[context][width]
                for i, key in enumerate(keys):
                    if key in table:
                        per_key[i].setdefault(_strip_dot(table[key]), None)
            out[(context, width)] = tuple(tuple(forms) for forms in per_key)
    return out


def _dotted(locales: Iterable[Any]) -> frozenset[str]:
    found = set()
    for loc in locales:
        for attr in ("months", "days"):
            for context in CONTEXTS:
                found |= {_strip_dot(v) for v in getattr(loc, attr)[context]["abbreviated"]
                          .values() if v.endswith(".")}
    return frozenset(found)


def calendar_for(pack: LanguagePack) -> Calendar:
    """The pack's calendar from its CLDR locales (empty when CLDR does not know them)."""
    locales = [loc for loc in map(_locale, pack.cldr_locales) if loc is not None]
    if not locales:
        return Calendar(capitalised=pack.months_capitalised)
    return Calendar(capitalised=pack.months_capitalised,
                    month_names=_collect(locales, "months", list(range(1, 13))),
                    day_names=_collect(locales, "days", list(range(7))),  # 0 = Monday
                    dotted=_dotted(locales),
                    inflect_as=pack.code if pack.inflect_months else None)


@dataclass(frozen=True)
class NumberFormat:
    """How the language writes numbers."""

    decimal: str = "."
    group: str = ","  # every character that may group thousands
    # Days written as ordinals before a month ("3. Mai"): from CLDR's long date pattern.
    ordinal_day: bool = False
    date_patterns: tuple[str, ...] = ()  # CLDR's full/long/medium/short date patterns


def number_format_for(pack: LanguagePack) -> NumberFormat:
    """The pack's number symbols and date patterns from CLDR (its first locale)."""
    loc = _locale(pack.cldr_locales[0])
    if loc is None:
        return NumberFormat(group="," + SPACE_GROUPS + pack.extra_group_symbols)
    symbols = loc.number_symbols.get("latn", loc.number_symbols)
    decimal = symbols.get("decimal", ".")
    group = symbols.get("group", ",")
    groups = group + SPACE_GROUPS + pack.extra_group_symbols
    patterns = tuple(loc.date_formats[k].pattern for k in ("full", "long", "medium", "short"))
    long_pattern = re.sub(r"'[^']*'", "", patterns[1])
    ordinal = re.search(r"(?<!d)d{1,2}\.", long_pattern) is not None and "M" in long_pattern
    return NumberFormat(decimal=decimal, group="".join(dict.fromkeys(groups)),
                        ordinal_day=ordinal, date_patterns=patterns)


def date_lines(calendar: Calendar, numbers: NumberFormat) -> re.Pattern[str]:
    """A line that is only a date, in any of the language's CLDR date patterns."""
    alternatives = "|".join(f"(?:{date_regex(p, calendar)})" for p in numbers.date_patterns)
    return re.compile(rf"^(?:{alternatives})\.?$", re.I)


def date_regex(pattern: str, calendar: Calendar) -> str:
    """A regex for dates written as the CLDR `pattern` says ("d. MMMM y" → "3. Mai 2020"),
    month and weekday names from `calendar`. A quoted word at the end ("y 'г'.") is
    optional: people write "2020 года" or nothing as often."""
    tail = re.search(r"\s*'[^']*'\.?$", pattern)
    if tail and tail.start() > 0:
        head = date_regex(pattern[:tail.start()], calendar)
        return f"{head}(?:{_fields(tail.group(), calendar)})?"
    return _fields(pattern, calendar)


def _fields(pattern: str, calendar: Calendar) -> str:
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"'(?:[^']|'')*'|([A-Za-z])\1*", pattern):
        out.append(_literal(pattern[pos:m.start()]))
        pos = m.end()
        token = m.group()
        if token.startswith("'"):
            out.append(re.escape(token[1:-1].replace("''", "'")))
            continue
        letter, n = token[0], len(token)
        if letter == "d":
            out.append(r"\d{1,2}")
        elif letter in "ML":
            if n <= 2:
                out.append(r"\d{1,2}")
            else:
                width = "wide" if n == 4 else "abbreviated"
                out.append(f"(?:{alternation(calendar.names([(c, width) for c in CONTEXTS]))})"
                           r"\.?")
        elif letter in "yu":
            out.append(r"\d{2}" if n == 2 else r"\d{4}")
        elif letter in "Ec":
            days = alternation(calendar.names([(c, w) for c in CONTEXTS for w in WIDTHS],
                                              days=True))
            out.append(f"(?:{days})\\.?")
        else:
            out.append(re.escape(token))
    out.append(_literal(pattern[pos:]))
    return "".join(out)


def _literal(text: str) -> str:
    return "".join(r"\s*" if ch.isspace() else re.escape(ch) for ch in text)
