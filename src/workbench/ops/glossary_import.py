"""`workbench glossary import FILE`: terms from another tool's termbase (TBX 2008/Basic,
TBX v3, OmegaT tab-separated, CSV) into `glossary.yaml`, edited as a ruamel round trip
so its comments, order and layout stay as they are.

Each concept with a term in the glossary's source and in its target language becomes an
entry: source terms (deprecated ones aside) its forms, abbreviations (by termType) its
`abbr`, the preferred (else the first) target term its canonical English, other admitted
ones its variants, deprecated/superseded ones its forbidden forms, definitions and notes
its notes. A concept that shares a source form or the canonical English with an entry
(already there, or earlier in the file) is merged into it and reported; the result is
checked as the glossary is on load (forms claimed twice, …) before anything is written.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from workbench.errors import WorkbenchError, read_text
from workbench.formats.termbase import Concept, read_termbase
from workbench.glossary import glossary_from_text
from workbench.glossary.schema import KINDS
from workbench.store.atomic import atomic_write

if TYPE_CHECKING:
    from workbench.project import Project

_SLUG = regex.compile(r"[^\p{Ll}\p{Lu}\p{Lo}0-9]+")


@dataclass
class GlossaryImport:
    path: Path
    format: str
    added: list[str] = field(default_factory=list)  # new term ids
    merged: list[tuple[str, str]] = field(default_factory=list)  # (term id, what was added)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (concept, why)
    concepts: int = 0


def _lang_ok(code: str, wanted: str) -> bool:
    return code.replace("_", "-").split("-")[0].casefold() == wanted.casefold()


def _slug(text: str) -> str:
    """A glossary id from a term: ASCII letters (accents dropped), digits and '-'."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in folded if c.isascii())
    slug = regex.sub("-+", "-", _SLUG.sub("-", ascii_text)).strip("-")
    return slug[:60].strip("-") or "term"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _flow(items):
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _entry_from(concept: Concept, src: str, tgt: str) -> dict | str:
    """A new entry's fields, or why the concept cannot be one."""
    source = [t for t in concept.terms if _lang_ok(t.lang, src)]
    target = [t for t in concept.terms if _lang_ok(t.lang, tgt)]
    forms = list(dict.fromkeys(t.text for t in source if t.status != "deprecated"))
    allowed = [t for t in target if t.status != "deprecated"]
    if not forms or not allowed:
        langs = ", ".join(sorted({t.lang for t in concept.terms})) or "none"
        return f"no {src} and {tgt} term (languages: {langs})"
    preferred = next((t for t in allowed if t.status == "preferred"), allowed[0])
    abbr = [t.text for t in source if t.type in ("abbreviation", "acronym", "shortForm")
            and t.status != "deprecated"]
    variants = [t.text for t in allowed if t.text != preferred.text]
    forbidden = [t.text for t in target if t.status == "deprecated"
                 and t.text not in variants and t.text != preferred.text]
    kind = concept.subject.strip().lower() if concept.subject.strip().lower() in KINDS \
        else "other"
    return {"ru": [f for f in forms if f not in abbr], "abbr": abbr, "en": preferred.text,
            "variants": list(dict.fromkeys(variants)),
            "forbidden": list(dict.fromkeys(forbidden)), "kind": kind,
            "notes": " ".join(dict.fromkeys(" ".join(n.split()) for n in concept.notes
                                            if n.strip()))}


