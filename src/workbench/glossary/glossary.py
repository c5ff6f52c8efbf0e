"""The Glossary: entries plus one source and one target matcher built from them, and
the conflict checks that need the matchers (two entries claiming one lemma sequence)."""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import regex

from workbench.corpus.normalise import normalise
from workbench.errors import WorkbenchError, file_error, read_text
from workbench.glossary.lemmas import keyer_for
from workbench.glossary.match import (
    Candidate,
    SourceMatcher,
    TargetForm,
    TargetMatcher,
    resolve,
)
from workbench.glossary.schema import Entry, GlossaryData, parse_glossary
from workbench.glossary.tokens import fold, is_abbreviation_form, tokenize
from workbench.model import TermHit

STATUS_ORDER = {"canonical": 0, "variant": 1, "forbidden": 2}


@dataclass(frozen=True)
class TargetHit:
    """A target-language hit with what QA needs: the entry, how it matched, and the
    correctly cased form it stands for (the capitalisation fix)."""

    hit: TermHit
    entry: Entry
    status: str  # canonical | variant | forbidden | miscased
    form: str  # the listed form the text corresponds to
    suffix: str = ""  # "possessive" | "plural" | ""

    @property
    def cased_fix(self) -> str:
        """The listed form with the text's inflection kept ("Party's", "Parties")."""
        if self.suffix == "possessive":
            return self.form + self.hit.text[-2:]
        if self.suffix == "plural":
            last = self.hit.text.split()[-1]
            stem = self.form.split()[-1]
            tail = last[len(stem) - (1 if stem.lower().endswith("y") else 0):]
            return self.form[: len(self.form) - (1 if stem.lower().endswith("y") else 0)] + tail
        return self.form


def _same_case(text_word: str, form_word: str, inflected: bool) -> bool:
    text_word, form_word = text_word.replace("’", "'"), form_word.replace("’", "'")
    if not inflected:
        return text_word == form_word
    return text_word[: len(form_word) - 1] == form_word[:-1]  # "Parties"/"Party", "CPRF’s"


# Characters the normalised view drops or expands (zero-width, BOM, soft hyphen, "…").
OFFSET_CHANGING = regex.compile("[\u200b\u200c\u200d\ufeff\u00ad\u2026]")


def _view(text: str):
    """The normalised matching view (NFC, invisible characters and soft hyphens dropped,
    exotic spaces, quotes and dashes plain, Latin look-alikes in Cyrillic words fixed) and
    its offset map, or (text, None) when it changes no offset-relevant character."""
    if unicodedata.is_normalized("NFC", text) and not OFFSET_CHANGING.search(text):
        return text, None  # the common case: words are normalised token by token
    view = normalise(text)
    if len(view.text) == len(text) and view.offsets[-1] == len(text) \
            and view.offsets == tuple(range(len(text) + 1)):
        return text, None  # same offsets: match the original (quotes, dashes kept)
    return view.text, view


def _remap(h: TargetHit, text: str, back) -> TargetHit:
    start, end = back.span_to_original(h.hit.start, h.hit.end)
    hit = dataclasses.replace(h.hit, start=start, end=end, text=text[start:end])
    return dataclasses.replace(h, hit=hit)


