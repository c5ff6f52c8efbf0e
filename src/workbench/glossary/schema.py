"""The glossary.yaml schema: loading with line numbers, validation, and the entries.

    terms:
      - id: cprf
        kind: party
        ru: [Коммунистическая партия Российской Федерации, КПРФ]
        en: Communist Party of the Russian Federation
        en_variants: [CPRF]
        en_forbidden: [Communist party of the Russian Federation, KPRF]

Field names follow the glossary's languages (`source_lang`/`target_lang` at the top,
ru/en by default); the entries always expose them as `.ru`/`.en`/… (source/target).
Every problem is a WorkbenchError naming the file and line: one bad entry must never
pass silently, because the QA rules would then enforce the wrong thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from workbench.errors import WorkbenchError
from workbench.glossary.tokens import is_abbreviation_form

KINDS = ("party", "org", "position", "person", "place", "other")
EN_FORMS = ("possessive", "plural")
TOP_FIELDS = ("version", "source_lang", "target_lang", "terms")
ID_RE = regex.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class Entry:
    """One glossary term. `ru` holds full source-language forms (matched in any
    inflection), `abbr` abbreviations (matched exactly, case-sensitive), `en` the
    canonical English (the fix for every forbidden variant)."""

    id: str
    kind: str
    ru: tuple[str, ...]
    abbr: tuple[str, ...]
    en: str
    en_variants: tuple[str, ...] = ()
    en_forbidden: tuple[str, ...] = ()
    en_forms: tuple[str, ...] = ("possessive",)  # inflections the English may take
    notes: str = ""
    line: int = 0  # where the entry starts in glossary.yaml (1-based; 0: not from a file)

    @property
    def source_forms(self) -> tuple[str, ...]:
        return self.ru + self.abbr

    @property
    def allowed_en(self) -> tuple[str, ...]:
        return (self.en, *self.en_variants)


@dataclass(frozen=True)
class GlossaryData:
    path: Path | None
    source_lang: str
    target_lang: str
    entries: tuple[Entry, ...]


def _line(node, key=None, index=None) -> int | None:
    """1-based line of a mapping key or sequence item of a ruamel round-trip node."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is not None:
            return lc.key(key)[0] + 1
        if index is not None:
            return lc.item(index)[0] + 1
        return lc.line + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1


def parse_yaml(text: str, path: Path | None):
    """Round-trip parse (keeps line numbers); YAML errors become file:line errors."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        if "!" in text:
            _refuse_tags(yaml, text, path)
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise WorkbenchError(f"YAML syntax error: {problem}", path=path, line=line,
                             fix="fix the indentation or quoting on that line") from None
    except YAMLError as exc:  # e.g. duplicate keys in one mapping
        raise WorkbenchError(f"YAML error: {exc}", path=path,
                             fix="fix the YAML syntax") from None


def _refuse_tags(yaml, text: str, path: Path | None) -> None:
    """A glossary holds plain text, lists and mappings: a YAML tag (`!!python/object…`,
    `!foo`, even `!!str`) is refused with its line rather than read as text or as
    an object."""
    from ruamel.yaml.tokens import TagToken

    for token in yaml.scan(text):
        if isinstance(token, TagToken):
            handle, suffix = token.value
            raise WorkbenchError(f"YAML tag {(handle or '') + (suffix or '')!r} is not allowed",
                                 path=path, line=token.start_mark.line + 1,
                                 fix="remove the tag (write the value as plain text)")


def _strings(value, node, key, path, what: str) -> tuple[str, ...]:
    """A field that takes one string or a list of strings."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise WorkbenchError(f"{what} must be a string or a list of strings", path=path,
                             line=_line(node, key=key), fix=f"write `{key}: [form, form]`")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            line = _line(value, index=i) if value is not items else _line(node, key=key)
            raise WorkbenchError(f"{what}: item {i + 1} is empty or not text", path=path,
                                 line=line, fix="remove it or write the form as text")
        out.append(" ".join(item.split()))
    return tuple(out)