def import_glossary(project: Project, path: str | Path, *,
                    glossary_path: Path | None = None) -> GlossaryImport:
    """Merge a termbase into the glossary (written only when the result validates)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    path = Path(path)
    target_path = Path(glossary_path or project.glossary_path)
    original = read_text(target_path) if target_path.is_file() else "terms: []\n"
    current = glossary_from_text(original, target_path)  # a broken glossary is reported first
    src, tgt = current.source_lang, current.target_lang
    kind, concepts = read_termbase(path, source_lang=src, target_lang=tgt)
    report = GlossaryImport(path=path, format=kind, concepts=len(concepts))
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.preserve_quotes = True
    doc = yaml.load(original) or CommentedMap()
    if doc.get("terms") is None:
        doc["terms"] = CommentedSeq()
    terms = doc["terms"]
    by_form: dict[str, CommentedMap] = {}
    ids = set()

    def index(node: CommentedMap) -> None:
        ids.add(node["id"])
        for form in _as_list(node.get(src)) + _as_list(node.get("abbr")):
            by_form.setdefault(_fold(form), node)
        by_form.setdefault("en:" + _fold(str(node.get(tgt, ""))), node)

    for node in terms:
        index(node)
    for concept in concepts:
        fields = _entry_from(concept, src, tgt)
        if isinstance(fields, str):
            report.skipped.append((concept.id, fields))
            continue
        keys = [_fold(f) for f in fields["ru"] + fields["abbr"]] + ["en:" + _fold(fields["en"])]
        existing = next((by_form[k] for k in keys if k in by_form), None)
        if existing is not None:
            what = _merge(existing, fields, src, tgt)
            report.merged.append((str(existing["id"]), what))
            index(existing)
            continue
        term_id = base = _slug(fields["en"])
        n = 1
        while term_id in ids:
            n += 1
            term_id = f"{base}-{n}"
        node = CommentedMap()
        node["id"] = term_id
        node["kind"] = fields["kind"]
        if fields["ru"]:
            node[src] = _flow(fields["ru"])
        if fields["abbr"]:
            node["abbr"] = _flow(fields["abbr"])
        node[tgt] = fields["en"]
        if fields["variants"]:
            node[f"{tgt}_variants"] = _flow(fields["variants"])
        if fields["forbidden"]:
            node[f"{tgt}_forbidden"] = _flow(fields["forbidden"])
        if fields["notes"]:
            node["notes"] = fields["notes"]
        terms.append(node)
        index(node)
        report.added.append(term_id)
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    text = buffer.getvalue()
    try:
        glossary_from_text(text, target_path)
    except WorkbenchError as exc:
        raise WorkbenchError(f"importing {path.name} would break the glossary: {exc.message}",
                             path=target_path, fix="fix the termbase or the clashing entry; "
                             "glossary.yaml was not changed") from None
    if report.added or report.merged:
        atomic_write(target_path, text.encode("utf-8"))
    return report


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _merge(node, fields: dict, src: str, tgt: str) -> str:
    """Add what an imported duplicate has that the entry lacks; say what."""
    added = []
    known = {_fold(f) for f in _as_list(node.get(src)) + _as_list(node.get("abbr"))}
    allowed = {_fold(f) for f in [str(node.get(tgt, "")), *_as_list(node.get(f"{tgt}_variants"))]}
    forbidden = {_fold(f) for f in _as_list(node.get(f"{tgt}_forbidden"))}
    for key, forms, pool in ((src, fields["ru"], known), ("abbr", fields["abbr"], known)):
        new = [f for f in forms if _fold(f) not in pool]
        if new:
            _extend(node, key, new)
            pool.update(_fold(f) for f in new)
            added.append(f"{key} {', '.join(new)}")
    variants = [f for f in [fields["en"], *fields["variants"]]
                if _fold(f) not in allowed and _fold(f) not in forbidden]
    if variants:
        _extend(node, f"{tgt}_variants", variants)
        added.append(f"variants {', '.join(variants)}")
    bad = [f for f in fields["forbidden"] if _fold(f) not in forbidden and _fold(f) not in allowed]
    if bad:
        _extend(node, f"{tgt}_forbidden", bad)
        added.append(f"forbidden {', '.join(bad)}")
    return "; ".join(added) if added else "nothing new"


def _extend(node, key: str, forms: list[str]) -> None:
    value = node.get(key)
    if value is None:
        node[key] = _flow(forms)
    elif isinstance(value, str):
        node[key] = _flow([value, *forms])
    else:
        value.extend(forms)