class Glossary:
    """A loaded, validated glossary with its matchers (built once, at load)."""

    def __init__(self, data: GlossaryData) -> None:
        self.path = data.path
        self.source_lang = data.source_lang
        self.target_lang = data.target_lang
        self.entries: tuple[Entry, ...] = data.entries
        self._by_id = {e.id: e for e in self.entries}
        self._source = SourceMatcher(keyer_for(self.source_lang))
        self._target = TargetMatcher()
        self._build()

    # ---- building and conflicts -------------------------------------------------
    def _conflict(self, what: str, form: str, entry: Entry, other: Entry) -> WorkbenchError:
        return WorkbenchError(
            f"{what} {form!r} of term {entry.id!r} is already claimed by term {other.id!r} "
            f"(line {other.line})", path=self.path, line=entry.line or None,
            fix="keep the form in one entry only")

    def _build(self) -> None:
        claimed: dict[tuple[str, ...], Entry] = {}
        for index, entry in enumerate(self.entries):
            for form in entry.source_forms:
                options = self._source.form_options(form)
                if not options:
                    raise WorkbenchError(f"term {entry.id!r}: form {form!r} has no words",
                                         path=self.path, line=entry.line or None,
                                         fix="write the form in letters")
                other = claimed.setdefault(self._source.form_key(form), entry)
                if other is not entry:
                    raise self._conflict(f"{self.source_lang} form", form, entry, other)
                kind = "abbr" if is_abbreviation_form(form) else "full"
                self._source.insert(options, (index, kind))
        en_claimed: dict[tuple[str, ...], Entry] = {}
        for index, entry in enumerate(self.entries):
            forms = [(entry.en, "canonical")] + [(v, "variant") for v in entry.en_variants] \
                + [(f, "forbidden") for f in entry.en_forbidden]
            for text, status in forms:
                words = tuple(t.text for t in tokenize(text))
                key = tuple(fold(w) for w in words)
                if not key:
                    raise WorkbenchError(f"term {entry.id!r}: {self.target_lang} form {text!r} "
                                         "has no words", path=self.path, line=entry.line or None,
                                         fix="write the form in letters")
                other = en_claimed.setdefault(key, entry)
                if other is not entry:
                    raise self._conflict(f"{self.target_lang} form", text, entry, other)
                exact = is_abbreviation_form(text)
                self._target.add(TargetForm(index, status, text, words, exact))
        for entry in self.entries:  # one spelling listed as allowed and forbidden
            clash = set(entry.allowed_en) & set(entry.en_forbidden)
            if clash:
                raise WorkbenchError(f"term {entry.id!r}: {sorted(clash)[0]!r} is both allowed "
                                     "and forbidden", path=self.path, line=entry.line or None,
                                     fix="remove it from one of the lists")

    # ---- lookup -----------------------------------------------------------------
    def term(self, term_id: str) -> Entry:
        try:
            return self._by_id[term_id]
        except KeyError:
            raise WorkbenchError(f"no term {term_id!r} in the glossary", path=self.path,
                                 fix="check the id with `workbench glossary validate`") from None

    def __len__(self) -> int:
        return len(self.entries)

    # ---- source side --------------------------------------------------------------
    def match_source(self, text: str, *, overlapping: bool = False) -> list[TermHit]:
        """Terms in source-language text, any inflection; longest-first without overlaps
        (or every match, nested ones included, with `overlapping=True`)."""
        entries = self.entries
        view, back = _view(text)
        if not overlapping:
            spans = [(start, end, item) for start, end, item in self._source.resolved(view)]
        else:
            spans = list(dict.fromkeys((c.start, c.end, c.payload)
                                       for c in self._source.candidates(view)))
        out = []
        for start, end, (index, kind) in spans:
            if back is not None:
                start, end = back.span_to_original(start, end)
            out.append(TermHit(entries[index].id, start, end, text[start:end], kind))
        return out

    # ---- target side --------------------------------------------------------------
    def _allows(self, index: int, detail: str) -> bool:
        return detail in self.entries[index].en_forms

    def _classify(self, text: str, cand: Candidate) -> TargetHit | None:
        span = text[cand.start:cand.end]
        words = [t.text for t in tokenize(span)]
        forms: list[TargetForm] = sorted(cand.payload, key=lambda f: STATUS_ORDER[f.status])
        inflected = bool(cand.detail)

        def equal(form: TargetForm) -> bool:
            return len(form.words) == len(words) and all(
                _same_case(w, fw, inflected and k == len(words) - 1)
                for k, (w, fw) in enumerate(zip(words, form.words, strict=True)))

        status, chosen = "", None
        for form in forms:
            if equal(form):
                status, chosen = form.status, form
                break
        if chosen is None:
            loose = [f for f in forms if not f.exact_case]
            if not loose:
                return None
            chosen = loose[0]
            letters = [c for c in span if c.isalpha()]
            rest_equal = all(_same_case(w, fw, inflected and k == len(words) - 1)
                             for k, (w, fw) in enumerate(zip(words, chosen.words, strict=True))
                             if k > 0)
            if all(c.isupper() for c in letters) and len(letters) > 1:
                status = chosen.status  # a heading in capitals: not a capitalisation error
            elif words[0][:1].islower() and chosen.words[0][:1].isupper():
                if not rest_equal or len(words) == 1:
                    return None  # "a communist party": a common noun, not the name
                status = chosen.status  # "the representative of the Central Committee"
            else:
                status = "miscased"
        entry = self.entries[chosen.entry_index]
        end = cand.end
        if chosen.text.endswith(".") and text.startswith(".", end):  # "U.S." keeps its stop
            end += 1
        hit = TermHit(entry.id, cand.start, end, text[cand.start:end], status)
        return TargetHit(hit, entry, status, chosen.text, cand.detail)

    def target_hits(self, text: str, *, overlapping: bool = False) -> list[TargetHit]:
        """Glossary names in target-language text, with their status."""
        view, back = _view(text)
        if back is not None:  # match in the normalised view, report in the original
            return [_remap(h, text, back) for h in self.target_hits(view,
                                                                     overlapping=overlapping)]
        classified: dict[Candidate, TargetHit] = {}
        for cand in self._target.candidates(text, self._allows):
            hit = self._classify(text, cand)
            if hit is not None:
                classified[cand] = hit
        if not overlapping:
            return [classified[c] for c in resolve(list(classified))]
        out = list(classified.values())
        seen, unique = set(), []
        for h in out:
            key = (h.hit.start, h.hit.end, h.entry.id)
            if key not in seen:
                seen.add(key)
                unique.append(h)
        return unique

    def match_target(self, text: str) -> list[TermHit]:
        """Glossary names in target-language text (canonical, variants, forbidden, miscased)."""
        return [h.hit for h in self.target_hits(text)]


def glossary_from_text(text: str, path: str | Path | None = None) -> Glossary:
    return Glossary(parse_glossary(text, Path(path) if path is not None else None))


_CACHE: dict[tuple, Glossary] = {}


def load_glossary(path: str | Path) -> Glossary:
    """Load and validate a glossary file (cached while the file is unchanged)."""
    path = Path(path)
    missing, fix = "glossary not found", "create glossary.yaml or pass --glossary FILE"
    try:
        stat = path.stat()  # before reading: a change in between is seen next time
    except OSError as exc:
        raise file_error(path, exc, missing=missing, fix=fix) from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key in _CACHE:
        return _CACHE[key]
    text = read_text(path, missing=missing, fix=fix)
    glossary = glossary_from_text(text, path)
    _CACHE.clear()
    _CACHE[key] = glossary
    return glossary