def _entry(node, src: str, tgt: str, path: Path | None) -> Entry:
    line = _line(node)
    if not isinstance(node, dict):
        raise WorkbenchError("a term must be a mapping (id:, kind:, …)", path=path, line=line,
                             fix="start the term with `- id: …`")
    fields = {"id", "kind", src, "abbr", tgt, f"{tgt}_variants", f"{tgt}_forbidden",
              f"{tgt}_forms", "notes"}
    for key in node:
        if key not in fields:
            raise WorkbenchError(f"unknown field {key!r}", path=path, line=_line(node, key=key),
                                 fix=f"use one of: {', '.join(sorted(fields))}")
    term_id = node.get("id")
    if not isinstance(term_id, str) or not ID_RE.fullmatch(term_id):
        raise WorkbenchError(f"term id {term_id!r} is missing or not a slug", path=path,
                             line=_line(node, key="id") if "id" in node else line,
                             fix="use lower-case letters, digits, '-', '.', '_'")
    kind = node.get("kind", "other")
    if kind not in KINDS:
        raise WorkbenchError(f"term {term_id!r}: unknown kind {kind!r}", path=path,
                             line=_line(node, key="kind"), fix=f"use one of: {', '.join(KINDS)}")
    canonical = node.get(tgt)
    if not isinstance(canonical, str) or not canonical.strip():
        raise WorkbenchError(f"term {term_id!r}: the canonical {tgt!r} is empty or not text",
                             path=path,
                             line=_line(node, key=tgt) if tgt in node else line,
                             fix=f"write `{tgt}: <canonical English>`")
    forms = _strings(node.get(src), node, src, path, f"term {term_id!r}: {src}")
    abbr = _strings(node.get("abbr"), node, "abbr", path, f"term {term_id!r}: abbr")
    full = tuple(f for f in forms if not is_abbreviation_form(f))
    abbr += tuple(f for f in forms if f not in full)
    en_forms: tuple[str, ...] = ("possessive",)
    if f"{tgt}_forms" in node:
        en_forms = _strings(node.get(f"{tgt}_forms"), node, f"{tgt}_forms", path,
                            f"term {term_id!r}: {tgt}_forms")
    for form in en_forms:
        if form not in EN_FORMS:
            raise WorkbenchError(f"term {term_id!r}: unknown {tgt}_forms value {form!r}",
                                 path=path, line=_line(node, key=f"{tgt}_forms"),
                                 fix=f"use {', '.join(EN_FORMS)}")
    notes = node.get("notes") or ""
    if not isinstance(notes, str):
        raise WorkbenchError(f"term {term_id!r}: notes must be text", path=path,
                             line=_line(node, key="notes"), fix="quote the notes")
    return Entry(
        id=term_id, kind=kind, ru=full, abbr=abbr, en=" ".join(canonical.split()),
        en_variants=_strings(node.get(f"{tgt}_variants"), node, f"{tgt}_variants", path,
                             f"term {term_id!r}: {tgt}_variants"),
        en_forbidden=_strings(node.get(f"{tgt}_forbidden"), node, f"{tgt}_forbidden", path,
                              f"term {term_id!r}: {tgt}_forbidden"),
        en_forms=en_forms, notes=notes.strip(), line=line or 0,
    )


def parse_glossary(text: str, path: Path | None = None) -> GlossaryData:
    """Parse and check the structure of a glossary (conflicts are checked when the
    matchers are built, because they are conflicts of lemmas, not of spellings)."""
    doc = parse_yaml(text, path)
    if doc is None:
        doc = {"terms": []}
    if not isinstance(doc, dict):
        raise WorkbenchError("the glossary must be a mapping with a `terms:` list", path=path,
                             line=1, fix="start the file with `terms:`")
    for key in doc:
        if key not in TOP_FIELDS:
            raise WorkbenchError(f"unknown top-level field {key!r}", path=path,
                                 line=_line(doc, key=key), fix=f"use {', '.join(TOP_FIELDS)}")
    src = str(doc.get("source_lang", "ru"))
    tgt = str(doc.get("target_lang", "en"))
    terms = doc.get("terms") or []
    if not isinstance(terms, list):
        raise WorkbenchError("`terms:` must be a list of terms", path=path,
                             line=_line(doc, key="terms"), fix="write each term as `- id: …`")
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    for node in terms:
        entry = _entry(node, src, tgt, path)
        if entry.id in seen:
            raise WorkbenchError(f"duplicate term id {entry.id!r} (first on line "
                                 f"{seen[entry.id].line})", path=path, line=entry.line,
                                 fix="give each term its own id or merge the two")
        seen[entry.id] = entry
        entries.append(entry)
    return GlossaryData(path=path, source_lang=src, target_lang=tgt, entries=tuple(entries))
